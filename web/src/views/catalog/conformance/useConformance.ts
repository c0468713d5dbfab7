import { computed, onMounted, ref } from 'vue';
import { getConformance, type Conformance } from '@/api/catalog';
import { describeError } from '@/api/client';

export function useConformance() {
  const loading = ref(true);
  const error = ref('');
  const report = ref<Conformance | null>(null);

  const passing = computed(() => (report.value ? report.value.checked - report.value.failing : 0));
  const rate = computed(() => {
    const r = report.value;
    if (!r || r.checked === 0) return '—';
    return `${Math.floor((passing.value / r.checked) * 1000) / 10}%`;
  });

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      report.value = await getConformance();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  onMounted(load);
  return { loading, error, report, passing, rate, load };
}
