import { describe, expect, it } from 'vitest';
import {
  CATEGORY_LABELS, ITEM_LEVEL_LABELS, TWELVE_FIELDS, labelOf, labelsOf, optionsOf, type Finding, type ItemDocument,
} from '@/api/catalog';
import {
  emptyDocument, emptyMaterial, feeText, findingsAt, findingsUnder, materialNotes, memberOf, normalizeDocument,
  pathLabel, prepareForSave, sameDocument, stepName, timeLimitText,
} from './catalog-document';

function filled(): ItemDocument {
  return {
    ...emptyDocument('BJ-JYCY-001', '失业登记'),
    type: 'public_service',
    legal_basis: [{ law: ' 《中华人民共和国就业促进法》 ', article: '第四十二条', text: '' }],
    levels: ['street'],
    service_objects: ['person'],
    time_limit: { kind: 'promised', legal_days: 15, promised_days: 5 },
    conditions: ['处于无业状态', '  '],
    materials: [
      { ...emptyMaterial(), name: '居民身份证' },
      { ...emptyMaterial(), name: '登记表', kind: 'form', blank_form: 'a.pdf', sample: 'b.pdf' },
    ],
    process: [{ step: 'intake', name: '', description: '窗口受理' }],
    result: { kind: 'record', name: '失业登记', delivery: ['window'] },
    body: '街道(乡镇)社会保障事务所',
    category: 'employment',
    service_level: 'street',
    channels: ['window', 'online'],
    citywide: true,
    synonyms: ['失业金', '失业金', ' '],
  };
}

describe('labels', () => {
  it('name codes in Chinese and keep unknown codes as they are', () => {
    expect(labelOf(CATEGORY_LABELS, 'employment')).toBe('就业创业');
    expect(labelOf(CATEGORY_LABELS, 'space')).toBe('space');
    expect(labelOf(CATEGORY_LABELS, 'toString')).toBe('toString');
    expect(labelsOf(ITEM_LEVEL_LABELS, ['street', 'community'])).toBe('街道(乡镇)、社区(村)');
    expect(optionsOf(CATEGORY_LABELS).map((o) => o.label)).toEqual(['就业创业', '社会保险', '劳动关系', '其他']);
  });

  it('list the twelve unified fields in order', () => {
    expect(TWELVE_FIELDS.map((f) => f.label)).toEqual([
      '事项名称', '事项类型', '设定依据', '行使层级', '服务对象', '办结时限',
      '受理条件', '申请材料', '办理流程', '办理结果', '收费标准', '实施主体',
    ]);
  });
});

