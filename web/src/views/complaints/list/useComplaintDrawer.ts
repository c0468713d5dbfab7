// One complaint in the drawer: its detail with the text, and the reporter's
// identity once revealed (complaint.reveal; the server audits each reveal).
// The identity lives only while the drawer is open: closing drops it.
import { ref } from 'vue';
import { describeError } from '@/api/client';
import { getComplaint, revealReporter, type Complaint, type ComplaintDetail, type Reporter } from '@/api/complaints';
import { confirmAction } from '@/utils/feedback';

export function useComplaintDrawer() {
  const id = ref<number | null>(null);
  const detail = ref<ComplaintDetail | null>(null);
  const loading = ref(false);
  const error = ref('');
  const reporter = ref<Reporter | null>(null);
  const revealing = ref(false);
  const revealError = ref('');

  async function load() {
    const want = id.value;
    if (want === null) return;
    loading.value = true;
    error.value = '';
    try {
      const d = await getComplaint(want);
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
    reporter.value = null;
    revealError.value = '';
    error.value = '';
  }

  async function reveal() {
    const want = id.value;
    if (want === null || revealing.value) return;
    if (!(await confirmAction('查看投诉人身份将记入审计日志(查看人、时间、投诉编号)。仅在核实、答复或回访需要时查看。',
      '查看投诉人', '确认查看'))) return;
    revealing.value = true;
    revealError.value = '';
    try {
      const who = await revealReporter(want);
      if (id.value === want) reporter.value = who;
    } catch (e) {
      if (id.value === want) revealError.value = describeError(e);
    } finally {
      revealing.value = false;
    }
  }

  // A step's answer has no text: keep the one read with the detail.
  function update(c: Complaint) {
    if (detail.value && detail.value.id === c.id) detail.value = { ...c, content: detail.value.content };
  }

  return { id, detail, loading, error, reporter, revealing, revealError, open, forget, load, reveal, update };
}
