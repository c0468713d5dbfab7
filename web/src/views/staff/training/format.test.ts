import { describe, expect, it } from 'vitest';
import type { Enrolment, Person } from '@/api/staff';
import { enrolOptions, placesLeft, resultRows, resultsPayload, wouldPass, yearOf } from './format';

const enrolment = (id: number, extra: Partial<Enrolment> = {}): Enrolment => ({
  account_id: id, login: `u${id}`, name: `王*${id}`, site_name: '东华门街道社区服务中心', attended: null, score: null,
  passed: null, ...extra,
});

describe('training results', () => {
  it('start with everyone attending and no score', () => {
    expect(resultRows([enrolment(1)])).toEqual([{ account_id: 1, label: '王*1(u1)', attended: true, score: null }]);
    expect(resultRows([enrolment(2, { attended: false })])[0]?.attended).toBe(false);
  });

  it('send a score for those who attended, none for the absent, and name the missing scores', () => {
    const rows = [
      { account_id: 1, label: 'A', attended: true, score: 85 },
      { account_id: 2, label: 'B', attended: false, score: 40 },
      { account_id: 3, label: 'C', attended: true, score: null },
    ];
    expect(resultsPayload(rows)).toEqual({
      results: [
        { account_id: 1, attended: true, score: 85 },
        { account_id: 2, attended: false },
        { account_id: 3, attended: true },
      ],
      missing: ['C'],
    });
  });

  it('pass when the score reaches the pass mark', () => {
    expect(wouldPass({ account_id: 1, label: '', attended: true, score: 60 }, 60)).toBe(true);
    expect(wouldPass({ account_id: 1, label: '', attended: true, score: 59 }, 60)).toBe(false);
    expect(wouldPass({ account_id: 1, label: '', attended: false, score: 90 }, 60)).toBe(false);
  });
});

describe('enrolment', () => {
  const person = (id: number, employment: Person['employment']) =>
    ({ account_id: id, login: `u${id}`, name: `李*${id}`, site_name: '', employment }) as Person;

  it('offers the roster minus those enrolled, people without a profile disabled', () => {
    const options = enrolOptions([person(1, 'assistant'), person(2, null), person(3, 'contract')], [enrolment(3)]);
    expect(options.map((o) => [o.value, o.disabled])).toEqual([[1, false], [2, true]]);
    expect(options[0]?.label).toBe('李*1(u1)');
  });

  it('counts the places left and reads the year of a day', () => {
    expect(placesLeft({ capacity: 20, enrolled: 3 })).toBe(17);
    expect(placesLeft({ capacity: 2, enrolled: 3 })).toBe(0);
    expect(yearOf('2026-11-27')).toBe(2026);
  });
});
