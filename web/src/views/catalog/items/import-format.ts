// The spreadsheet format of the catalog import (issue 5, item 8): one item a
// row, one column a member of the item document (docs/catalog-item.md), with
// the lists that have parts (materials, steps, legal basis) written one entry
// a line and the parts separated by "|". Enumerations are accepted as the
// Chinese labels the screens show or as the English codes. Pure, so the
// conversion is tested without a browser; import-file.ts reads the files.
import {
  CATEGORY_LABELS, CHANNEL_LABELS, DELIVERY_LABELS, HIGH_RISK_LABELS, ITEM_LEVEL_LABELS, LIFE_EVENT_LABELS,
  MATERIAL_FORM_LABELS, MATERIAL_KIND_LABELS, RESULT_KIND_LABELS, SERVICE_LEVEL_LABELS, SERVICE_OBJECT_LABELS,
  STEP_LABELS, TIME_LIMIT_KIND_LABELS, TYPE_LABELS,
  type ImportRowReport, type ItemDocument, type LegalBasis, type Material, type ProcessStep,
} from '@/api/catalog';

// --- The columns -------------------------------------------------------------------------

export type ColumnKey =
  | 'code' | 'name' | 'type' | 'levels' | 'service_objects' | 'time_kind' | 'legal_days' | 'promised_days'
  | 'conditions' | 'materials' | 'process' | 'result_kind' | 'result_name' | 'delivery' | 'fee_charged'
  | 'fee_amount' | 'fee_basis' | 'body' | 'category' | 'service_level' | 'channels' | 'citywide' | 'high_risk'
  | 'life_events' | 'synonyms' | 'summary' | 'legal_basis';

export interface ImportColumn {
  key: ColumnKey;       // also accepted as the header (for generated files)
  header: string;       // the Chinese header of the template
  hint: string;         // how to fill it in (the template's 填写说明 sheet)
  example: string;      // the template's example row
  width: number;        // column width in the template, in characters
}

const labels = (map: Record<string, string>) => Object.values(map).join('、');

