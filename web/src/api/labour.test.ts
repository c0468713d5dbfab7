import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  closeMediation, formatYuan, listHazards, listMediations, refer, submitSurvey, surveyOverview, toFen, updateSurvey,
} from './labour';

afterEach(() => vi.unstubAllGlobals());

function stub(body: string, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}
const sent = (f: ReturnType<typeof vi.fn>) => f.mock.calls[0] as unknown as [string, RequestInit];

describe('labour money', () => {
  it('reads yuan as typed into fen, and refuses what is not money', () => {
    expect(toFen('12000')).toBe(1_200_000);
    expect(toFen(' 0.5 ')).toBe(50);
    expect(toFen('19.99')).toBe(1999);
    expect(toFen('')).toBeUndefined();
    expect(toFen('1.234')).toBeUndefined();
    expect(toFen('-3')).toBeUndefined();
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(1_200_050)).toBe('12,000.5 元');
  });
});

describe('labour requests', () => {
  it('ask for the year and only the missing employers', async () => {
    const f = stub('{"year":2026,"total":0,"surveyed":0,"items":[]}');
    await surveyOverview(2026, true);
    expect(sent(f)[0]).toBe('/api/labour/surveys?year=2026&missing=1');
  });

  it('submit a new survey with its employer and year; edit one with its version', async () => {
    const form = { employees: 3, local_employees: 3, nonlocal_employees: 0, contracts: 3, hired: 0, left_count: 0,
      vacancies: 1, wage_arrears: false, insured: 3, needs: '' };
    let f = stub('{}', 201);
    await submitSurvey(7, 2026, form);
    expect(sent(f)[0]).toBe('/api/labour/surveys');
    expect(JSON.parse(sent(f)[1].body as string)).toEqual({ employer_id: 7, year: 2026, ...form });
    f = stub('{}');
    await updateSurvey(9, 2, form);
    expect(sent(f)[0]).toBe('/api/labour/surveys/9');
    expect(sent(f)[1].method).toBe('PUT');
    expect(JSON.parse(sent(f)[1].body as string)).toMatchObject({ version: 2 });
  });

  it('filter overdue cases and flagged hazards', async () => {
    let f = stub('{"items":[]}');
    await listMediations({ overdue: true });
    expect(sent(f)[0]).toBe('/api/labour/mediations?overdue=1');
    f = stub('{"items":[]}');
    await listHazards({ state: 'open', flagged: true });
    expect(sent(f)[0]).toBe('/api/labour/hazards?state=open&flagged=1');
  });

  it('close a late case with the parties consent, and refer a complaint by its number', async () => {
    let f = stub('{}');
    await closeMediation(4, { outcome: 'agreed', agreement: '分两期支付', extended: true });
    expect(sent(f)[0]).toBe('/api/labour/mediations/4/outcome');
    expect(JSON.parse(sent(f)[1].body as string)).toEqual({ outcome: 'agreed', agreement: '分两期支付', extended: true });
    f = stub('{}', 201);
    await refer({ source_kind: 'complaint', source_ref: '12333-0042', reason: '未缴社保' });
    expect(sent(f)[0]).toBe('/api/labour/referrals');
  });
});
