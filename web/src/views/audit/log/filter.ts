import type { AuditFilter, Outcome } from '@/api/audit';

// What the filter form holds: dates are Beijing calendar days.
export interface AuditFilterForm {
  days: [string, string] | null;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  outcome: Outcome | '';
}

export function emptyAuditFilter(): AuditFilterForm {
  return { days: null, actor: '', action: '', object_type: '', object_id: '', outcome: '' };
}

// The API's filter: Beijing calendar days, both included (the server turns
// them into Asia/Shanghai day boundaries).
export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  return {
    from: form.days ? form.days[0] : '',
    to: form.days ? form.days[1] : '',
    actor: form.actor.trim(),
    action: form.action.trim(),
    object_type: form.object_type.trim(),
    object_id: form.object_id.trim(),
    outcome: form.outcome,
  };
}
