// 合规看板: one month of the rules of 三(七)(九) over a unit's sites and
// people; a site picked in the table narrows the people list to it. The unit
// lives in the URL (?unit=), so each drill-down step is a history entry and
// the back button goes up again.
import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { getCompliance, type Compliance, type SiteCompliance } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';
import { shanghaiDate } from '@/utils/time';
import { countByRule } from '../shared/rules';

export function useCompliance() {
  const month = ref(shanghaiDate(new Date()).slice(0, 7));
  const route = useRoute();
  const router = useRouter();
  // "" = the top of the caller's scope (the server's default). Leaving the
  // page changes the route before the page goes: the unit stays as it was.
  const page = route.name;
  let shown = '';
  const unit = computed<string>({
    get: () => {
      if (route.name === page) shown = typeof route.query.unit === 'string' ? route.query.unit : '';
      return shown;
    },
    set: (code) => {
      if (code === unit.value) return;
      void router.push({ query: { ...route.query, unit: code || undefined } });
    },
  });
  const site = ref<SiteCompliance | null>(null);
  const { data, loading, error, load } = useLatestRead<Compliance | null>(
    () => getCompliance(month.value, unit.value), null);

  const people = computed(() => {
    const all = data.value?.people ?? [];
    return site.value ? all.filter((p) => p.site_name === site.value?.site_name) : all;
  });
  const byRule = computed(() => countByRule([
    ...(data.value?.sites ?? []).map((s) => s.violations),
    ...(data.value?.people ?? []).map((p) => p.violations),
  ]));

  function pickSite(s: SiteCompliance | null) {
    site.value = s && site.value?.site_id === s.site_id ? null : s;
  }

  // The breadcrumb's first entry is the top of the scope: going there clears
  // the parameter rather than naming the unit.
  function drill(code: string) {
    unit.value = data.value?.path[0]?.code === code ? '' : code;
  }

  watch([month, unit], () => {
    site.value = null;
    void load();
  }, { immediate: true });
  return { month, unit, site, data, people, byRule, loading, error, load, pickSite, drill };
}
