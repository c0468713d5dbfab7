// The service catalog (docs/api/catalog.md) and its item document
// (docs/catalog-item.md, 十二个统一). Enumerations travel as English codes;
// the label maps below are the Chinese names every screen shows.
import { buildQuery, request } from './client';

// --- Enumerations ---------------------------------------------------------------

export type ItemType =
  | 'administrative_license' | 'administrative_payment' | 'administrative_confirmation'
  | 'administrative_ruling' | 'public_service' | 'other';
export type ItemLevel = 'city' | 'district' | 'street' | 'community';
export type ServiceObject = 'person' | 'organization';
export type TimeLimitKind = 'immediate' | 'promised';
export type MaterialKind = 'form' | 'document' | 'proof';
export type MaterialForm = 'original' | 'copy' | 'original_and_copy' | 'electronic';
export type StepCode = 'consult' | 'intake' | 'review_first' | 'review_second' | 'approve' | 'recheck' | 'deliver';
export type ResultKind = 'certificate' | 'notice' | 'record' | 'payment' | 'service';
export type Delivery = 'window' | 'mail' | 'online' | 'bank';
export type Category = 'employment' | 'social_insurance' | 'labor_relations' | 'other';
export type ServiceLevel = 'street' | 'community';
export type Channel = 'window' | 'online' | 'mobile' | 'kiosk' | 'phone';
export type HighRisk = 'benefit_payment' | 'rate_setting';
export type LifeEvent =
  | 'graduation' | 'job_seeking' | 'unemployment' | 'startup' | 'insurance' | 'retirement' | 'injury'
  | 'disability' | 'dispute' | 'hardship' | 'migration';
export type VersionStatus = 'draft' | 'review' | 'published';

export const TYPE_LABELS: Record<ItemType, string> = {
  administrative_license: '行政许可',
  administrative_payment: '行政给付',
  administrative_confirmation: '行政确认',
  administrative_ruling: '行政裁决',
  public_service: '公共服务',
  other: '其他',
};
// ④ 行使层级 (not the org unit levels of api/org.ts).
export const ITEM_LEVEL_LABELS: Record<ItemLevel, string> = {
  city: '市级', district: '区级', street: '街道(乡镇)', community: '社区(村)',
};
export const SERVICE_OBJECT_LABELS: Record<ServiceObject, string> = { person: '自然人', organization: '法人' };
export const TIME_LIMIT_KIND_LABELS: Record<TimeLimitKind, string> = { immediate: '即办件', promised: '承诺件' };
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = { form: '表格', document: '证件', proof: '证明材料' };
export const MATERIAL_FORM_LABELS: Record<MaterialForm, string> = {
  original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子材料',
};
// docs/catalog-item.md names consult and intake without a label; these are
// the words its example (and the server) uses.
export const STEP_LABELS: Record<StepCode, string> = {
  consult: '咨询', intake: '受理', review_first: '初审', review_second: '复审', approve: '审批', recheck: '复核',
  deliver: '办结出件',
};
export const RESULT_KIND_LABELS: Record<ResultKind, string> = {
  certificate: '证照', notice: '决定/通知书', record: '登记备案', payment: '待遇发放', service: '服务',
};
export const DELIVERY_LABELS: Record<Delivery, string> = {
  window: '窗口领取', mail: '邮寄送达', online: '网上查询/下载', bank: '银行发放',
};
export const CATEGORY_LABELS: Record<Category, string> = {
  employment: '就业创业', social_insurance: '社会保险', labor_relations: '劳动关系', other: '其他',
};
export const SERVICE_LEVEL_LABELS: Record<ServiceLevel, string> = {
  street: '街道(乡镇)层面', community: '社区(村)层面',
};
export const CHANNEL_LABELS: Record<Channel, string> = {
  window: '窗口', online: '网上', mobile: '掌上', kiosk: '自助终端', phone: '电话咨询',
};
export const HIGH_RISK_LABELS: Record<HighRisk, string> = { benefit_payment: '待遇发放', rate_setting: '费率核定' };
export const LIFE_EVENT_LABELS: Record<LifeEvent, string> = {
  graduation: '毕业就业', job_seeking: '求职', unemployment: '失业', startup: '创业', insurance: '参保',
  retirement: '退休', injury: '工伤', disability: '残疾', dispute: '劳动纠纷', hardship: '就业困难',
  migration: '转移接续',
};
export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: '草稿', review: '待审核', published: '已发布',
};

// The twelve unified fields (十二个统一), ① to ⑫, keyed by document member.
export const TWELVE_FIELDS = [
  { key: 'name', mark: '①', label: '事项名称' },
  { key: 'type', mark: '②', label: '事项类型' },
  { key: 'legal_basis', mark: '③', label: '设定依据' },
  { key: 'levels', mark: '④', label: '行使层级' },
  { key: 'service_objects', mark: '⑤', label: '服务对象' },
  { key: 'time_limit', mark: '⑥', label: '办结时限' },
  { key: 'conditions', mark: '⑦', label: '受理条件' },
  { key: 'materials', mark: '⑧', label: '申请材料' },
  { key: 'process', mark: '⑨', label: '办理流程' },
  { key: 'result', mark: '⑩', label: '办理结果' },
  { key: 'fee', mark: '⑪', label: '收费标准' },
  { key: 'body', mark: '⑫', label: '实施主体' },
] as const;
export type TwelveFieldKey = (typeof TWELVE_FIELDS)[number]['key'];

