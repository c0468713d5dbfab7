// 用人单位 forms (附件一(一) 职业介绍): what the page sends the server.
import { describe, expect, it } from 'vitest';
import type { Employer } from '@/api/employment';
import {
  blankEmployer, blankVacancy, cleanSkills, employerBody, employerFormOf, salaryProblem, vacancyBody,
} from './form';

const stored: Employer = {
  id: 7, credit_code: '91110101MA01ABCD1X', name: '东华门餐饮有限公司', industry: '餐饮', address: '东华门大街 1 号',
  unit_code: '110101001', unit_name: '东华门街道', contact_name: '张*', contact_phone: '138****0000', employees: 25,
  open_vacancies: 2, version: 3,
};

describe('employer form (Annex1_1)', () => {
  it('adds with the credit code, trimmed and upper-cased', () => {
    const f = { ...blankEmployer('110101001'), credit_code: ' 91110101ma01abcd1x ', name: ' 某公司 ',
      contact_phone: '138 0000 0000' };
    const body = employerBody(f);
    expect(body.credit_code).toBe('91110101MA01ABCD1X');
    expect(body.name).toBe('某公司');
    expect(body.unit_code).toBe('110101001');
    expect(body.contact_phone).toBe('13800000000');
    expect(body.employees).toBe(0);
    expect(body.version).toBeUndefined();
  });

  it('edits with the version and without the credit code; an empty contact keeps the stored one', () => {
    const f = employerFormOf(stored);
    expect(f.contact_name).toBe('');
    expect(f.contact_phone).toBe('');
    expect(f.employees).toBe(25);
    const body = employerBody(f, stored);
    expect(body.version).toBe(3);
    expect(body.credit_code).toBeUndefined();
    expect(body.contact_name).toBe('');
    expect(body.contact_phone).toBe('');
  });
});

describe('vacancy form (Annex1_1)', () => {
  it('cleans skills', () => {
    expect(cleanSkills([' 电工 ', '', '电工', '焊工'])).toEqual(['电工', '焊工']);
  });

  it('leaves out salary bounds not given and 不限 education', () => {
    const body = vacancyBody(7, { ...blankVacancy(), title: ' 保洁员 ', education: '不限', welfare: true });
    expect(body).toEqual({ employer_id: 7, title: '保洁员', skills: [], headcount: 1, education: '', location: '',
      welfare: true });
    const paid = vacancyBody(7, { ...blankVacancy(), title: 'x', salary_min: 3000.4, salary_max: 5000 });
    expect(paid.salary_min).toBe(3000);
    expect(paid.salary_max).toBe(5000);
  });

  it('refuses a minimum above the maximum', () => {
    expect(salaryProblem({ salary_min: 6000, salary_max: 5000 })).toBe('最低月薪不能高于最高月薪');
    expect(salaryProblem({ salary_min: 5000, salary_max: null })).toBe('');
  });
});
