import { describe, expect, it } from 'vitest';
import type { CaseUnit } from '@/api/cases';
import { ApiError } from '@/api/client';
import { unitMatches } from './case-units';
import { actionProblem, caseUnitLabel, handlingUnitText, unitText } from './format';

const district: CaseUnit = { code: '110101', name: '东城区', level: 2, parent_name: '北京市' };
const street: CaseUnit = { code: '110101001', name: '东华门街道', level: 3, parent_name: '东城区' };

describe('unit names', () => {
  it('show the name, and the code only when the name is missing', () => {
    expect(unitText('东华门街道', '110101001')).toBe('东华门街道');
    expect(unitText('', '110101001')).toBe('110101001');
    expect(unitText(undefined, '')).toBe('');
  });

  it('name the handling unit after 全城通办, else the intake unit', () => {
    const c = { intake_unit_code: '110101001', intake_unit_name: '东华门街道', handling_unit_code: '', handling_unit_name: '' };
    expect(handlingUnitText(c)).toBe('东华门街道');
    expect(handlingUnitText({ ...c, handling_unit_code: '110102003', handling_unit_name: '新街口街道' })).toBe('新街口街道');
    expect(handlingUnitText({ ...c, handling_unit_code: '110102003' })).toBe('110102003');
  });

  it('label a street with its district, a district alone', () => {
    expect(caseUnitLabel(street)).toBe('东城区 · 东华门街道');
    expect(caseUnitLabel(district)).toBe('东城区');
  });
});

describe('unitMatches', () => {
  it('finds a unit by its name, its district or the start of its code', () => {
    expect(unitMatches(street, '东华')).toBe(true);
    expect(unitMatches(street, '东城')).toBe(true);
    expect(unitMatches(street, ' 1101010 ')).toBe(true);
    expect(unitMatches(street, '西城')).toBe(false);
    expect(unitMatches(street, '001')).toBe(false);
    expect(unitMatches(district, '')).toBe(true);
  });
});

describe('actionProblem', () => {
  it('says plainly that the authorization is missing', () => {
    const p = actionProblem(new ApiError(422, 'UNPROCESSABLE', '代办须上传授权委托书', 'authorization'));
    expect(p.title).toBe('请先上传授权委托书');
    expect(p.message).toContain('代办须上传授权委托书');
  });
});
