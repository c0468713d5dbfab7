// The import dialog's state: the file read into rows, the rows' problems
// (which block the upload), the upload and the server's report.
import { computed, ref } from 'vue';
import { importCatalogItems, type ItemDocument } from '@/api/catalog';
import { describeError } from '@/api/client';
import { useSystemStore } from '@/stores/system';
import { toastSuccess } from '@/utils/feedback';
import { downloadTemplate, readSheet } from './import-file';
import { convertSheet, reportLines, type ConvertedRow, type ReportLine } from './import-format';

export interface ImportResult {
  imported: boolean;
  lines: ReportLine[];
}

export function useCatalogImport(onImported: (count: number) => void) {
  const system = useSystemStore();
  const fileName = ref('');
  const reading = ref(false);
  const fileProblems = ref<string[]>([]);
  const rows = ref<ConvertedRow[]>([]);
  const submitting = ref(false);
  const actionError = ref('');
  const result = ref<ImportResult | null>(null);
  const templateBusy = ref(false);

  const badRows = computed(() => rows.value.filter((r) => r.problems.length > 0));
  const canSubmit = computed(() =>
    !reading.value && !submitting.value && rows.value.length > 0 && fileProblems.value.length === 0
    && badRows.value.length === 0);

  function reset() {
    fileName.value = '';
    fileProblems.value = [];
    rows.value = [];
    actionError.value = '';
    result.value = null;
  }

  async function pick(file: File) {
    reset();
    fileName.value = file.name;
    reading.value = true;
    try {
      const read = await readSheet(file);
      if (!read.ok) {
        fileProblems.value = [read.problem];
        return;
      }
      const converted = convertSheet(read.matrix);
      fileProblems.value = converted.fileProblems;
      rows.value = converted.rows;
    } catch {
      // The spreadsheet library is a chunk of its own: loading it can fail.
      fileProblems.value = ['无法读取文件:表格组件没有加载成功,请检查网络后重新选择文件'];
    } finally {
      reading.value = false;
    }
  }

  async function submit() {
    if (!canSubmit.value) return;
    actionError.value = '';
    const items = rows.value.map((r) => r.document).filter((d): d is ItemDocument => d !== null);
    const limit = system.info?.limits.max_body_bytes ?? 0;
    const size = new TextEncoder().encode(JSON.stringify({ items })).length;
    if (limit > 0 && size > limit) {
      actionError.value = `内容过大(${(size / 1048576).toFixed(1)} MB,上限 ${(limit / 1048576).toFixed(1)} MB),请分成几个文件导入`;
      return;
    }
    submitting.value = true;
    try {
      const report = await importCatalogItems(items);
      result.value = { imported: report.imported, lines: reportLines(rows.value, report.rows) };
      if (report.imported) {
        toastSuccess(`已导入 ${items.length} 个事项,均为草稿,请提交审核`);
        onImported(items.length);
      }
    } catch (e) {
      actionError.value = describeError(e);
    } finally {
      submitting.value = false;
    }
  }

  async function template() {
    actionError.value = '';
    templateBusy.value = true;
    try {
      await downloadTemplate();
    } catch {
      actionError.value = '无法生成模板:表格组件没有加载成功,请检查网络后重试';
    } finally {
      templateBusy.value = false;
    }
  }

  return {
    fileName, reading, fileProblems, rows, badRows, canSubmit, submitting, actionError, result, templateBusy,
    reset, pick, submit, template,
  };
}
