// Table and drawer wording for staff.
import type { Complaint, ComplaintState } from '@/api/complaints';

export function placeText(c: Pick<Complaint, 'site_name' | 'window_number'>): string {
  const window = c.window_number !== null ? `${c.window_number} 号窗口` : '';
  return [c.site_name, window].filter((s) => s !== '').join(' · ') || '—';
}

export function stateTag(state: ComplaintState): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  if (state === 'received') return 'warning';
  if (state === 'accepted') return 'primary';
  if (state === 'replied') return 'success';
  if (state === 'rejected') return 'danger';
  return 'info';
}
