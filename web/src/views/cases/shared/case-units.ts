// The districts and streets a case may go to (全城通办, transfer), read once
// per page load and shared by every unit select; a failed read is retried on
// the next call.
import { ref } from 'vue';
import { listCaseUnits, type CaseUnit } from '@/api/cases';
import { describeError } from '@/api/client';
import { caseUnitLabel } from './format';

let pending: Promise<CaseUnit[]> | null = null;

function fetchUnits(): Promise<CaseUnit[]> {
  pending ??= listCaseUnits().then((r) => r.items, (e: unknown) => {
    pending = null;
    throw e;
  });
  return pending;
}

export function useCaseUnits() {
  const units = ref<CaseUnit[]>([]);
  const loading = ref(false);
  const error = ref('');

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      units.value = await fetchUnits();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  return { units, loading, error, load };
}

// Whether a unit matches what was typed: its name, its district's name, the
// label as shown, or the start of its code.
export function unitMatches(u: CaseUnit, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return caseUnitLabel(u).toLowerCase().includes(q) || u.parent_name.toLowerCase().includes(q)
    || u.code.toLowerCase().startsWith(q);
}
