import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { getAccountability, getLedger, getOverview, ledgerXlsxUrl, reportPdfUrl } from './stats';

afterEach(() => vi.unstubAllGlobals());

function stub(body: string, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sentUrl = (f: ReturnType<typeof vi.fn>, call = 0) => (f.mock.calls[call] as unknown as [string])[0];

describe('stats requests', () => {
  it('overview leaves empty parameters to the server', async () => {
    const f = stub('{"unit":{"code":"110000","name":"北京市","level":1},"totals":{"cases.accepted":2}}');
    const o = await getOverview();
    expect(sentUrl(f)).toBe('/api/stats/overview');
    expect(o.totals['cases.accepted']).toBe(2);
    await getOverview({ unit: '110101', from: '2026-11-01', to: '2026-11-27' });
    expect(sentUrl(f, 1)).toBe('/api/stats/overview?unit=110101&from=2026-11-01&to=2026-11-27');
    await getOverview({ unit: '', from: '2026-01-01', to: '2026-12-31' });
    expect(sentUrl(f, 2)).toBe('/api/stats/overview?from=2026-01-01&to=2026-12-31');
  });

  it('ledger of a unit and month; the XLSX as a link with the same parameters', async () => {
    const f = stub('{"month":"2026-11","days":[]}');
    await getLedger('110101001', '2026-11');
    expect(sentUrl(f)).toBe('/api/stats/ledger?unit=110101001&month=2026-11');
    await getLedger('', '2026-11');
    expect(sentUrl(f, 1)).toBe('/api/stats/ledger?month=2026-11');
    expect(ledgerXlsxUrl('110101001', '2026-11')).toBe('/api/stats/ledger.xlsx?unit=110101001&month=2026-11');
    expect(ledgerXlsxUrl('', '2026-11')).toBe('/api/stats/ledger.xlsx?month=2026-11');
    expect(reportPdfUrl('110101001', '2026-11')).toBe('/api/stats/report.pdf?unit=110101001&month=2026-11');
    expect(reportPdfUrl('', '2026-11')).toBe('/api/stats/report.pdf?month=2026-11');
  });

  it('accountability of a unit and period, empty parameters left to the server', async () => {
    const f = stub('{"units":[{"unit_code":"110101001","unit_name":"东华门街道","counts":{"bad_ratings":1,"total":1}}],"people":[]}');
    const a = await getAccountability();
    expect(sentUrl(f)).toBe('/api/stats/accountability');
    expect(a.units[0]?.counts.bad_ratings).toBe(1);
    await getAccountability({ unit: '110101', from: '2026-11-01', to: '2026-11-27' });
    expect(sentUrl(f, 1)).toBe('/api/stats/accountability?unit=110101&from=2026-11-01&to=2026-11-27');
  });

  it('a unit outside the scope is a 404 ApiError', async () => {
    stub(JSON.stringify({ error: { code: 'NOT_FOUND', message: '单位不存在', field: 'unit' }, request_id: 'r1' }), 404);
    const e = await getOverview({ unit: '110102' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).field).toBe('unit');
  });
});
