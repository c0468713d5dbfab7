// One file in the drawer: its detail with loans and history, and the person
// in full once revealed (archive.write; the server audits each reveal). The
// full values live only while the drawer is open.
import { ref } from 'vue';
import { describeError } from '@/api/client';
import { getFile, revealFile, type FileDetail } from '@/api/archives';
import { confirmAction } from '@/utils/feedback';

export function useFileDrawer() {
  const id = ref<number | null>(null);
  const detail = ref<FileDetail | null>(null);
  const loading = ref(false);
  const error = ref('');
  const person = ref<{ id_number: string; name: string } | null>(null);
  const revealError = ref('');

  async function load() {
    const want = id.value;
    if (want === null) return;
    loading.value = true;
    error.value = '';
    try {
      const d = await getFile(want);
      if (id.value === want) detail.value = d;
    } catch (e) {
      if (id.value === want) error.value = describeError(e);
    } finally {
      if (id.value === want) loading.value = false;
    }
  }

  function open(which: number) {
    forget();
    id.value = which;
    void load();
  }

  function forget() {
    id.value = null;
    detail.value = null;
    person.value = null;
    revealError.value = '';
    error.value = '';
  }

  async function reveal() {
    const want = id.value;
    if (want === null) return;
    if (!(await confirmAction('查看完整姓名和身份证号将记入审计日志。仅在核对纸质档案时查看。', '查看档案人员', '确认查看'))) return;
    revealError.value = '';
    try {
      const p = await revealFile(want);
      if (id.value === want) person.value = p;
    } catch (e) {
      if (id.value === want) revealError.value = describeError(e);
    }
  }

  return { id, detail, loading, error, person, revealError, open, forget, load, reveal };
}
