// 业务台账: one unit's month (annex 一(四) 建立各项业务基础服务台账). Unit and
// month live in the URL (?unit=&month=), which the dashboard's 导出本期台账 fills.
import { computed, ref, watch } from 'vue';
import { getLedger, ledgerXlsxUrl, reportPdfUrl, type Ledger } from '@/api/stats';
import { useLatestRead } from '@/composables/useLatestRead';
import { shanghaiDate } from '@/utils/time';
import { useQueryParams } from '../shared/useQueryParams';

export type LedgerTab = 'units' | 'days' | 'items' | 'staffing';

export function useLedger() {
  const thisMonth = shanghaiDate(new Date()).slice(0, 7);
  const { params, key, update } = useQueryParams(['unit', 'month'] as const);
  // "" = the top of the caller's scope (the server's default).
  const unit = computed<string>({ get: () => params.value.unit, set: (code) => update({ unit: code }) });
  const month = computed<string>({
    get: () => params.value.month || thisMonth,
    set: (m) => update({ month: m === thisMonth ? '' : m }),
  });
  const tab = ref<LedgerTab>('units');
  const { data, loading, error, load } = useLatestRead<Ledger | null>(() => getLedger(unit.value, month.value), null);

  // The server names the file in Content-Disposition; this name is the
  // browser's fallback.
  const xlsxUrl = computed(() => ledgerXlsxUrl(unit.value, month.value));
  const xlsxName = computed(() => `${data.value?.unit.name ?? ''}${month.value}台账.xlsx`);
  const pdfUrl = computed(() => reportPdfUrl(unit.value, month.value));
  const pdfName = computed(() => `${data.value?.unit.name ?? ''}${month.value}工作月报.pdf`);

  watch(key, () => void load(), { immediate: true });
  return { unit, month, tab, data, loading, error, load, xlsxUrl, xlsxName, pdfUrl, pdfName };
}