// The one definition of the format: the template, the 填写说明 sheet and the
// conversion all follow it.
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'code', header: '事项编码', width: 14,
    hint: '必填。形如 BJ-JYCY-001(BJ-类别字母-三位数字);已有的编码导入为该事项的新草稿',
    example: 'BJ-JYCY-901' },
  { key: 'name', header: '事项名称', width: 18, hint: '必填,不超过 60 个字', example: '失业登记' },
  { key: 'type', header: '事项类型', width: 12, hint: `${labels(TYPE_LABELS)} 之一`, example: '公共服务' },
  { key: 'levels', header: '行使层级', width: 16, hint: `${labels(ITEM_LEVEL_LABELS)},可填多个,用“、”或“;”分隔`,
    example: '街道(乡镇)、社区(村)' },
  { key: 'service_objects', header: '服务对象', width: 10, hint: `${labels(SERVICE_OBJECT_LABELS)},可填多个`,
    example: '自然人' },
  { key: 'time_kind', header: '时限类型', width: 10, hint: `${labels(TIME_LIMIT_KIND_LABELS)} 之一`, example: '承诺件' },
  { key: 'legal_days', header: '法定时限', width: 10, hint: '工作日数,即办件填 0 或留空', example: '15' },
  { key: 'promised_days', header: '承诺时限', width: 10, hint: '工作日数,不超过法定时限;即办件填 0 或留空', example: '5' },
  { key: 'conditions', header: '受理条件', width: 40, hint: '每行一条,或用“;”分隔',
    example: '在法定劳动年龄内,有劳动能力和就业要求,处于无业状态。\n本市户籍,或持有本市居住证。' },
  { key: 'materials', header: '申请材料', width: 60,
    hint: '每行一项:名称|类别|形式|份数|必需或情形|空白表格|样表|共享来源。'
      + `类别为 ${labels(MATERIAL_KIND_LABELS)};形式为 ${labels(MATERIAL_FORM_LABELS)};份数留空为 1;`
      + '“必需或情形”填“必需”,或写明需要提交的情形;类别为表格时须填空白表格和样表的文件名;'
      + '填了共享来源的材料为免提交(由部门间数据共享获取)',
    example: '居民身份证|证件|原件|1|必需\n'
      + '失业登记表|表格|原件|1|必需|BJ-JYCY-901-失业登记表.pdf|BJ-JYCY-901-失业登记表-样表.pdf\n'
      + '终止或者解除劳动关系证明|证明材料|复印件|1|系统中查询不到用人单位减员信息时提供\n'
      + '户籍信息|证明材料|电子材料|1|必需|||市公安局人口信息' },
  { key: 'process', header: '办理流程', width: 50,
    hint: `每行一步:环节|名称|说明。环节为 ${labels(STEP_LABELS)};审核环节按 初审→复审→审批→复核 的顺序`,
    example: '受理|受理|核验身份和申请材料,材料不全的一次性告知。\n'
      + '初审|初审|核对就业状态和登记条件。\n'
      + '办结出件|办结|在就业创业证上记载失业登记信息。' },
  { key: 'result_kind', header: '结果类型', width: 12, hint: `${labels(RESULT_KIND_LABELS)} 之一`, example: '登记备案' },
  { key: 'result_name', header: '结果名称', width: 20, hint: '办理结果的名称', example: '失业登记(就业创业证记载)' },
  { key: 'delivery', header: '送达方式', width: 16, hint: `${labels(DELIVERY_LABELS)},可填多个`,
    example: '窗口领取、网上查询/下载' },
  { key: 'fee_charged', header: '是否收费', width: 10, hint: '必填:“是”或“否”', example: '否' },
  { key: 'fee_amount', header: '收费金额', width: 12, hint: '收费时必填,例如“每份 10 元”', example: '' },
  { key: 'fee_basis', header: '收费依据', width: 20, hint: '收费时必填,写明文件名称和文号', example: '' },
  { key: 'body', header: '实施主体', width: 22, hint: '负责办理的机构', example: '街道(乡镇)社会保障事务所' },
  { key: 'category', header: '类别', width: 10, hint: `${labels(CATEGORY_LABELS)} 之一`, example: '就业创业' },
  { key: 'service_level', header: '服务层面', width: 14, hint: `${labels(SERVICE_LEVEL_LABELS)} 之一`,
    example: '街道(乡镇)层面' },
  { key: 'channels', header: '渠道', width: 16, hint: `${labels(CHANNEL_LABELS)},可填多个`, example: '窗口、网上、掌上' },
  { key: 'citywide', header: '全城通办', width: 10, hint: '“是”或“否”,留空为否', example: '是' },
  { key: 'high_risk', header: '高风险', width: 10, hint: `${labels(HIGH_RISK_LABELS)} 之一;不是高风险事项留空或填“否”`,
    example: '' },
  { key: 'life_events', header: '人生事件', width: 16, hint: `${labels(LIFE_EVENT_LABELS)},可填多个`, example: '失业、求职' },
  { key: 'synonyms', header: '俗称', width: 16, hint: '群众常用的叫法,可填多个,用“、”分隔', example: '失业证、登记失业' },
  { key: 'summary', header: '简要说明', width: 30, hint: '一句话说明,给群众看,不超过 200 个字',
    example: '没有工作、想找工作的人,可以办理失业登记,享受免费就业服务。' },
  { key: 'legal_basis', header: '设定依据', width: 50, hint: '每行一条:法规|条款|内容(摘要);至少一条',
    example: '《中华人民共和国就业促进法》|第四十三条|县级以上人民政府建立健全公共就业服务体系。\n'
      + '《就业服务与就业管理规定》|第六十三条|失业人员可以到常住地的公共就业服务机构进行失业登记。' },
];

export const MAX_IMPORT_ROWS = 2000;  // the server's limit per request

// --- Enumerations: labels or codes --------------------------------------------------------------

// Full-width and half-width forms alike, no spaces, lower case: "街道(乡镇)"
// and "街道(乡镇)" are the same word.
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

