// The checklist's one-click choices: a state and, for received materials,
// the form seen ("收到原件"), as one select value per material.
import { MATERIAL_STATE_LABELS, RECEIVED_FORM_LABELS, SCAN_TYPES, MAX_SCAN_BYTES } from '@/api/cases';
import type { Judgement, Material, ScanType } from '@/api/cases';
import type { MaterialForm } from '@/api/catalog';

export type Choice = 'pending' | `received:${MaterialForm}` | 'exempt' | 'missing' | 'defective' | 'not_applicable';

const FORMS: MaterialForm[] = ['original', 'copy', 'original_and_copy', 'electronic'];

export function choiceOf(m: Pick<Material, 'state' | 'received_form'>): Choice {
  if (m.state === 'received') return `received:${m.received_form || 'original'}`;
  return m.state;
}

// The choices a material offers: the expected form first; 不适用 only for a
// conditional material; 免提交 of non-shared data needs a reason.
export function choicesFor(m: Pick<Material, 'required' | 'shared' | 'expected_form'>): { value: Choice; label: string }[] {
  const forms = m.expected_form ? [m.expected_form, ...FORMS.filter((f) => f !== m.expected_form)] : FORMS;
  const out: { value: Choice; label: string }[] = forms.map((f) => ({
    value: `received:${f}` as Choice, label: RECEIVED_FORM_LABELS[f],
  }));
  out.push({ value: 'exempt', label: m.shared ? '共享免提交' : '免提交(须说明理由)' });
  out.push({ value: 'missing', label: MATERIAL_STATE_LABELS.missing });
  out.push({ value: 'defective', label: MATERIAL_STATE_LABELS.defective });
  if (!m.required) out.push({ value: 'not_applicable', label: MATERIAL_STATE_LABELS.not_applicable });
  return out;
}

// Missing and defective say why (the notice prints it); exempting a
// material that is not shared data says why too.
export function needsReason(choice: Choice, m: Pick<Material, 'shared'>): boolean {
  return choice === 'missing' || choice === 'defective' || (choice === 'exempt' && !m.shared);
}

export function judgementOf(choice: Choice, reason: string): Judgement {
  if (choice.startsWith('received:')) return { state: 'received', form: choice.slice('received:'.length) as MaterialForm };
  const state = choice as Exclude<Choice, `received:${string}`>;
  const text = reason.trim();
  return text ? { state, reason: text } : { state };
}

// The type to declare for a scan, from the browser's idea or the name; null
// when it is none of JPEG, PNG, PDF. (The server checks the content again.)
export function scanType(file: { type: string; name: string }): ScanType | null {
  if ((SCAN_TYPES as readonly string[]).includes(file.type)) return file.type as ScanType;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  if (ext === 'pdf') return 'application/pdf';
  return null;
}

// Why a file cannot be sent, or "".
export function scanProblem(file: { type: string; name: string; size: number }): string {
  if (scanType(file) === null) return `“${file.name}”不是 JPG、PNG 或 PDF 文件`;
  if (file.size > MAX_SCAN_BYTES) return `“${file.name}”超过 4 MB,请降低扫描分辨率后重试`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  return '';
}
