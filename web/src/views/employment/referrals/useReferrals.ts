// 推荐记录 (附件一(一) 职业介绍): the referrals of the caller's units by state,
// 待反馈 first since those wait for the worker.
import { onMounted, ref, watch } from 'vue';
import { listReferrals, type Referral, type ReferralState } from '@/api/employment';
import { useLatestRead } from '@/composables/useLatestRead';
import { replaceById } from '@/utils/list';

export function useReferrals() {
  const state = ref<ReferralState | ''>('referred');
  const { data, loading, error, load } = useLatestRead<Referral[]>(
    async () => (await listReferrals(state.value)).items, []);

  watch(state, () => void load());
  onMounted(load);

  // A referral that moved on: in place when it still fits the filter.
  const replace = (r: Referral) => replaceById(data.value, r, state.value === '' || state.value === r.state);

  return { state, items: data, loading, error, load, replace };
}