interface Enumeration {
  what: string;                    // for messages
  labels: Record<string, string>;  // code -> label
  lookup: Map<string, string>;     // normalised code, label or alias -> code
}

function enumeration(what: string, map: Record<string, string>, aliases: Record<string, string> = {}): Enumeration {
  const lookup = new Map<string, string>();
  for (const [code, label] of Object.entries(map)) {
    lookup.set(norm(code), code);
    lookup.set(norm(label), code);
    const short = norm(label).replace(/\(.*?\)/g, '');  // 街道(乡镇) -> 街道
    if (short && !lookup.has(short)) lookup.set(short, code);
  }
  for (const [alias, code] of Object.entries(aliases)) if (!lookup.has(norm(alias))) lookup.set(norm(alias), code);
  return { what, labels: map, lookup };
}

const ENUMS = {
  type: enumeration('事项类型', TYPE_LABELS),
  level: enumeration('行使层级', ITEM_LEVEL_LABELS, { 市: 'city', 区: 'district', 乡镇: 'street', 村: 'community' }),
  serviceObject: enumeration('服务对象', SERVICE_OBJECT_LABELS, { 个人: 'person', 单位: 'organization' }),
  timeKind: enumeration('时限类型', TIME_LIMIT_KIND_LABELS, { 即办: 'immediate', 承诺: 'promised' }),
  materialKind: enumeration('材料类别', MATERIAL_KIND_LABELS, { 证明: 'proof' }),
  materialForm: enumeration('材料形式', MATERIAL_FORM_LABELS, { 电子: 'electronic' }),
  step: enumeration('办理环节', STEP_LABELS, { 办结: 'deliver' }),
  resultKind: enumeration('结果类型', RESULT_KIND_LABELS),
  delivery: enumeration('送达方式', DELIVERY_LABELS, { 窗口: 'window', 邮寄: 'mail', 网上: 'online', 银行: 'bank' }),
  category: enumeration('类别', CATEGORY_LABELS),
  serviceLevel: enumeration('服务层面', SERVICE_LEVEL_LABELS, { 街道: 'street', 社区: 'community' }),
  channel: enumeration('渠道', CHANNEL_LABELS),
  highRisk: enumeration('高风险', HIGH_RISK_LABELS),
  lifeEvent: enumeration('人生事件', LIFE_EVENT_LABELS),
};

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0', '×']);

// --- Converting one row -------------------------------------------------------------------------------

export type RawRow = Partial<Record<ColumnKey, string>>;

export interface RowProblem {
  column: string;  // the Chinese header
  message: string;
}

export interface ConvertedRow {
  line: number;                   // the row of the sheet (the header is row 1)
  code: string;
  name: string;
  document: ItemDocument | null;  // null when the row has problems
  problems: RowProblem[];
}

const CODE = /^BJ-[A-Z]{1,9}-\d{3}$/;
const header = (key: ColumnKey) => IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
const lines = (text: string) => text.split(/\r\n|\r|\n/).map((s) => s.trim()).filter((s) => s !== '');
const parts = (line: string) => line.split(/[||]/).map((s) => s.trim());
const words = (text: string) => text.split(/[、;;,,\s]+/).map((s) => s.trim()).filter((s) => s !== '');

class RowReader {
  readonly problems: RowProblem[] = [];

  constructor(private readonly raw: RawRow) {}

  text(key: ColumnKey): string {
    return (this.raw[key] ?? '').replace(/\r\n|\r/g, '\n').trim();
  }

  problem(key: ColumnKey, message: string) {
    this.problems.push({ column: header(key), message });
  }

  // One value of an enumeration; "" when the cell is empty.
  one<C extends string>(key: ColumnKey, e: Enumeration, value = this.text(key), where = ''): C | '' {
    if (value === '') return '';
    const code = e.lookup.get(norm(value));
    if (code === undefined) {
      this.problem(key, `${where}${e.what}“${value}”无法识别,应为 ${labels(e.labels)} 之一`);
      return '';
    }
    return code as C;
  }

