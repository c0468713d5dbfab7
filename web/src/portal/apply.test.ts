import { describe, expect, it } from 'vitest';
import type { ApplyForm, ApplyMaterial, ApplySite } from './api';
import {
  applicationBody, fieldOf, fileRef, focusIdOf, limitText, materialNeed, offeredOnline, orderSites, phoneProblem,
  siteOptionText, validateApplication, type ApplyDraft,
} from './apply';
import type { UploadEntry } from './upload';

const material = (idx: number, over: Partial<ApplyMaterial> = {}): ApplyMaterial => ({
  idx, name: `材料${idx}`, kind: 'document', required: true, condition: '', form: 'original', count: 1, shared: false,
  shared_source: '', blank_form: '', sample: '', ...over,
});

const form = (over: Partial<ApplyForm> = {}): ApplyForm => ({
  item: {
    code: 'BJ-1', name: '失业登记', version_id: 3, summary: '', time_limit: { kind: 'promised', promised_days: 5 },
    delivery: [{ code: 'window', label: '窗口领取' }, { code: 'mail', label: '邮寄送达' }], service_objects: ['person'],
  },
  materials: [
    material(0, { name: '身份证' }),
    material(1, { name: '户口簿', shared: true, shared_source: '公安' }),
    material(2, { name: '劳动合同', required: true, condition: '有劳动合同的' }),
    material(3, { name: '其他材料', required: false }),
    material(4, { name: '申请表', kind: 'form' }),
  ],
  sites: [],
  applicant: { kind: 'person', name: '张*', id_number: '1101**********1234', phone: '138****0000' },
  declaration: '本人承诺……',
  upload: { max_bytes: 4 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'application/pdf'] },
  ...over,
});

const draft = (over: Partial<ApplyDraft> = {}): ApplyDraft => ({
  phone: '', siteId: 5, delivery: 'window', address: '', note: '', declaration: true, ...over,
});

const done = (id: number, key = id): UploadEntry => ({
  key, name: 'a.jpg', type: 'image/jpeg', size: 10, preview: '', state: 'done', progress: 1, id, error: '', redrawn: false,
  retryable: false,
});

const files = (byIdx: Record<number, UploadEntry[]>) => (idx: number) => byIdx[idx] ?? [];

describe('what a material asks of the applicant', () => {
  it('follows the server: required, not shared, no condition needs an upload', () => {
    expect(materialNeed(material(0))).toBe('required');
    expect(materialNeed(material(0, { shared: true }))).toBe('shared');
    expect(materialNeed(material(0, { condition: '有劳动合同的' }))).toBe('conditional');
    expect(materialNeed(material(0, { required: false }))).toBe('optional');
    expect(materialNeed(material(0, { required: false, condition: '  ' }))).toBe('optional');
  });
});

describe('the phone', () => {
  it('may stay empty when the account has one', () => {
    expect(phoneProblem('', '138****0000')).toBe('');
    expect(phoneProblem('', '')).toMatch(/请填写联系电话/);
  });

  it('takes a mainland mobile or a landline with its area code, as the server does', () => {
    for (const ok of ['13800138000', '138 0013 8000', '010-65123456', '01065123456', '0755-8123456', '0571-81234567']) {
      expect(phoneProblem(ok, ''), ok).toBe('');
    }
    for (const bad of ['12800138000', '1380013800', '65123456', '010-651234', '+8613800138000', '0-65123456', '010--65123456']) {
      expect(phoneProblem(bad, ''), bad).toMatch(/11 位手机号码/);
    }
  });
});

describe('checking the form before sending', () => {
  it('passes a complete form', () => {
    expect(validateApplication(form(), draft(), files({ 0: [done(1)], 4: [done(2)] }))).toEqual([]);
  });

  it('asks for every required material that is neither shared nor conditional, at its card', () => {
    const problems = validateApplication(form(), draft(), files({ 4: [done(2)] }));
    expect(problems.map((p) => p.field)).toEqual(['materials[0]']);
    expect(problems[0]?.message).toMatch(/请上传此项材料/);
  });

  it('does not count failed files, and waits for files still uploading', () => {
    const failed: UploadEntry = { ...done(1), id: null, state: 'failed', error: 'x' };
    const uploading: UploadEntry = { ...done(2), id: null, state: 'uploading', progress: 0.5 };
    const problems = validateApplication(form(), draft(), files({ 0: [failed], 3: [uploading], 4: [done(3)] }));
    expect(problems.map((p) => p.field)).toEqual(['materials[0]', 'materials[3]']);
    expect(problems[1]?.message).toMatch(/还在上传/);
  });

  it('lists the problems in the order of the page', () => {
    const f = form({ applicant: { kind: 'person', name: '张*', id_number: 'x', phone: '' } });
    const problems = validateApplication(f, draft({ siteId: null, delivery: 'mail', note: '字'.repeat(501), declaration: false }),
      files({}));
    expect(problems.map((p) => p.field)).toEqual(['phone', 'site_id', 'address', 'materials[0]', 'materials[4]', 'note', 'declaration']);
  });

  it('wants one of the item\'s ways of delivery, and an address of at most 200 characters for mail', () => {
    expect(validateApplication(form(), draft({ delivery: 'bank' }), files({ 0: [done(1)], 4: [done(2)] })).map((p) => p.field))
      .toEqual(['delivery']);
    expect(validateApplication(form(), draft({ delivery: 'mail', address: '地'.repeat(201) }), files({ 0: [done(1)], 4: [done(2)] })))
      .toEqual([{ field: 'address', message: '邮寄地址不超过 200 字' }]);
    expect(validateApplication(form(), draft({ delivery: 'mail', address: '北京市东城区' }), files({ 0: [done(1)], 4: [done(2)] })))
      .toEqual([]);
  });
});

