import { describe, expect, it } from 'vitest';
import { auditExportUrl } from '@/api/audit';
import { emptyAuditFilter, toAuditFilter } from './filter';

describe('audit filter', () => {
  it('sends nothing for an empty form', () => {
    expect(auditExportUrl(toAuditFilter(emptyAuditFilter()))).toBe('/api/audit/export');
  });

  it('sends Beijing days as they are and trims the text fields', () => {
    const f = toAuditFilter({
      ...emptyAuditFilter(), days: ['2026-03-01', '2026-03-02'], actor: ' wangli ', outcome: 'refused',
    });
    expect(f.from).toBe('2026-03-01');
    expect(f.to).toBe('2026-03-02');
    expect(auditExportUrl(f)).toBe('/api/audit/export?from=2026-03-01&to=2026-03-02&actor=wangli&outcome=refused');
  });
});
