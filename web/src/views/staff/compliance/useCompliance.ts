// 合规看板: one month of the rules of 三(七)(九) over a unit's sites and
// people; a site picked in the table narrows the people list to it.
import { computed, ref, watch } from 'vue';
import { getCompliance, type Compliance, type SiteCompliance } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';
import { shanghaiDate } from '@/utils/time';
import { countByRule } from '../shared/rules';

export function useCompliance() {
  const month = ref(shanghaiDate(new Date()).slice(0, 7));
  const unit = ref('');
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

  watch([month, unit], () => {
    site.value = null;
    void load();
  }, { immediate: true });
  return { month, unit, site, data, people, byRule, loading, error, load, pickSite };
}
