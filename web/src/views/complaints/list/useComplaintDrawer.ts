// One complaint in the drawer: its detail with the text, and the reporter's
// identity once revealed (complaint.reveal; the server audits each reveal).
// The identity lives only while the drawer is open: closing drops it.
import { getComplaint, revealReporter, type Complaint, type ComplaintDetail, type Reporter } from '@/api/complaints';
import { useRecordDrawer } from '@/composables/useRecordDrawer';

export function useComplaintDrawer() {
  const drawer = useRecordDrawer<ComplaintDetail, Reporter>(getComplaint, {
    call: revealReporter,
    message: '查看投诉人身份将记入审计日志(查看人、时间、投诉编号)。仅在核实、答复或回访需要时查看。',
    title: '查看投诉人',
  });
  const { detail } = drawer;

  // A step's answer has no text: keep the one read with the detail.
  function update(c: Complaint) {
    if (detail.value && detail.value.id === c.id) detail.value = { ...c, content: detail.value.content };
  }

  return { ...drawer, reporter: drawer.revealed, revealing: drawer.revealBusy, update };
}
