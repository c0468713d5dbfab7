import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ItemDocument } from '@/api/catalog';
import {
  IMPORT_COLUMNS, cellText, convertSheet, decodeCsv, reportLines, rowToDocument, templateExample, templateHeaders,
  type RawRow,
} from './import-format';
import { buildTemplate, csvMatrix, xlsxMatrix } from './import-file';

// The template's example row, keyed by column.
function example(): RawRow {
  return Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example])) as RawRow;
}

const EXPECTED: ItemDocument = {
  code: 'BJ-JYCY-901',
  name: '失业登记',
  type: 'public_service',
  legal_basis: [
    { law: '《中华人民共和国就业促进法》', article: '第四十三条', text: '县级以上人民政府建立健全公共就业服务体系。' },
    { law: '《就业服务与就业管理规定》', article: '第六十三条', text: '失业人员可以到常住地的公共就业服务机构进行失业登记。' },
  ],
  levels: ['street', 'community'],
  service_objects: ['person'],
  time_limit: { kind: 'promised', legal_days: 15, promised_days: 5 },
  conditions: ['在法定劳动年龄内,有劳动能力和就业要求,处于无业状态。', '本市户籍,或持有本市居住证。'],
  materials: [
    { name: '居民身份证', kind: 'document', form: 'original', count: 1, required: true, condition: '',
      blank_form: '', sample: '', shared: false, shared_source: '' },
    { name: '失业登记表', kind: 'form', form: 'original', count: 1, required: true, condition: '',
      blank_form: 'BJ-JYCY-901-失业登记表.pdf', sample: 'BJ-JYCY-901-失业登记表-样表.pdf', shared: false, shared_source: '' },
    { name: '终止或者解除劳动关系证明', kind: 'proof', form: 'copy', count: 1, required: false,
      condition: '系统中查询不到用人单位减员信息时提供', blank_form: '', sample: '', shared: false, shared_source: '' },
    { name: '户籍信息', kind: 'proof', form: 'electronic', count: 1, required: true, condition: '',
      blank_form: '', sample: '', shared: true, shared_source: '市公安局人口信息' },
  ],
  process: [
    { step: 'intake', name: '受理', description: '核验身份和申请材料,材料不全的一次性告知。' },
    { step: 'review_first', name: '初审', description: '核对就业状态和登记条件。' },
    { step: 'deliver', name: '办结', description: '在就业创业证上记载失业登记信息。' },
  ],
  result: { kind: 'record', name: '失业登记(就业创业证记载)', delivery: ['window', 'online'] },
  fee: { free: true, amount: '', basis: '' },
  body: '街道(乡镇)社会保障事务所',
  category: 'employment',
  service_level: 'street',
  channels: ['window', 'online', 'mobile'],
  citywide: true,
  high_risk: '',
  life_events: ['unemployment', 'job_seeking'],
  synonyms: ['失业证', '登记失业'],
  summary: '没有工作、想找工作的人,可以办理失业登记,享受免费就业服务。',
  demo: false,
};

function messages(raw: RawRow): string[] {
  return rowToDocument(raw).problems.map((p) => `${p.column}:${p.message}`);
}

