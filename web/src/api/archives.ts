// 失业人员档案 (docs/api/archives.md; policy annex 一(一) 失业人员档案管理服务,
// 三(五) 档案库房): the street's register of paper files (intake, location,
// moves, lending, return, transfer out) and the archive room checks. Names and
// ID numbers arrive masked; only revealFile opens them, and the server audits it.
// Reads need archive.read; every change archive.write (档案管理员 only).
import { buildQuery, request } from './client';

export type FileState = 'in_store' | 'lent' | 'transferred';
export type FileSource = 'transfer_in' | 'registration';
export type RoomFlag = 'temperature_low' | 'temperature_high' | 'humidity_low' | 'humidity_high' | 'extinguisher'
  | 'smoke_detector' | 'pests' | 'leaks';

export interface FileLocation {
  room: string;     // 库房
  cabinet: string;  // 柜
  shelf: string;    // 层
  box: string;      // 盒
}

export interface Loan {
  id: number;
  borrower_unit: string;
  borrower_name: string;  // masked; "" when none was given
  purpose: string;
  lent_day: string;
  due_day: string;
  state: 'open' | 'returned';
  state_name: string;
  returned_day: string;
  return_note: string;    // the file's condition on return
  lent_by_name: string;
  overdue: boolean;       // open and past the due day
}

export interface ArchiveFile extends FileLocation {
  id: number;
  file_no: string;        // DA-<street>-<year>-NNNN
  unit_code: string;
  unit_name: string;
  id_number: string;      // masked
  name: string;           // masked
  gender: 'M' | 'F';
  gender_name: string;
  birth_year: number;
  resident_id: number | null;
  source: FileSource;
  source_name: string;
  source_org: string;
  received_day: string;
  pages: number;
  note: string;
  state: FileState;
  state_name: string;
  transfer_to: string;
  transfer_reason: string;
  transfer_day: string;
  transfer_receipt: string;
  loan: Loan | null;      // the open loan
  overdue: boolean;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface FileEvent {
  kind: 'intake' | 'move' | 'lend' | 'return' | 'transfer';
  kind_name: string;
  detail: string;
  day: string;
  by_name: string;
  created_at: number;
}

export interface FileDetail extends ArchiveFile {
  loans: Loan[];          // newest first
  history: FileEvent[];   // oldest first
}

export interface FileInput extends FileLocation {
  unit_code?: string;     // the street; default the keeper's own unit
  id_number: string;
  name: string;
  source: FileSource;
  source_org?: string;    // transfer_in: the unit it came from
  received_day?: string;  // default today
  pages: number;
  note?: string;
}

export interface LoanInput {
  borrower_unit: string;
  borrower_name?: string;
  purpose: string;
  lent_day?: string;      // default today
  due_day?: string;       // default 5 working days on
}

export interface TransferInput {
  to_org: string;
  reason: string;
  day?: string;
  receipt_no: string;
}

export interface RoomCheck {
  id: number;
  unit_code: string;
  unit_name: string;
  room: string;
  checked_at: number;
  check_day: string;
  temperature: number;    // °C
  humidity: number;       // % RH
  extinguisher_ok: boolean;
  smoke_detector_ok: boolean;
  pests: boolean;
  leaks: boolean;
  note: string;
  flags: RoomFlag[];
  flag_names: string[];
  abnormal: boolean;
  checked_by_name: string;
}

export interface RoomCheckInput {
  unit_code?: string;
  room: string;
  checked_at?: number;
  temperature: number;
  humidity: number;
  extinguisher_ok: boolean;
  smoke_detector_ok: boolean;
  pests?: boolean;
  leaks?: boolean;
  note?: string;
}

export interface ArchiveRoom {
  unit_code: string;
  unit_name: string;
  room: string;
  files: number;          // in custody
  last_checked_at: number | null;
  last_check_day: string;
  last_abnormal: boolean;
}

export interface FileFilter {
  q?: string;             // file number, masked name or a full ID number
  state?: FileState | '';
  unit?: string;
  overdue?: boolean;
}

export interface CheckFilter {
  unit?: string;
  room?: string;
  from?: string;
  to?: string;
  abnormal?: boolean;
}

export const STATE_LABELS: Record<FileState, string> = { in_store: '在库', lent: '借出', transferred: '已转出' };
export const SOURCE_LABELS: Record<FileSource, string> = { registration: '失业登记新建', transfer_in: '转入' };
// JGJ 25-2010 档案防护, 纸质档案库.
export const TEMPERATURE_RANGE = [14, 24] as const;
export const HUMIDITY_RANGE = [45, 60] as const;

const base = '/api/archives';

export const listFiles = (f: FileFilter = {}) =>
  request<{ items: ArchiveFile[] }>(`${base}/files${buildQuery({
    q: f.q, state: f.state, unit: f.unit, overdue: f.overdue ? 1 : undefined,
  })}`);
export const getFile = (id: number) => request<FileDetail>(`${base}/files/${id}`);
export const takeFile = (input: FileInput) => request<ArchiveFile>(`${base}/files`, { method: 'POST', body: input });
export const revealFile = (id: number) =>
  request<{ id_number: string; name: string }>(`${base}/files/${id}/reveal`, { method: 'POST' });
export const moveFile = (id: number, to: FileLocation, version: number) =>
  request<ArchiveFile>(`${base}/files/${id}/move`, { method: 'POST', body: { ...to, version } });
export const lendFile = (id: number, input: LoanInput) =>
  request<ArchiveFile>(`${base}/files/${id}/lend`, { method: 'POST', body: input });
export const returnFile = (id: number, condition: string, returnedDay = '') =>
  request<ArchiveFile>(`${base}/files/${id}/return`, {
    method: 'POST', body: { condition, ...(returnedDay ? { returned_day: returnedDay } : {}) },
  });
export const transferFile = (id: number, input: TransferInput) =>
  request<ArchiveFile>(`${base}/files/${id}/transfer`, { method: 'POST', body: input });

export const listRoomChecks = (f: CheckFilter = {}) =>
  request<{ items: RoomCheck[] }>(`${base}/room-checks${buildQuery({
    unit: f.unit, room: f.room, from: f.from, to: f.to, abnormal: f.abnormal ? 1 : undefined,
  })}`);
export const recordRoomCheck = (input: RoomCheckInput) =>
  request<RoomCheck>(`${base}/room-checks`, { method: 'POST', body: input });
export const listRooms = () => request<{ items: ArchiveRoom[] }>(`${base}/rooms`);