  many<C extends string>(key: ColumnKey, e: Enumeration): C[] {
    const out: C[] = [];
    for (const w of words(this.text(key))) {
      const code = this.one<C>(key, e, w);
      if (code !== '' && !out.includes(code)) out.push(code);
    }
    return out;
  }

  // A whole number in [lo, hi]; `empty` when the cell is empty. "15 个工作日" is 15.
  integer(key: ColumnKey, lo: number, hi: number, empty: number, value = this.text(key), where = ''): number {
    const v = value.replace(/(个)?(工作日|天|份)$/, '').trim();
    if (v === '') return empty;
    if (!/^\d+$/.test(v) || Number(v) < lo || Number(v) > hi) {
      this.problem(key, `${where}“${value}”应为 ${lo} 至 ${hi} 的整数`);
      return empty;
    }
    return Number(v);
  }

  // 是/否; `empty` when the cell is empty, undefined when it cannot tell.
  yesNo(key: ColumnKey, empty: boolean | undefined, extraYes: string[] = [], extraNo: string[] = []): boolean | undefined {
    const v = norm(this.text(key));
    if (v === '') return empty;
    if (YES.has(v) || extraYes.includes(v)) return true;
    if (NO.has(v) || extraNo.includes(v)) return false;
    this.problem(key, `“${this.text(key)}”应为“是”或“否”`);
    return undefined;
  }
}

// "必需" (or empty) means required; anything else is the situation that requires it.
const REQUIRED_WORDS = new Set(['必需', '必须', '必要', '必交', '必需提交', '是', 'required', 'true', 'y', 'yes']);
const NOT_A_CONDITION = new Set(['否', '非必需', '不必需', '可选', '选交', 'optional', 'false', 'n', 'no']);

function materialOf(r: RowReader, line: string, n: number): Material | null {
  const where = `第 ${n} 项材料:`;
  const [name = '', kind = '', form = '', count = '', need = '', blank = '', sample = '', source = '', ...extra] = parts(line);
  if (extra.some((e) => e !== '')) {
    r.problem('materials', `${where}分段过多,应为 名称|类别|形式|份数|必需或情形|空白表格|样表|共享来源`);
    return null;
  }
  if (name === '') {
    r.problem('materials', `${where}缺少名称`);
    return null;
  }
  const before = r.problems.length;
  const m: Material = {
    name,
    kind: r.one('materials', ENUMS.materialKind, kind, where),
    form: r.one('materials', ENUMS.materialForm, form, where),
    count: r.integer('materials', 0, 99, 1, count, where),
    required: true,
    condition: '',
    blank_form: blank,
    sample,
    shared: source !== '',
    shared_source: source,
  };
  if (kind === '') r.problem('materials', `${where}缺少类别(${labels(MATERIAL_KIND_LABELS)})`);
  if (form === '') r.problem('materials', `${where}缺少形式(${labels(MATERIAL_FORM_LABELS)})`);
  const needed = norm(need.replace(/^情形[::]/, ''));
  if (NOT_A_CONDITION.has(needed)) {
    r.problem('materials', `${where}非必需的材料请直接写明需要提交的情形,而不是“${need}”`);
  } else if (needed !== '' && !REQUIRED_WORDS.has(needed)) {
    m.required = false;
    m.condition = need.replace(/^情形[::]/, '').trim();
  }
  if (m.kind !== 'form' && (blank !== '' || sample !== '')) {
    r.problem('materials', `${where}只有类别为“表格”的材料才有空白表格和样表`);
  }
  return r.problems.length === before ? m : null;
}

function stepOf(r: RowReader, line: string, n: number): ProcessStep | null {
  const where = `第 ${n} 步:`;
  const [step = '', name = '', ...rest] = parts(line);
  if (step === '') {
    r.problem('process', `${where}缺少环节(${labels(STEP_LABELS)})`);
    return null;
  }
  const code = r.one<ProcessStep['step']>('process', ENUMS.step, step, where);
  if (code === '') return null;
  return { step: code, name: name || STEP_LABELS[code], description: rest.join('|').trim() };
}

