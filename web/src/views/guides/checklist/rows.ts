// The lines of a printed material checklist (一次性告知): what to bring, in
// which form, how many, whether always or in which situation, and which
// ones need not be brought because the office gets them by data sharing.
import { MATERIAL_FORM_LABELS, MATERIAL_KIND_LABELS, labelOf, type Material } from '@/api/catalog';

export interface ChecklistRow {
  no: number;
  name: string;
  kind: string;      // 表格 / 证件 / 证明材料
  form: string;      // 原件 / 复印件 ...
  count: string;     // "1 份"
  need: string;      // 必需, or 视情形:...
  required: boolean;
  shared: boolean;
  notes: string[];   // 免提交 with its source; where the blank form is
}

export function checklistRows(materials: readonly Material[]): ChecklistRow[] {
  return materials.map((m, i) => {
    const notes: string[] = [];
    if (m.shared) notes.push(m.shared_source ? `免提交:由${m.shared_source}共享获取` : '免提交:由部门间数据共享获取');
    if (m.kind === 'form') notes.push('需填写的表格,空白表格和填写样表见办事指南或向窗口索取');
    return {
      no: i + 1,
      name: m.name,
      kind: m.kind ? labelOf(MATERIAL_KIND_LABELS, m.kind) : '',
      form: m.form ? labelOf(MATERIAL_FORM_LABELS, m.form) : '',
      count: m.count > 0 ? `${m.count} 份` : '—',
      need: m.required ? '必需' : `视情形:${m.condition || '按需提交'}`,
      required: m.required,
      shared: m.shared,
      notes,
    };
  });
}