describe('rowToDocument', () => {
  it('turns the template example, written with Chinese labels, into the item document', () => {
    const { document, problems } = rowToDocument(example());
    expect(problems).toEqual([]);
    expect(document).toEqual(EXPECTED);
  });

  it('accepts the English codes of the enumerations as well', () => {
    const row: RawRow = {
      ...example(),
      type: 'public_service',
      levels: 'street;community',
      service_objects: 'person',
      time_kind: 'promised',
      materials: '居民身份证|document|original|1|required\n'
        + '失业登记表|form|original|1|必需|BJ-JYCY-901-失业登记表.pdf|BJ-JYCY-901-失业登记表-样表.pdf\n'
        + '终止或者解除劳动关系证明|proof|copy|1|系统中查询不到用人单位减员信息时提供\n'
        + '户籍信息|proof|electronic||必需|||市公安局人口信息',
      process: 'intake|受理|核验身份和申请材料,材料不全的一次性告知。\nreview_first||核对就业状态和登记条件。\n'
        + 'deliver|办结|在就业创业证上记载失业登记信息。',
      result_kind: 'record',
      delivery: 'window, online',
      fee_charged: 'false',
      category: 'employment',
      service_level: 'street',
      channels: 'window online mobile',
      citywide: 'true',
      life_events: 'unemployment、job_seeking',
    };
    const { document, problems } = rowToDocument(row);
    expect(problems).toEqual([]);
    expect(document).toEqual(EXPECTED);
  });

  it('reads half-width brackets, short labels, day units and a charged fee', () => {
    const { document, problems } = rowToDocument({
      ...example(),
      levels: '街道(乡镇);社区',
      service_level: '街道',
      time_kind: '即办件',
      legal_days: '0',
      promised_days: '',
      fee_charged: '是',
      fee_amount: '每份 10 元',
      fee_basis: '京发改〔2020〕1 号',
      high_risk: '待遇发放',
      citywide: '否',
      conditions: '条件一;条件二;条件三',
    });
    expect(problems).toEqual([]);
    expect(document?.levels).toEqual(['street', 'community']);
    expect(document?.service_level).toBe('street');
    expect(document?.time_limit).toEqual({ kind: 'immediate', legal_days: 0, promised_days: 0 });
    expect(document?.fee).toEqual({ free: false, amount: '每份 10 元', basis: '京发改〔2020〕1 号' });
    expect(document?.high_risk).toBe('benefit_payment');
    expect(document?.citywide).toBe(false);
    expect(document?.conditions).toEqual(['条件一', '条件二', '条件三']);
    expect(rowToDocument({ ...example(), legal_days: '20 个工作日' }).document?.time_limit.legal_days).toBe(20);
  });

  it('leaves missing content to the server checker, but not what cannot be written down', () => {
    const { document, problems } = rowToDocument({ code: 'bj-qt-100', name: '某事项', fee_charged: '否' });
    expect(problems).toEqual([]);
    expect(document?.code).toBe('BJ-QT-100');
    expect(document?.materials).toEqual([]);
    expect(document?.type).toBe('');
  });

  it('reports every problem of a bad row, by column', () => {
    const row: RawRow = {
      ...example(),
      code: 'JY-001',
      type: '行政审批',
      levels: '街道、省级',
      legal_days: '十五',
      promised_days: '400',
      materials: '居民身份证|证件|原件|两份|必需\n|证件|原件\n户口簿|证件\n申请表|表|原件|1|否\n'
        + '照片|证件|原件|1|必需|空白.pdf||\n多余|证件|原件|1|必需||||x',
      process: '收件|受理\n|名称',
      fee_charged: '',
      fee_amount: '10 元',
      citywide: '也许',
      high_risk: '很高',
      life_events: '结婚',
      legal_basis: '|第一条|内容',
    };
    const { document, problems } = rowToDocument(row);
    expect(document).toBeNull();
    expect(problems.map((p) => `${p.column}:${p.message}`)).toEqual([
      '事项编码:“JY-001”格式不对,应形如 BJ-JYCY-001',
      '申请材料:第 1 项材料:“两份”应为 0 至 99 的整数',
      '申请材料:第 2 项材料:缺少名称',
      '申请材料:第 3 项材料:缺少形式(原件、复印件、原件及复印件、电子材料)',
      '申请材料:第 4 项材料:材料类别“表”无法识别,应为 表格、证件、证明材料 之一',
      '申请材料:第 4 项材料:非必需的材料请直接写明需要提交的情形,而不是“否”',
      '申请材料:第 5 项材料:只有类别为“表格”的材料才有空白表格和样表',
      '申请材料:第 6 项材料:分段过多,应为 名称|类别|形式|份数|必需或情形|空白表格|样表|共享来源',
      '办理流程:第 1 步:办理环节“收件”无法识别,应为 咨询、受理、初审、复审、审批、复核、办结出件 之一',
      '办理流程:第 2 步:缺少环节(咨询、受理、初审、复审、审批、复核、办结出件)',
      '设定依据:第 1 条:缺少法规名称',
      '是否收费:未填写是否收费(填“是”或“否”)',
      '收费金额:不收费的事项不应填写收费金额或收费依据',
      '高风险:高风险“很高”无法识别,应为 待遇发放、费率核定 之一',
      '事项类型:事项类型“行政审批”无法识别,应为 行政许可、行政给付、行政确认、行政裁决、公共服务、其他 之一',
      '行使层级:行使层级“省级”无法识别,应为 市级、区级、街道(乡镇)、社区(村) 之一',
      '法定时限:“十五”应为 0 至 365 的整数',
      '承诺时限:“400”应为 0 至 365 的整数',
      '全城通办:“也许”应为“是”或“否”',
      '人生事件:人生事件“结婚”无法识别,应为 毕业就业、求职、失业、创业、参保、退休、工伤、残疾、劳动纠纷、就业困难、转移接续 之一',
    ]);
  });

  it('needs a code, a name and whether there is a fee', () => {
    expect(messages({})).toEqual(['事项编码:未填写事项编码', '事项名称:未填写事项名称', '是否收费:未填写是否收费(填“是”或“否”)']);
  });
});

