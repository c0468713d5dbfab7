// The keeper's steps on a file (archive.write): 移库 (versioned), 借出 (the
// due day defaults to 5 working days on, worked out by the server), 归还 with
// the file's condition, 转出 with the receiving unit and receipt number. The
// server's refusals (a lent file lent again, a lent file transferred) show as
// they come, in Chinese; `refused` then tells the drawer to reload the file,
// which another keeper (or another tab) has changed meanwhile.
import { reactive, ref } from 'vue';
import {
  lendFile, moveFile, returnFile, transferFile, type ArchiveFile,
} from '@/api/archives';
import { ApiError } from '@/api/client';
import { useServerErrors } from '@/utils/form-errors';
import { beijingToday } from '../shared/format';

export type FileAction = 'move' | 'lend' | 'return' | 'transfer';

export const ACTION_TITLES: Record<FileAction, string> = { move: '移库', lend: '借出', return: '归还', transfer: '转出' };
export const ACTION_DONE: Record<FileAction, string> = { move: '已移库', lend: '已借出', return: '已归还', transfer: '已转出' };

const FIELDS = ['room', 'cabinet', 'shelf', 'box', 'borrower_unit', 'borrower_name', 'purpose', 'lent_day', 'due_day',
  'returned_day', 'condition', 'to_org', 'reason', 'day', 'receipt_no'] as const;

// current: the file as the drawer has it now (its version after a reload).
export function useFileAction(kind: FileAction, current: () => ArchiveFile) {
  const today = beijingToday();
  const file = current();
  const form = reactive({
    room: file.room, cabinet: file.cabinet, shelf: file.shelf, box: file.box,
    borrower_unit: '', borrower_name: '', purpose: '', lent_day: today, due_day: '',
    returned_day: today, condition: '完好,无缺页',
    to_org: '', reason: '', day: today, receipt_no: '',
  });
  const saving = ref(false);
  const refused = ref(false);  // the file's state or version had changed
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);

  function send(): Promise<ArchiveFile> {
    const f = form;
    const file = current();
    if (kind === 'move') {
      return moveFile(file.id, { room: f.room.trim(), cabinet: f.cabinet.trim(), shelf: f.shelf.trim(), box: f.box.trim() },
        file.version);
    }
    if (kind === 'lend') {
      return lendFile(file.id, {
        borrower_unit: f.borrower_unit.trim(), purpose: f.purpose.trim(), lent_day: f.lent_day,
        ...(f.borrower_name.trim() ? { borrower_name: f.borrower_name.trim() } : {}),
        ...(f.due_day ? { due_day: f.due_day } : {}),
      });
    }
    if (kind === 'return') return returnFile(file.id, f.condition.trim(), f.returned_day);
    return transferFile(file.id, { to_org: f.to_org.trim(), reason: f.reason.trim(), day: f.day, receipt_no: f.receipt_no.trim() });
  }

  async function save(): Promise<ArchiveFile | null> {
    if (saving.value) return null;
    saving.value = true;
    refused.value = false;
    clear();
    try {
      return await send();
    } catch (e) {
      show(e);
      refused.value = e instanceof ApiError && (e.status === 409 || e.status === 422);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, refused, fieldErrors, formError, save };
}
