// The org units in the caller's scope, for the unit pickers on many pages.
// A failure leaves the list empty and says why; the page itself goes on.
import { onMounted, ref } from 'vue';
import { describeError } from '@/api/client';
import { listUnits, type Unit } from '@/api/org';

export function useUnits(options: { immediate?: boolean } = { immediate: true }) {
  const units = ref<Unit[]>([]);
  const unitsError = ref('');
  const unitsLoading = ref(false);

  async function loadUnits() {
    unitsLoading.value = true;
    unitsError.value = '';
    try {
      units.value = (await listUnits()).items;
    } catch (e) {
      unitsError.value = describeError(e);
    } finally {
      unitsLoading.value = false;
    }
  }

  if (options.immediate !== false) onMounted(loadUnits);
  return { units, unitsError, unitsLoading, loadUnits };
}