// The label of a code, or the code itself when the map does not know it
// (a newer server may send codes this build has no label for).
export function labelOf<K extends string>(labels: Record<K, string>, code: string): string {
  return Object.prototype.hasOwnProperty.call(labels, code) ? labels[code as K] : code;
}

export function labelsOf<K extends string>(labels: Record<K, string>, codes: readonly string[], sep = '、'): string {
  return codes.map((c) => labelOf(labels, c)).join(sep);
}

// The entries of a label map in its order, for selects and checkbox groups.
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

// --- The item document (docs/catalog-item.md) ----------------------------------------
// A draft may be unfinished: the codes the server accepts empty are typed `| ''`.

export interface LegalBasis {
  law: string;
  article: string;
  text: string;
}

export interface TimeLimit {
  kind: TimeLimitKind | '';
  legal_days: number;     // 法定办结时限, working days
  promised_days: number;  // 承诺办结时限, never more than legal_days
}

export interface Material {
  name: string;
  kind: MaterialKind | '';
  form: MaterialForm | '';
  count: number;
  required: boolean;
  condition: string;      // when not required: the situation that requires it
  blank_form: string;     // kind form: file name of the blank form
  sample: string;         // kind form: file name of the filled sample
  shared: boolean;        // exempt: obtained by data sharing
  shared_source: string;
}

export interface ProcessStep {
  step: StepCode;
  name: string;
  description: string;
}

export interface ItemResult {
  kind: ResultKind | '';
  name: string;
  delivery: Delivery[];
}

export interface Fee {
  free: boolean;
  amount: string;
  basis: string;
}

export interface ItemDocument {
  code: string;
  name: string;                       // ① 事项名称
  type: ItemType | '';                // ② 事项类型
  legal_basis: LegalBasis[];          // ③ 设定依据
  levels: ItemLevel[];                // ④ 行使层级
  service_objects: ServiceObject[];   // ⑤ 服务对象
  time_limit: TimeLimit;              // ⑥ 办结时限
  conditions: string[];               // ⑦ 受理条件
  materials: Material[];              // ⑧ 申请材料
  process: ProcessStep[];             // ⑨ 办理流程
  result: ItemResult;                 // ⑩ 办理结果
  fee: Fee;                           // ⑪ 收费标准
  body: string;                       // ⑫ 实施主体
  category: Category | '';
  service_level: ServiceLevel | '';
  channels: Channel[];
  citywide: boolean;                  // 全城通办
  high_risk: HighRisk | '';
  life_events: LifeEvent[];
  synonyms: string[];
  summary: string;
  demo: boolean;                      // demo content: a city must review it before use
}

// --- Answers ---------------------------------------------------------------------------

export interface Card {
  code: string;
  name: string;
  summary: string;
  category: string;
  category_label: string;
  service_level: ServiceLevel;
  service_level_label: string;
  time_limit_text: string;
  channels: string[];  // labels
  citywide: boolean;
  demo: boolean;
}

export interface VersionMeta {
  id: number;
  number: number;
  status: VersionStatus;
  effective_from: string | null;
  edited_by: string;
  edited_login?: string;
  submitted_by: string;
  submitted_login?: string;
  reviewed_by: string;
  reviewed_login?: string;
  review_note: string;
  reviewed_at: string | null;
  updated_at: string;
  row_version: number;
  withdrawn: boolean;
}

export interface Finding {
  rule: string;
  path: string;     // e.g. "materials[0].blank_form"
  message: string;  // Chinese
}

export interface Full extends Card {
  version: VersionMeta;
  document: ItemDocument;
  labels: {
    type: string;
    levels: string[];
    service_objects: string[];
    time_limit: string;
    materials: { kind: string; form: string }[];
    process: string[];
    result_kind: string;
    delivery: string[];
    high_risk: string;
    life_events: string[];
  };
  findings?: Finding[];  // GET /api/catalog/versions/:id only
}

export interface Summary {
  id: number;
  code: string;
  name: string;
  number: number;
  status: VersionStatus;
  category: string;
  category_label: string;
  service_level: string;
  service_level_label: string;
  edited_by: string;
  edited_login?: string;
  submitted_by: string;
  submitted_login?: string;
  reviewed_by: string;
  reviewed_login?: string;
  review_note: string;
  effective_from: string | null;
  reviewed_at: string | null;
  updated_at: string;
  withdrawn: boolean;
}

export interface Change {
  path: string;
  label: string;
  before: string;
  after: string;
}

export interface VersionDiff {
  from: number | null;  // version numbers; null when there is no earlier version
  to: number;
  changes: Change[];
}

export interface ConformanceItem {
  code: string;
  name: string;
  number: number;
  status: VersionStatus;
  category_label: string;
  findings: Finding[];
}

export interface ConformanceCategory {
  category: string;
  category_label: string;
  items: number;
  failing: number;
}

