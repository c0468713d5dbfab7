// The catalog item document on screen (docs/catalog-item.md): defaults for
// missing members, the clean-up before saving, and the readable texts that
// guides and editors share. Pure, so it is tested without a browser.
import {
  DELIVERY_LABELS, MATERIAL_FORM_LABELS, STEP_LABELS, TWELVE_FIELDS, labelOf,
  type Finding, type ItemDocument, type LegalBasis, type Material, type ProcessStep, type StepCode,
} from '@/api/catalog';

export function emptyLegalBasis(): LegalBasis {
  return { law: '', article: '', text: '' };
}

export function emptyMaterial(): Material {
  return {
    name: '', kind: 'document', form: 'original', count: 1, required: true, condition: '',
    blank_form: '', sample: '', shared: false, shared_source: '',
  };
}

export function emptyStep(step: StepCode = 'intake'): ProcessStep {
  return { step, name: '', description: '' };
}

// Every member present, nothing filled in.
export function emptyDocument(code = '', name = ''): ItemDocument {
  return {
    code, name, type: '', legal_basis: [], levels: [], service_objects: [],
    time_limit: { kind: '', legal_days: 0, promised_days: 0 },
    conditions: [], materials: [], process: [],
    result: { kind: '', name: '', delivery: [] },
    fee: { free: true, amount: '', basis: '' },
    body: '', category: '', service_level: '', channels: [], citywide: false, high_risk: '',
    life_events: [], synonyms: [], summary: '', demo: false,
  };
}

// --- Normalising what the server (or an older version) sends ------------------------------

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const int = (v: unknown, fallback: number): number =>
  (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : []);
const objects = (v: unknown): Loose[] => (Array.isArray(v) ? v.filter(isObject) : []);

// A complete document from whatever arrived: absent or mistyped members take
// their defaults. Codes are kept as sent (labelOf shows unknown ones as is).
export function normalizeDocument(raw: unknown): ItemDocument {
  const d = isObject(raw) ? raw : {};
  const base = emptyDocument();
  const tl = isObject(d.time_limit) ? d.time_limit : {};
  const result = isObject(d.result) ? d.result : {};
  const fee = isObject(d.fee) ? d.fee : {};
  const material0 = emptyMaterial();
  return {
    code: str(d.code),
    name: str(d.name),
    type: str(d.type) as ItemDocument['type'],
    legal_basis: objects(d.legal_basis).map((b) => ({ law: str(b.law), article: str(b.article), text: str(b.text) })),
    levels: strings(d.levels) as ItemDocument['levels'],
    service_objects: strings(d.service_objects) as ItemDocument['service_objects'],
    time_limit: {
      kind: str(tl.kind) as ItemDocument['time_limit']['kind'],
      legal_days: int(tl.legal_days, 0),
      promised_days: int(tl.promised_days, 0),
    },
    conditions: strings(d.conditions),
    materials: objects(d.materials).map((m) => ({
      name: str(m.name),
      kind: str(m.kind) as Material['kind'],
      form: str(m.form) as Material['form'],
      count: int(m.count, material0.count),
      required: bool(m.required, material0.required),
      condition: str(m.condition),
      blank_form: str(m.blank_form),
      sample: str(m.sample),
      shared: bool(m.shared, false),
      shared_source: str(m.shared_source),
    })),
    process: objects(d.process).map((s) => ({
      step: str(s.step, 'intake') as StepCode, name: str(s.name), description: str(s.description),
    })),
    result: {
      kind: str(result.kind) as ItemDocument['result']['kind'],
      name: str(result.name),
      delivery: strings(result.delivery) as ItemDocument['result']['delivery'],
    },
    fee: { free: bool(fee.free, base.fee.free), amount: str(fee.amount), basis: str(fee.basis) },
    body: str(d.body),
    category: str(d.category) as ItemDocument['category'],
    service_level: str(d.service_level) as ItemDocument['service_level'],
    channels: strings(d.channels) as ItemDocument['channels'],
    citywide: bool(d.citywide, false),
    high_risk: str(d.high_risk) as ItemDocument['high_risk'],
    life_events: strings(d.life_events) as ItemDocument['life_events'],
    synonyms: strings(d.synonyms),
    summary: str(d.summary),
    demo: bool(d.demo, false),
  };
}

// --- Before saving ------------------------------------------------------------------------------

