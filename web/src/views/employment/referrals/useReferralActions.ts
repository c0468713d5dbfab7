// The writes of 推荐与安置: a referral's outcome (with its version), the
// 岗位安置 of a 公益性岗位 referral, and 结束安置. A 409 (someone else was
// first) or 422 (a rule) shows the server's message above the form, field
// errors at their fields; `stale` tells the page to read the list again.
import { reactive, ref } from 'vue';
import {
  endPlacement, place, referralOutcome, type Placement, type Referral, type ReferralOutcome,
} from '@/api/employment';
import { isConflict, useServerErrors } from '@/utils/form-errors';
import { shanghaiDate } from '@/utils/time';

export const today = (): string => shanghaiDate(new Date());

export function useOutcomeForm() {
  const form = reactive<{ outcome: ReferralOutcome | ''; note: string }>({ outcome: '', note: '' });
  const saving = ref(false);
  const stale = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(['note'] as const);

  function reset() {
    clear();
    stale.value = false;
    Object.assign(form, { outcome: '', note: '' });
  }

  async function save(r: Referral): Promise<Referral | null> {
    if (saving.value) return null;
    clear();
    if (form.outcome === '') {
      formError.value = '请选择推荐结果';
      return null;
    }
    saving.value = true;
    try {
      return await referralOutcome(r.id, { version: r.version, outcome: form.outcome, note: form.note.trim() });
    } catch (e) {
      show(e);
      stale.value = isConflict(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, stale, fieldErrors, formError, reset, save };
}

export function usePlaceForm() {
  const form = reactive({ start_day: '', subsidy_end_day: '' });
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(['start_day', 'subsidy_end_day'] as const);

  function reset() {
    clear();
    Object.assign(form, { start_day: today(), subsidy_end_day: '' });
  }

  async function save(r: Referral): Promise<Placement | null> {
    if (saving.value) return null;
    clear();
    saving.value = true;
    try {
      return await place({ resident_id: r.resident_id, vacancy_id: r.vacancy_id, start_day: form.start_day || undefined,
        subsidy_end_day: form.subsidy_end_day || undefined });
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, fieldErrors, formError, reset, save };
}

export function useEndPlacementForm() {
  const form = reactive({ end_reason: '', end_day: '' });
  const saving = ref(false);
  const stale = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(['end_reason', 'end_day'] as const);

  function reset() {
    clear();
    stale.value = false;
    Object.assign(form, { end_reason: '', end_day: today() });
  }

  async function save(p: Placement): Promise<Placement | null> {
    if (saving.value) return null;
    clear();
    if (form.end_reason.trim() === '') {
      fieldErrors.end_reason = '请填写结束原因';
      return null;
    }
    saving.value = true;
    try {
      return await endPlacement(p.id, { version: p.version, end_reason: form.end_reason.trim(),
        end_day: form.end_day || undefined });
    } catch (e) {
      show(e);
      stale.value = isConflict(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, stale, fieldErrors, formError, reset, save };
}