function basisOf(r: RowReader, line: string, n: number): LegalBasis | null {
  const [law = '', article = '', ...rest] = parts(line);
  if (law === '') {
    r.problem('legal_basis', `第 ${n} 条:缺少法规名称`);
    return null;
  }
  return { law, article, text: rest.join('|').trim() };
}

// One condition a line; a single line may list them separated by ";".
function conditionsOf(text: string): string[] {
  const list = lines(text);
  return list.length === 1 ? list[0]!.split(/[;;]/).map((s) => s.trim()).filter((s) => s !== '') : list;
}

// The item document of one row, or the problems that keep it from being one.
// Only what cannot be written in the document is a problem here; whether the
// document is complete (十二个统一) is for the server's checker to report.
export function rowToDocument(raw: RawRow): { document: ItemDocument | null; problems: RowProblem[] } {
  const r = new RowReader(raw);
  const code = r.text('code').toUpperCase();
  if (code === '') r.problem('code', '未填写事项编码');
  else if (!CODE.test(code)) r.problem('code', `“${code}”格式不对,应形如 BJ-JYCY-001`);
  const name = r.text('name');
  if (name === '') r.problem('name', '未填写事项名称');

  const materials = lines(r.text('materials')).map((l, i) => materialOf(r, l, i + 1));
  const process = lines(r.text('process')).map((l, i) => stepOf(r, l, i + 1));
  const basis = lines(r.text('legal_basis')).map((l, i) => basisOf(r, l, i + 1));

  const charged = r.yesNo('fee_charged', undefined, ['收费'], ['不收费', '免费']);
  if (r.text('fee_charged') === '') r.problem('fee_charged', '未填写是否收费(填“是”或“否”)');
  const free = charged !== true;
  if (free && (r.text('fee_amount') !== '' || r.text('fee_basis') !== '')) {
    r.problem('fee_amount', '不收费的事项不应填写收费金额或收费依据');
  }

  const highRiskText = r.text('high_risk');
  const highRisk = NO.has(norm(highRiskText)) ? '' : r.one<ItemDocument['high_risk']>('high_risk', ENUMS.highRisk);

  const document: ItemDocument = {
    code,
    name,
    type: r.one('type', ENUMS.type),
    legal_basis: basis.filter((b): b is LegalBasis => b !== null),
    levels: r.many('levels', ENUMS.level),
    service_objects: r.many('service_objects', ENUMS.serviceObject),
    time_limit: {
      kind: r.one('time_kind', ENUMS.timeKind),
      legal_days: r.integer('legal_days', 0, 365, 0),
      promised_days: r.integer('promised_days', 0, 365, 0),
    },
    conditions: conditionsOf(r.text('conditions')),
    materials: materials.filter((m): m is Material => m !== null),
    process: process.filter((s): s is ProcessStep => s !== null),
    result: {
      kind: r.one('result_kind', ENUMS.resultKind),
      name: r.text('result_name'),
      delivery: r.many('delivery', ENUMS.delivery),
    },
    fee: free ? { free: true, amount: '', basis: '' } : { free: false, amount: r.text('fee_amount'), basis: r.text('fee_basis') },
    body: r.text('body'),
    category: r.one('category', ENUMS.category),
    service_level: r.one('service_level', ENUMS.serviceLevel),
    channels: r.many('channels', ENUMS.channel),
    citywide: r.yesNo('citywide', false, ['全城通办']) ?? false,
    high_risk: highRisk,
    life_events: r.many('life_events', ENUMS.lifeEvent),
    synonyms: [...new Set(words(r.text('synonyms')))],
    summary: r.text('summary').replace(/\s*\n\s*/g, ''),
    demo: false,
  };
  return { document: r.problems.length === 0 ? document : null, problems: r.problems };
}

// --- Converting a sheet ---------------------------------------------------------------------------------