export interface Conformance {
  checked: number;
  failing: number;
  items: ConformanceItem[];
  by_category: ConformanceCategory[];
}

export interface CatalogFilter {
  q?: string;
  category?: Category | '';
  level?: ServiceLevel | '';
  event?: LifeEvent | '';
  site?: number | null;  // offered at this site (public list only)
}

// --- Public (no sign-in) ------------------------------------------------------------------

const enc = encodeURIComponent;

export const listGuides = (filter: CatalogFilter = {}, signal?: AbortSignal) =>
  request<{ items: Card[] }>(`/api/catalog/items${buildQuery({ ...filter })}`, signal ? { signal } : {});
export const getGuide = (code: string) => request<Full>(`/api/catalog/items/${enc(code)}`);
export const guidePdfUrl = (code: string) => `/api/catalog/items/${enc(code)}/guide.pdf`;

// Where an item is handled (implementation lists, 实施清单).
export interface Offer {
  id: number; unit_code: string; unit_name: string; item_code: string; item_name: string;
  site_id: number | null; site_name: string; windows: string; address: string; hours: string; phone: string;
  note: string; shown_address: string; shown_hours: string; shown_phone: string; version: number;
}
export const getGuideOffers = (code: string) => request<{ items: Offer[] }>(`/api/catalog/items/${enc(code)}/offers`);

// Answer search (issue 11, item 5): a question as people ask it -> the items
// whose guide answers it, best first (at most 8), each with up to 4 lines
// of its guide to read out. 400 field q when q is empty or over 100 characters.
export type AnswerField =
  | 'name' | 'summary' | 'conditions' | 'materials' | 'process' | 'time_limit' | 'fee' | 'result';
export interface CatalogAnswerLine {
  field: AnswerField;
  label: string;  // 受理条件 ...
  text: string;
}
export interface CatalogAnswer {
  code: string;
  name: string;
  score: number;
  lines: CatalogAnswerLine[];
}
export const searchAnswers = (q: string, signal?: AbortSignal) =>
  request<{ items: CatalogAnswer[] }>(`/api/catalog/answers${buildQuery({ q })}`, signal ? { signal } : {});

// --- Editors (catalog.manage; writes need it at the city unit) -----------------------

export const listCatalogItems = (filter: CatalogFilter = {}) =>
  request<{ items: Summary[] }>(`/api/catalog/admin/items${buildQuery({ ...filter })}`);
export const createCatalogItem = (document: Partial<ItemDocument> & Pick<ItemDocument, 'code' | 'name'>) =>
  request<Full>('/api/catalog/admin/items', { method: 'POST', body: { document } });
// Import (issue 5, item 8): all or nothing. The report has a row per
// document, in the order sent (row 1 is items[0]); 422 when nothing was
// imported because some row has problems.
export type ImportOutcome = 'created' | 'revised' | 'error';
export interface ImportRowReport {
  row: number;
  code: string;
  outcome: ImportOutcome;
  problems: Finding[];
}
export interface ImportReport {
  imported: boolean;
  rows: ImportRowReport[];
}
export const importCatalogItems = (items: ItemDocument[]) =>
  request<ImportReport>('/api/catalog/admin/import', { method: 'POST', body: { items }, answerStatuses: [422] });
export const listItemVersions = (code: string) =>
  request<{ items: Summary[] }>(`/api/catalog/admin/items/${enc(code)}/versions`);
export const createDraft = (code: string) =>
  request<Full>(`/api/catalog/admin/items/${enc(code)}/drafts`, { method: 'POST' });
export const withdrawItem = (code: string, reason: string) =>
  request<void>(`/api/catalog/admin/items/${enc(code)}/withdraw`, { method: 'POST', body: { reason } });
export const restoreItem = (code: string) =>
  request<void>(`/api/catalog/admin/items/${enc(code)}/restore`, { method: 'POST' });

export const getVersion = (id: number) => request<Full>(`/api/catalog/versions/${id}`);
export const saveVersion = (id: number, document: ItemDocument, rowVersion: number) =>
  request<Full>(`/api/catalog/versions/${id}`, { method: 'PUT', body: { document, row_version: rowVersion } });
export const submitVersion = (id: number, rowVersion: number) =>
  request<Full>(`/api/catalog/versions/${id}/submit`, { method: 'POST', body: { row_version: rowVersion } });
export interface ApproveInput {
  row_version: number;
  effective_from?: string;  // YYYY-MM-DD (Asia/Shanghai); absent: at once
  note?: string;
}
export const approveVersion = (id: number, input: ApproveInput) =>
  request<Full>(`/api/catalog/versions/${id}/approve`, { method: 'POST', body: input });
export const rejectVersion = (id: number, rowVersion: number, note: string) =>
  request<Full>(`/api/catalog/versions/${id}/reject`, { method: 'POST', body: { row_version: rowVersion, note } });
export const getVersionDiff = (id: number, against?: number) =>
  request<VersionDiff>(`/api/catalog/versions/${id}/diff${buildQuery({ against })}`);

export const getConformance = () => request<Conformance>('/api/catalog/conformance');