describe('convertSheet', () => {
  const head = templateHeaders();

  it('converts each data row, skipping empty rows but keeping the sheet row numbers', () => {
    const second = templateExample();
    second[0] = 'BJ-JYCY-902';
    const { fileProblems, rows } = convertSheet([head, templateExample(), ['', ' '], second]);
    expect(fileProblems).toEqual([]);
    expect(rows.map((r) => [r.line, r.code, r.name, r.problems.length])).toEqual([
      [2, 'BJ-JYCY-901', '失业登记', 0],
      [4, 'BJ-JYCY-902', '失业登记', 0],
    ]);
    expect(rows[0]?.document).toEqual(EXPECTED);
  });

  it('takes the columns in any order, with hints in brackets or as keys', () => {
    const { fileProblems, rows } = convertSheet([
      ['事项名称', 'code', '是否收费', '法定时限(工作日)'],
      ['某事项', 'BJ-QT-100', '否', '10'],
    ]);
    expect(fileProblems).toEqual([]);
    expect(rows[0]?.document?.time_limit.legal_days).toBe(10);
    expect(rows[0]?.document?.name).toBe('某事项');
  });

  it('refuses unknown, doubled and missing headers, and files without rows', () => {
    expect(convertSheet([['事项编码', '名称', '事项编码']]).fileProblems).toEqual([
      '第 2 列的表头“名称”无法识别,请使用模板中的表头',
      '表头“事项编码”出现了两次',
      '缺少“事项名称”列',
    ]);
    expect(convertSheet([head]).fileProblems).toEqual(['文件中没有事项数据(第 1 行为表头,从第 2 行起每行一个事项)']);
    expect(convertSheet([]).fileProblems).toContain('缺少“事项编码”列');
  });

  it('marks a code used twice', () => {
    const { rows } = convertSheet([head, templateExample(), templateExample()]);
    expect(rows[0]?.document).not.toBeNull();
    expect(rows[1]?.document).toBeNull();
    expect(rows[1]?.problems).toEqual([{ column: '事项编码', message: '与第 2 行的事项编码重复' }]);
  });
});

describe('reportLines', () => {
  it('puts the server rows on the sheet rows', () => {
    const { rows } = convertSheet([templateHeaders(), [], templateExample()]);
    expect(reportLines(rows, [{ row: 1, code: 'BJ-JYCY-901', outcome: 'created', problems: [] }]))
      .toEqual([{ row: 1, line: 3, code: 'BJ-JYCY-901', outcome: 'created', problems: [] }]);
  });
});

describe('cells and files', () => {
  it('reads the values exceljs gives', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(15)).toBe('15');
    expect(cellText(true)).toBe('是');
    expect(cellText({ richText: [{ text: '失业' }, { text: '登记' }] })).toBe('失业登记');
    expect(cellText({ formula: 'A1+1', result: 16 })).toBe('16');
    expect(cellText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-02');
  });

  it('decodes UTF-8 with a BOM and GB18030 CSV', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('事项编码,事项名称')]);
    expect(decodeCsv(utf8)).toBe('事项编码,事项名称');
    // "事项编码,失业登记" as Excel on a Chinese Windows saves it.
    const gbk = new Uint8Array([0xca, 0xc2, 0xcf, 0xee, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xca, 0xa7, 0xd2, 0xb5, 0xb5, 0xc7, 0xbc, 0xc7]);
    expect(decodeCsv(gbk)).toBe('事项编码,失业登记');
  });

  it('reads a CSV with quoted multi-line cells', () => {
    const csv = Papa.unparse([templateHeaders(), templateExample()]);
    const read = csvMatrix(Papa, csv);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { fileProblems, rows } = convertSheet(read.matrix);
    expect(fileProblems).toEqual([]);
    expect(rows[0]?.document).toEqual(EXPECTED);
  });

  it('writes a template that reads back as the example item', async () => {
    const data = await buildTemplate(ExcelJS).xlsx.writeBuffer();
    const read = await xlsxMatrix(ExcelJS, data as ArrayBuffer);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.matrix[0]).toEqual(templateHeaders());
    const { fileProblems, rows } = convertSheet(read.matrix);
    expect(fileProblems).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.document).toEqual(EXPECTED);
  });

  it('says when a file is not a workbook', async () => {
    const read = await xlsxMatrix(ExcelJS, new TextEncoder().encode('not a zip').buffer as ArrayBuffer);
    expect(read).toEqual({ ok: false, problem: '无法读取这个 Excel 文件,请用 Excel 或 WPS 另存为 .xlsx 格式后再试' });
  });
});