// The document as it is sent: text trimmed, empty list lines dropped, and the
// members the form hides cleared (a condition only for optional materials,
// blank form and sample only for forms, a source only when shared, amounts
// only when not free, no days for an immediate item), so that nothing the
// editor cannot see is published.
export function prepareForSave(doc: ItemDocument): ItemDocument {
  const d = normalizeDocument(JSON.parse(JSON.stringify(doc)) as unknown);
  const t = (s: string) => s.trim();
  const nonEmpty = (list: string[]) => list.map(t).filter((s) => s !== '');
  const immediate = d.time_limit.kind === 'immediate';
  return {
    ...d,
    name: t(d.name),
    legal_basis: d.legal_basis.map((b) => ({ law: t(b.law), article: t(b.article), text: t(b.text) })),
    time_limit: {
      kind: d.time_limit.kind,
      legal_days: immediate ? 0 : Math.max(0, d.time_limit.legal_days),
      promised_days: immediate ? 0 : Math.max(0, d.time_limit.promised_days),
    },
    conditions: nonEmpty(d.conditions),
    materials: d.materials.map((m) => ({
      ...m,
      name: t(m.name),
      count: Math.max(0, m.count),
      condition: m.required ? '' : t(m.condition),
      blank_form: m.kind === 'form' ? t(m.blank_form) : '',
      sample: m.kind === 'form' ? t(m.sample) : '',
      shared_source: m.shared ? t(m.shared_source) : '',
    })),
    process: d.process.map((s) => ({ step: s.step, name: t(s.name), description: t(s.description) })),
    result: { ...d.result, name: t(d.result.name) },
    fee: d.fee.free ? { free: true, amount: '', basis: '' } : { free: false, amount: t(d.fee.amount), basis: t(d.fee.basis) },
    body: t(d.body),
    synonyms: [...new Set(nonEmpty(d.synonyms))],
    summary: t(d.summary),
  };
}

// The same content, for "unsaved changes" checks.
export function sameDocument(a: ItemDocument, b: ItemDocument): boolean {
  return JSON.stringify(normalizeDocument(a)) === JSON.stringify(normalizeDocument(b));
}

// --- Readable texts (guides, read-only views) -------------------------------------------------------

export function timeLimitText(tl: ItemDocument['time_limit']): string {
  if (tl.kind === 'immediate') return '即办件(当场办结)';
  if (tl.kind === 'promised') return `承诺 ${tl.promised_days} 个工作日(法定 ${tl.legal_days} 个工作日)`;
  return '';
}

export function feeText(fee: ItemDocument['fee']): string {
  if (fee.free) return '不收费';
  return [fee.amount, fee.basis ? `收费依据:${fee.basis}` : ''].filter((s) => s !== '').join(';');
}

export function stepName(s: ProcessStep): string {
  return s.name.trim() || labelOf(STEP_LABELS, s.step);
}

export function deliveryText(result: ItemDocument['result']): string {
  return result.delivery.map((d) => labelOf(DELIVERY_LABELS, d)).join('、');
}

// The short facts about a material, in the order people check them.
export interface MaterialNote {
  key: 'form' | 'count' | 'required' | 'condition' | 'shared';
  text: string;
}

export function materialNotes(m: Material): MaterialNote[] {
  const notes: MaterialNote[] = [];
  if (m.form) notes.push({ key: 'form', text: labelOf(MATERIAL_FORM_LABELS, m.form) });
  if (m.count > 0) notes.push({ key: 'count', text: `${m.count} 份` });
  if (m.required) notes.push({ key: 'required', text: '必需' });
  else notes.push({ key: 'condition', text: m.condition ? `情形:${m.condition}` : '视情形提交' });
  if (m.shared) notes.push({ key: 'shared', text: m.shared_source ? `免提交(${m.shared_source})` : '免提交' });
  return notes;
}

// --- Checker findings beside the form ---------------------------------------------------------------

// The findings about exactly this path ("materials[0].blank_form").
export function findingsAt(findings: readonly Finding[], path: string): Finding[] {
  return findings.filter((f) => f.path === path);
}

// The findings about this path or anything inside it ("materials" covers
// "materials[2].sample").
export function findingsUnder(findings: readonly Finding[], prefix: string): Finding[] {
  return findings.filter((f) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`));
}

// The top-level member a path is about: "materials[2].sample" -> "materials".
export function memberOf(path: string): string {
  const m = /^[a-z_]+/.exec(path);
  return m ? m[0] : '';
}

const MEMBER_LABELS: Record<string, string> = {
  ...Object.fromEntries(TWELVE_FIELDS.map((f) => [f.key, f.label])),
  category: '所属类别', service_level: '服务层面', channels: '办理渠道', citywide: '全城通办',
  high_risk: '高风险', life_events: '人生事件', synonyms: '俗称', summary: '简要说明', demo: '演示内容',
  code: '事项编码',
};
const SUB_LABELS: Record<string, string> = {
  law: '法规名称', article: '条款', text: '条文', kind: '类别', form: '原件/复印件', count: '份数',
  required: '是否必需', condition: '情形', blank_form: '空白表格', sample: '样表', shared: '免提交',
  shared_source: '共享来源', step: '环节', description: '说明', legal_days: '法定时限', promised_days: '承诺时限',
  name: '名称', amount: '金额', basis: '依据', delivery: '送达方式',
};

// "materials[2].sample" -> "申请材料 第 3 项 · 样表", for people reading findings.
export function pathLabel(path: string): string {
  const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$/.exec(path);
  if (!m) return path;
  const [, member = '', index, sub] = m;
  let text = MEMBER_LABELS[member] ?? member;
  if (index !== undefined) text += ` 第 ${Number(index) + 1} 项`;
  if (sub !== undefined) text += ` · ${SUB_LABELS[sub] ?? sub}`;
  return text;
}
