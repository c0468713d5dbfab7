import { describe, expect, it } from 'vitest';
import { emptyMaterial } from '@/utils/catalog-document';
import { checklistRows } from './rows';

describe('checklistRows', () => {
  it('says what to bring, how, how many and when', () => {
    const rows = checklistRows([
      { ...emptyMaterial(), name: '居民身份证' },
      { ...emptyMaterial(), name: '申请表', kind: 'form', count: 2, blank_form: 'a.pdf', sample: 'b.pdf' },
      { ...emptyMaterial(), name: '解除劳动关系证明', kind: 'proof', form: 'copy', required: false, condition: '查询不到减员信息时' },
      { ...emptyMaterial(), name: '户籍信息', kind: 'proof', form: 'electronic', shared: true, shared_source: '市公安局人口信息' },
    ]);
    expect(rows.map((r) => [r.no, r.name, r.kind, r.form, r.count, r.need, r.notes])).toEqual([
      [1, '居民身份证', '证件', '原件', '1 份', '必需', []],
      [2, '申请表', '表格', '原件', '2 份', '必需', ['需填写的表格,空白表格和填写样表见办事指南或向窗口索取']],
      [3, '解除劳动关系证明', '证明材料', '复印件', '1 份', '视情形:查询不到减员信息时', []],
      [4, '户籍信息', '证明材料', '电子材料', '1 份', '必需', ['免提交:由市公安局人口信息共享获取']],
    ]);
    expect(rows[3]?.shared).toBe(true);
  });
});