describe('server errors at their field', () => {
  const idxs = [0, 1, 2, 3, 4];

  it('puts a material\'s error, and its uploads\' error, at its card', () => {
    expect(fieldOf('materials[2]', idxs)).toBe('materials[2]');
    expect(fieldOf('materials[4].uploads', idxs)).toBe('materials[4]');
    expect(fieldOf('materials[9]', idxs)).toBeNull();
  });

  it('knows the form\'s fields and leaves the rest to the form', () => {
    for (const f of ['phone', 'site_id', 'delivery', 'address', 'note', 'declaration']) expect(fieldOf(f, idxs)).toBe(f);
    expect(fieldOf('item_code', idxs)).toBeNull();
    expect(fieldOf('X-CSRF-Token', idxs)).toBeNull();
    expect(fieldOf('', idxs)).toBeNull();
  });

  it('focuses the element of the field', () => {
    expect(focusIdOf('materials[2]')).toBe('apply-material-2');
    expect(focusIdOf('site_id')).toBe('apply-site');
    expect(focusIdOf('delivery')).toBe('apply-delivery-0');
    expect(focusIdOf('phone')).toBe('apply-phone');
    expect(focusIdOf('note', 'case-correction')).toBe('case-correction-note');
  });
});

describe('the submission', () => {
  it('sends an address only with mail, and the phone without spaces', () => {
    const materials = [{ idx: 0, uploads: [1, 2] }];
    expect(applicationBody('BJ-1', draft({ phone: ' 138 0013 8000 ', address: '留着', note: ' 说明 ' }), materials)).toEqual({
      item_code: 'BJ-1', site_id: 5, phone: '13800138000', delivery: 'window', address: '', declaration: true, note: '说明',
      materials,
    });
    expect(applicationBody('BJ-1', draft({ delivery: 'mail', address: ' 北京市 ' }), []).address).toBe('北京市');
  });
});

describe('the item and its materials in words', () => {
  it('offers the online form for 网上 and 掌上 items only', () => {
    expect(offeredOnline(['window', 'online'])).toBe(true);
    expect(offeredOnline(['mobile'])).toBe(true);
    expect(offeredOnline(['window', 'kiosk'])).toBe(false);
  });

  it('says the time limit', () => {
    expect(limitText({ kind: 'promised', promised_days: 5 })).toBe('受理后 5 个工作日内办结');
    expect(limitText({ kind: 'immediate', promised_days: 0 })).toMatch(/即办件/);
    expect(limitText({ kind: '', promised_days: 0 })).toBe('以受理时告知为准');
  });

  it('links a blank form only where the catalog gives an address', () => {
    expect(fileRef('BJ-JYCY-001-申请表.pdf')).toEqual({ href: null, text: 'BJ-JYCY-001-申请表.pdf' });
    expect(fileRef('/files/forms/%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf')).toEqual({ href: '/files/forms/%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf', text: '申请表.pdf' });
    expect(fileRef('https://example.gov.cn/a/b.pdf?x=1').href).toBe('https://example.gov.cn/a/b.pdf?x=1');
    expect(fileRef('//evil.example/x.pdf').href).toBeNull();
    expect(fileRef('javascript:alert(1)').href).toBeNull();
  });
});

describe('where to apply', () => {
  const site = (id: number, name: string): ApplySite => ({ id, name, kind: 'hall', address: '', district_name: '东城区', unit_name: '' });
  const sites = [site(1, '甲'), site(2, '乙'), site(3, '丙')];

  it('keeps the server\'s order without a position', () => {
    expect(orderSites(sites, new Map(), null).map((p) => p.site.id)).toEqual([1, 2, 3]);
  });

  it('puts the nearest first and sites without a position last', () => {
    const positions = new Map([[1, { longitude: 116.5, latitude: 39.9 }], [3, { longitude: 116.41, latitude: 39.91 }]]);
    const placed = orderSites(sites, positions, { longitude: 116.4, latitude: 39.9 });
    expect(placed.map((p) => p.site.id)).toEqual([3, 1, 2]);
    expect(placed[2]?.km).toBeNull();
    expect(siteOptionText(placed[0]!)).toMatch(/^丙 · 东城区 · 距您 1\.\d 公里$/);
    expect(siteOptionText(placed[2]!)).toBe('乙 · 东城区');
  });
});
