// 网上申请 (online application, docs/api/citizen.md): what a material asks
// of the applicant, the checks the server makes (done here first, so that
// people see every problem at its field before sending), where a server
// error belongs, and the body of the submission. Pure, tested without a browser.
import type { ApplicationInput, ApplyForm, ApplyItem, ApplyMaterial, ApplySite, MaterialUploads } from './api';
import { distanceKm, distanceText, type Position } from './sites';
import { isBusy, uploadedIds, type UploadEntry } from './upload';

export const NOTE_MAX = 500;
export const ADDRESS_MAX = 200;
export const MAIL = 'mail';

// shared: 部门共享, nothing to upload; required: at least one file;
// conditional: only in its situation (judged at 预审); optional: 选交.
export type MaterialNeed = 'shared' | 'required' | 'conditional' | 'optional';

// The server's rule: a required material that is not shared data and has no
// condition needs an upload.
export function materialNeed(m: Pick<ApplyMaterial, 'required' | 'condition' | 'shared'>): MaterialNeed {
  if (m.shared) return 'shared';
  if (m.condition.trim() !== '') return 'conditional';
  return m.required ? 'required' : 'optional';
}

// Items whose channels include 网上 or 掌上 take an online application.
export function offeredOnline(channels: readonly string[]): boolean {
  return channels.includes('online') || channels.includes('mobile');
}

export const SHARED_NOTE = '可由部门共享获取,无需上传';

export function limitText(tl: ApplyItem['time_limit']): string {
  if (tl.kind === 'immediate') return '即办件,材料齐全当场办结';
  if (tl.kind === 'promised' && tl.promised_days > 0) return `受理后 ${tl.promised_days} 个工作日内办结`;
  return '以受理时告知为准';
}