describe('normalizeDocument', () => {
  it('fills every member of the minimal document a new item starts with', () => {
    const d = normalizeDocument({ code: 'BJ-JYCY-009', name: '新事项', demo: false });
    expect(d).toEqual(emptyDocument('BJ-JYCY-009', '新事项'));
  });

  it('survives garbage and mistyped members', () => {
    expect(normalizeDocument(null)).toEqual(emptyDocument());
    const d = normalizeDocument({
      name: 7, levels: 'street', conditions: ['a', 3], materials: [{ name: '身份证', count: '2' }, 'x'],
      time_limit: { kind: 'promised', legal_days: 10.7 }, fee: { free: false },
    });
    expect(d.name).toBe('');
    expect(d.levels).toEqual([]);
    expect(d.conditions).toEqual(['a']);
    expect(d.materials).toHaveLength(1);
    expect(d.materials[0]).toMatchObject({ name: '身份证', count: 1, required: true, shared: false });
    expect(d.time_limit).toEqual({ kind: 'promised', legal_days: 10, promised_days: 0 });
    expect(d.fee).toEqual({ free: false, amount: '', basis: '' });
  });

  it('keeps a complete document as it is', () => {
    const d = filled();
    expect(normalizeDocument(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });
});

describe('prepareForSave', () => {
  it('trims text and drops empty lines and repeated synonyms', () => {
    const d = prepareForSave(filled());
    expect(d.legal_basis[0]?.law).toBe('《中华人民共和国就业促进法》');
    expect(d.conditions).toEqual(['处于无业状态']);
    expect(d.synonyms).toEqual(['失业金']);
  });

  it('clears what the form hides', () => {
    const d = filled();
    d.time_limit = { kind: 'immediate', legal_days: 3, promised_days: 1 };
    d.materials = [
      { ...emptyMaterial(), name: '身份证', required: true, condition: '旧情形', blank_form: 'x.pdf', shared: false,
        shared_source: '公安' },
      { ...emptyMaterial(), name: '证明', required: false, condition: ' 有子女的 ', shared: true, shared_source: ' 市公安局 ' },
    ];
    d.fee = { free: true, amount: '10 元', basis: '某文件' };
    const s = prepareForSave(d);
    expect(s.time_limit).toEqual({ kind: 'immediate', legal_days: 0, promised_days: 0 });
    expect(s.materials[0]).toMatchObject({ condition: '', blank_form: '', shared_source: '' });
    expect(s.materials[1]).toMatchObject({ condition: '有子女的', shared_source: '市公安局' });
    expect(s.fee).toEqual({ free: true, amount: '', basis: '' });
  });

  it('does not change the document it is given', () => {
    const d = filled();
    const before = JSON.stringify(d);
    prepareForSave(d);
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('sameDocument', () => {
  it('tells edited documents from unchanged ones', () => {
    const a = filled();
    const b = normalizeDocument(JSON.parse(JSON.stringify(a)));
    expect(sameDocument(a, b)).toBe(true);
    b.materials[0]!.count = 2;
    expect(sameDocument(a, b)).toBe(false);
  });
});

describe('readable texts', () => {
  it('say the time limit, the fee and the step names', () => {
    expect(timeLimitText({ kind: 'promised', legal_days: 15, promised_days: 5 })).toBe('承诺 5 个工作日(法定 15 个工作日)');
    expect(timeLimitText({ kind: 'immediate', legal_days: 0, promised_days: 0 })).toBe('即办件(当场办结)');
    expect(timeLimitText({ kind: '', legal_days: 0, promised_days: 0 })).toBe('');
    expect(feeText({ free: true, amount: '', basis: '' })).toBe('不收费');
    expect(feeText({ free: false, amount: '每件 10 元', basis: '京价〔2020〕1号' })).toBe('每件 10 元;收费依据:京价〔2020〕1号');
    expect(stepName({ step: 'review_first', name: ' ', description: '' })).toBe('初审');
    expect(stepName({ step: 'deliver', name: '办结', description: '' })).toBe('办结');
  });

  it('sum up a material', () => {
    expect(materialNotes({ ...emptyMaterial(), form: 'copy', count: 2 }).map((n) => n.text))
      .toEqual(['复印件', '2 份', '必需']);
    expect(materialNotes({ ...emptyMaterial(), required: false, condition: '委托办理的', shared: true,
      shared_source: '市公安局人口信息' }).map((n) => n.text))
      .toEqual(['原件', '1 份', '情形:委托办理的', '免提交(市公安局人口信息)']);
  });
});

describe('findings', () => {
  const findings: Finding[] = [
    { rule: 'missing_field', path: 'materials', message: '缺少“申请材料”' },
    { rule: 'form_without_blank', path: 'materials[0].blank_form', message: '表格缺少空白表格' },
    { rule: 'missing_field', path: 'materials_x', message: '不相关' },
    { rule: 'promise_over_legal', path: 'time_limit.promised_days', message: '超过法定时限' },
  ];

  it('are found by exact path or under a member', () => {
    expect(findingsAt(findings, 'materials[0].blank_form').map((f) => f.rule)).toEqual(['form_without_blank']);
    expect(findingsUnder(findings, 'materials').map((f) => f.path)).toEqual(['materials', 'materials[0].blank_form']);
    expect(findingsUnder(findings, 'time_limit')).toHaveLength(1);
    expect(memberOf('materials[0].blank_form')).toBe('materials');
    expect(memberOf('')).toBe('');
  });

  it('have paths people can read', () => {
    expect(pathLabel('materials[2].sample')).toBe('申请材料 第 3 项 · 样表');
    expect(pathLabel('time_limit.promised_days')).toBe('办结时限 · 承诺时限');
    expect(pathLabel('process[0]')).toBe('办理流程 第 1 项');
    expect(pathLabel('channels')).toBe('办理渠道');
    expect(pathLabel('weird path')).toBe('weird path');
  });
});
