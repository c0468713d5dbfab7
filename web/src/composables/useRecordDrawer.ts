// One record in a drawer (a complaint, an archive file, a retiree, a
// mediation case, a hazard): its
// detail read by id, and the person in full once revealed. A reveal asks
// first (the server audits each one) and lives only while the drawer shows
// that record: opening another or closing drops it. An answer for a record
// no longer shown is dropped too.
import { ref, type Ref } from 'vue';
import { describeError } from '@/api/client';
import { confirmAction } from '@/utils/feedback';

export interface RevealOptions<P> {
  call: (id: number) => Promise<P>;
  message: string;  // what the confirmation says: who sees it in the audit log, when to look
  title: string;
  confirmText?: string;
}

export function useRecordDrawer<D, P = never>(get: (id: number) => Promise<D>, revealing?: RevealOptions<P>) {
  const id = ref<number | null>(null);
  const detail = ref(null) as Ref<D | null>;
  const loading = ref(false);
  const error = ref('');
  const revealed = ref(null) as Ref<P | null>;
  const revealBusy = ref(false);
  const revealError = ref('');
  const busy = ref(false);

  async function load() {
    const want = id.value;
    if (want === null) return;
    loading.value = true;
    error.value = '';
    try {
      const d = await get(want);
      if (id.value === want) detail.value = d;
    } catch (e) {
      if (id.value === want) error.value = describeError(e);
    } finally {
      if (id.value === want) loading.value = false;
    }
  }

  function forget() {
    id.value = null;
    detail.value = null;
    revealed.value = null;
    revealError.value = '';
    error.value = '';
  }

  function open(which: number) {
    forget();
    id.value = which;
    void load();
  }

  async function reveal() {
    const want = id.value;
    if (want === null || !revealing || revealBusy.value) return;
    if (!(await confirmAction(revealing.message, revealing.title, revealing.confirmText ?? '确认查看'))) return;
    revealBusy.value = true;
    revealError.value = '';
    try {
      const who = await revealing.call(want);
      if (id.value === want) revealed.value = who;
    } catch (e) {
      if (id.value === want) revealError.value = describeError(e);
    } finally {
      revealBusy.value = false;
    }
  }

  // A step on the record shown (a follow-up, an outcome): one at a time; its
  // answer is the new detail; a refusal goes to the step's form.
  async function act(fn: (id: number) => Promise<D>, errors: { clear: () => void; show: (e: unknown) => void }) {
    const want = id.value;
    if (want === null || busy.value) return null;
    busy.value = true;
    errors.clear();
    try {
      const d = await fn(want);
      if (id.value === want) detail.value = d;
      return d;
    } catch (e) {
      errors.show(e);
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { id, detail, loading, error, revealed, revealBusy, revealError, busy, load, open, forget, reveal, act };
}
