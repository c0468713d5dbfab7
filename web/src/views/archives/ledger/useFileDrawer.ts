// One file in the drawer: its detail with loans and history, and the person
// in full once revealed (archive.write; the server audits each reveal). The
// full values live only while the drawer is open.
import { getFile, revealFile, type FileDetail } from '@/api/archives';
import { useRecordDrawer } from '@/composables/useRecordDrawer';

export function useFileDrawer() {
  const drawer = useRecordDrawer<FileDetail, { id_number: string; name: string }>(getFile, {
    call: revealFile,
    message: '查看完整姓名和身份证号将记入审计日志。仅在核对纸质档案时查看。',
    title: '查看档案人员',
  });
  return { ...drawer, person: drawer.revealed };
}