// A blank form or sample: a link where the catalog gives an address, else
// its file name to ask for at the hall.
export function fileRef(value: string): { href: string | null; text: string } {
  const v = value.trim();
  if (/^https?:\/\//i.test(v) || (v.startsWith('/') && !v.startsWith('//'))) {
    const name = decodeURIComponent(v.split(/[?#]/)[0]?.split('/').pop() ?? '') || v;
    return { href: v, text: name };
  }
  return { href: null, text: v };
}

// --- Phone ---------------------------------------------------------------------------------

const MOBILE = /^1[3-9]\d{9}$/;
// 0, the area code (2 or 3 more digits), an optional hyphen, 7 or 8 digits:
// the landlines privacy::validate_contact_phone takes.
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

// Spaces people type between groups of digits do not count.
export const normalizePhone = (phone: string): string => phone.replace(/[\s\u3000]+/g, '');

// A mobile or a landline with its area code (after normalizePhone).
export const isContactPhone = (p: string): boolean => (p.startsWith('1') ? MOBILE.test(p) : LANDLINE.test(p));
export const CONTACT_PHONE_FORMAT = '联系电话应为 11 位手机号码,或带区号的固定电话(如 010-65123456)';

// '' when fine. Without a phone on the account, one is needed to reach the applicant.
export function phoneProblem(phone: string, accountPhone: string): string {
  const p = normalizePhone(phone);
  if (p === '') return accountPhone ? '' : '请填写联系电话,办理进展将通过短信告知您';
  return isContactPhone(p) ? '' : CONTACT_PHONE_FORMAT;
}

// --- The form ---------------------------------------------------------------------------------

export interface ApplyDraft {
  phone: string;
  siteId: number | null;
  delivery: string;
  address: string;
  note: string;
  declaration: boolean;
}

export interface FieldProblem {
  field: string;    // the server's field name: phone, site_id, materials[2], ...
  message: string;
}

export const materialField = (idx: number) => `materials[${idx}]`;

const length = (s: string) => [...s].length;

// What stops a material's files from going ('' when nothing).
export function materialProblem(m: ApplyMaterial, entries: readonly UploadEntry[], need = materialNeed(m)): string {
  if (isBusy(entries)) return '文件还在上传,请等上传完成后再提交';
  if (need === 'required' && uploadedIds(entries).length === 0) return '请上传此项材料:可以拍照,也可以选择手机里的照片或 PDF 文件';
  return '';
}

// Every problem of the form, in the order of the page (the first is focused).
export function validateApplication(
  form: Pick<ApplyForm, 'item' | 'materials' | 'applicant'>, draft: ApplyDraft, filesOf: (idx: number) => readonly UploadEntry[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => { if (message) problems.push({ field, message }); };
  add('phone', phoneProblem(draft.phone, form.applicant.phone));
  add('site_id', draft.siteId === null ? '请选择办理地点' : '');
  add('delivery', form.item.delivery.some((d) => d.code === draft.delivery) ? '' : '请选择结果送达方式');
  if (draft.delivery === MAIL) {
    const a = draft.address.trim();
    add('address', a === '' ? '请填写邮寄地址' : length(a) > ADDRESS_MAX ? `邮寄地址不超过 ${ADDRESS_MAX} 字` : '');
  }
  for (const m of form.materials) add(materialField(m.idx), materialProblem(m, filesOf(m.idx)));
  add('note', length(draft.note.trim()) > NOTE_MAX ? `备注不超过 ${NOTE_MAX} 字` : '');
  add('declaration', draft.declaration ? '' : '请阅读承诺内容并勾选“我已阅读并承诺”');
  return problems;
}

const FORM_FIELDS = ['phone', 'site_id', 'delivery', 'address', 'note', 'declaration'] as const;

// The field of the page a server error belongs to: a field of the form, or
// the material of materials[2] / materials[2].uploads when the page has it;
// null for the form as a whole (item_code, X-CSRF-Token, ...).
export function fieldOf(serverField: string, materialIdxs: readonly number[] = []): string | null {
  if ((FORM_FIELDS as readonly string[]).includes(serverField)) return serverField;
  const m = /^materials\[(\d+)\]/.exec(serverField);
  if (m) {
    const idx = Number(m[1]);
    return materialIdxs.includes(idx) ? materialField(idx) : null;
  }
  return null;
}

// The element that takes focus for a field's problem (ids of pages/apply).
export function focusIdOf(field: string, prefix = 'apply'): string {
  const m = /^materials\[(\d+)\]$/.exec(field);
  if (m) return `${prefix}-material-${m[1]}`;
  if (field === 'site_id') return `${prefix}-site`;
  if (field === 'delivery') return `${prefix}-delivery-0`;
  return `${prefix}-${field}`;
}

export function applicationBody(itemCode: string, draft: ApplyDraft, materials: MaterialUploads[]): ApplicationInput {
  return {
    item_code: itemCode,
    site_id: draft.siteId ?? 0,
    phone: normalizePhone(draft.phone),
    delivery: draft.delivery,
    // The server takes an address only with mail.
    address: draft.delivery === MAIL ? draft.address.trim() : '',
    declaration: true,
    note: draft.note.trim(),
    materials,
  };
}

// --- Where ------------------------------------------------------------------------------------

export interface PlacedApplySite {
  site: ApplySite;
  km: number | null;
}

// Nearest first when the position is known (sites without one follow in the
// server's order); else the server's order (district, street, hall before points).
export function orderSites(sites: readonly ApplySite[], positions: ReadonlyMap<number, Position>, here: Position | null): PlacedApplySite[] {
  const placed = sites.map((site, i) => {
    const p = positions.get(site.id);
    return { site, km: here && p ? distanceKm(here, p) : null, i };
  });
  placed.sort((a, b) => {
    if (a.km !== null && b.km !== null) return a.km - b.km || a.i - b.i;
    if (a.km !== null) return -1;
    if (b.km !== null) return 1;
    return a.i - b.i;
  });
  return placed.map(({ site, km }) => ({ site, km }));
}

export function siteOptionText(p: PlacedApplySite): string {
  return [p.site.name, p.site.district_name, p.km !== null ? `距您 ${distanceText(p.km)}` : '']
    .filter((s) => s !== '').join(' · ');
}