export interface SheetConversion {
  fileProblems: string[];  // the file as a whole cannot be read (headers, size)
  rows: ConvertedRow[];
}

// "法定时限(工作日)" and "法定时限" name the same column; so does its key.
function columnOf(text: string): ColumnKey | null {
  const h = norm(text).replace(/\(.*?\)/g, '');
  const c = IMPORT_COLUMNS.find((col) => norm(col.header) === h || col.key === h);
  return c ? c.key : null;
}

// The rows of a sheet (row 1 the headers) as documents. Empty rows are
// skipped but keep their numbers, so problems point at the right row.
export function convertSheet(matrix: readonly (readonly string[])[]): SheetConversion {
  const fileProblems: string[] = [];
  const head = matrix[0] ?? [];
  const columns: (ColumnKey | null)[] = [];
  const seen = new Set<ColumnKey>();
  head.forEach((cell, i) => {
    const text = cell.trim();
    if (text === '') {
      columns.push(null);
      return;
    }
    const key = columnOf(text);
    if (key === null) fileProblems.push(`第 ${i + 1} 列的表头“${text}”无法识别,请使用模板中的表头`);
    else if (seen.has(key)) fileProblems.push(`表头“${header(key)}”出现了两次`);
    else seen.add(key);
    columns.push(key !== null && !columns.includes(key) ? key : null);
  });
  for (const key of ['code', 'name'] as const) {
    if (!seen.has(key)) fileProblems.push(`缺少“${header(key)}”列`);
  }

  const rows: ConvertedRow[] = [];
  for (let i = 1; i < matrix.length; i++) {
    const cells = matrix[i] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    const raw: RawRow = {};
    cells.forEach((cell, j) => {
      const key = columns[j];
      if (key) raw[key] = cell;
    });
    const { document, problems } = rowToDocument(raw);
    rows.push({ line: i + 1, code: (raw.code ?? '').trim().toUpperCase(), name: (raw.name ?? '').trim(), document, problems });
  }
  if (fileProblems.length === 0) {
    if (rows.length === 0) fileProblems.push('文件中没有事项数据(第 1 行为表头,从第 2 行起每行一个事项)');
    if (rows.length > MAX_IMPORT_ROWS) fileProblems.push(`一次最多导入 ${MAX_IMPORT_ROWS} 个事项,文件中有 ${rows.length} 个`);
  }

  // The same code twice would be refused by the server; say where.
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (row.code === '') continue;
    const earlier = firstLine.get(row.code);
    if (earlier === undefined) firstLine.set(row.code, row.line);
    else {
      row.problems.push({ column: header('code'), message: `与第 ${earlier} 行的事项编码重复` });
      row.document = null;
    }
  }
  return { fileProblems, rows };
}

// --- Cells and files ------------------------------------------------------------------------------------

// The text of a spreadsheet cell as exceljs gives it: plain values, rich
// text, formulas (their result), hyperlinks, dates (YYYY-MM-DD) and errors.
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: unknown; result?: unknown; formula?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) {
      return v.richText.map((run: unknown) => cellText((run as { text?: unknown }).text)).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
  }
  return '';
}

// CSV bytes as text: UTF-8 (with or without BOM), else GB18030, which is what
// Excel on a Chinese Windows writes for "CSV (逗号分隔)".
export function decodeCsv(bytes: ArrayBuffer | Uint8Array): string {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

// --- The template -------------------------------------------------------------------------------------------

export const templateHeaders = (): string[] => IMPORT_COLUMNS.map((c) => c.header);
export const templateExample = (): string[] => IMPORT_COLUMNS.map((c) => c.example);

// --- The server's report, on the sheet's rows --------------------------------------------------------------

export interface ReportLine extends ImportRowReport {
  line: number;  // the sheet's row
}

// The server numbers the documents it was sent from 1; people know the rows.
export function reportLines(sent: readonly ConvertedRow[], report: readonly ImportRowReport[]): ReportLine[] {
  return report.map((r) => ({ ...r, line: sent[r.row - 1]?.line ?? r.row }));
}
