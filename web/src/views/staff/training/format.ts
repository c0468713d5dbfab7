// Small pure rules of 培训管理: the result rows of a session, the payload they
// become, and who may still be enrolled.
import { labelOf } from '@/api/catalog';
import { TRAINING_KIND_LABELS, type Enrolment, type Person, type ResultInput, type TrainingSession } from '@/api/staff';

export const kindLabel = (kind: string) => labelOf(TRAINING_KIND_LABELS, kind);

// One row of 录入结果: who, whether they attended, their score (0..100, whole).
export interface ResultRow {
  account_id: number;
  label: string;
  attended: boolean;
  score: number | null;
}

export const personLabel = (p: Pick<Enrolment, 'name' | 'login'>) => `${p.name}(${p.login})`;

export function resultRows(enrolments: readonly Enrolment[]): ResultRow[] {
  return enrolments.map((e) => ({
    account_id: e.account_id, label: personLabel(e), attended: e.attended ?? true, score: e.score,
  }));
}

// The results to send, or the people who attended without a score (the
// server wants a score for each; 422 field results otherwise).
export function resultsPayload(rows: readonly ResultRow[]): { results: ResultInput[]; missing: string[] } {
  const missing = rows.filter((r) => r.attended && r.score === null).map((r) => r.label);
  const results = rows.map((r): ResultInput => (r.attended && r.score !== null
    ? { account_id: r.account_id, attended: true, score: r.score }
    : { account_id: r.account_id, attended: r.attended }));
  return { results, missing };
}

// The pass mark decides, as on the server: passed when the score reaches it.
export const wouldPass = (row: ResultRow, passScore: number) =>
  row.attended && row.score !== null && row.score >= passScore;

export interface EnrolOption {
  value: number;
  label: string;
  site: string;
  disabled: boolean;  // no staff profile: the server refuses them
}

// The people of the roster not enrolled yet; those without a profile shown
// but not selectable.
export function enrolOptions(people: readonly Person[], enrolled: readonly Enrolment[]): EnrolOption[] {
  const taken = new Set(enrolled.map((e) => e.account_id));
  return people
    .filter((p) => !taken.has(p.account_id))
    .map((p) => ({ value: p.account_id, label: personLabel(p), site: p.site_name, disabled: p.employment === null }));
}

// Places left in a session.
export const placesLeft = (s: Pick<TrainingSession, 'capacity' | 'enrolled'>) => Math.max(0, s.capacity - s.enrolled);

// The year of a Beijing day "YYYY-MM-DD".
export const yearOf = (day: string) => Number(day.slice(0, 4));
