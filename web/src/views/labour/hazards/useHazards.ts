// 矛盾隐患排查 (annex 一(三)): the hazards of the caller's units, open or
// resolved, those needing a follow-up (high risk, none for more than seven
// days) flagged; and the referrals to labour inspection.
import { computed, onMounted, ref, watch } from 'vue';
import { listHazards, listReferrals, type Hazard, type Referral, type Risk } from '@/api/labour';
import { useLatestRead } from '@/composables/useLatestRead';
import { upsertById } from '@/utils/list';

export type HazardTab = 'open' | 'resolved' | 'referrals';

export function useHazards() {
  const tab = ref<HazardTab>('open');
  const risk = ref<Risk | ''>('');
  const flaggedOnly = ref(false);
  const hazards = useLatestRead(async () => (await listHazards()).items, [] as Hazard[]);
  const referrals = useLatestRead(async () => (await listReferrals()).items, [] as Referral[]);
  const items = computed(() => hazards.data.value.filter((h) => h.state === tab.value
    && (risk.value === '' || h.risk === risk.value) && (!flaggedOnly.value || h.followup_overdue)));
  const counts = computed(() => ({
    open: hazards.data.value.filter((h) => h.state === 'open').length,
    resolved: hazards.data.value.filter((h) => h.state === 'resolved').length,
    referrals: referrals.data.value.filter((r) => r.state !== 'closed').length,
  }));
  const flaggedCount = computed(() => hazards.data.value.filter((h) => h.followup_overdue).length);

  const replace = (h: Hazard) => upsertById(hazards.data.value, h);
  const replaceReferral = (r: Referral) => upsertById(referrals.data.value, r);
  async function loadAll() {
    await Promise.all([hazards.load(), referrals.load()]);
  }

  watch(tab, (t) => t === 'referrals' && void referrals.load());
  onMounted(loadAll);
  return { tab, risk, flaggedOnly, hazards, referrals, items, counts, flaggedCount, replace, replaceReferral, loadAll };
}
