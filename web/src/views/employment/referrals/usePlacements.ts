// 公益性岗位 (附件一(一) 托底安置): the placements of the caller's units, the
// subsidies that run out (补贴即将到期 / 已到期) first.
import { computed, onMounted, ref, watch } from 'vue';
import { listPlacements, type Placement } from '@/api/employment';
import { useLatestRead } from '@/composables/useLatestRead';
import { sortPlacements, type PlacementFilter } from './format';
import { replaceById } from '@/utils/list';

export function usePlacements() {
  const state = ref<PlacementFilter>('active');
  const { data, loading, error, load } = useLatestRead<Placement[]>(
    async () => sortPlacements((await listPlacements(state.value)).items), []);
  const flagged = computed(() => data.value.filter((p) => p.flag !== '').length);

  watch(state, () => void load());
  onMounted(load);

  const replace = (p: Placement) => replaceById(data.value, p, state.value === 'all' || state.value === p.state);

  return { state, items: data, loading, error, load, replace, flagged };
}
