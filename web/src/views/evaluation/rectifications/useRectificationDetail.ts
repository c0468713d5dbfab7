// One rectification in the drawer (needs evaluation.rectify): the rating
// with its comment, the phone (revealed on request, audited), the call-back
// and the closing answer the citizen will read. A close refused for a
// missing call-back names the field `callback`; a version conflict reloads.
import { reactive, ref, watch, type Ref } from 'vue';
import {
  closeRectification, getRectification, recordCallback, revealContact, type CallbackOutcome, type Rectification,
} from '@/api/evaluation';
import { describeError } from '@/api/client';
import { isConflict, useServerErrors } from '@/utils/form-errors';
import { toastSuccess } from '@/utils/feedback';

export function useRectificationDetail(id: Ref<number | null>, changed: () => void) {
  const task = ref<Rectification | null>(null);
  const loading = ref(false);
  const error = ref('');
  const contact = ref('');        // the full number, once revealed
  const revealing = ref(false);
  const revealError = ref('');
  const callback = reactive({ outcome: 'reached' as CallbackOutcome, note: '' });
  const result = ref('');
  const busy = ref<'' | 'callback' | 'close'>('');
  const callbackErrors = useServerErrors(['outcome', 'note'] as const);
  const closeErrors = useServerErrors(['result', 'callback', 'version'] as const);

  async function load() {
    if (id.value === null) return;
    loading.value = true;
    error.value = '';
    try {
      task.value = await getRectification(id.value);
    } catch (e) {
      task.value = null;
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  function clear() {
    contact.value = '';
    revealError.value = '';
    Object.assign(callback, { outcome: 'reached', note: '' });
    result.value = '';
    callbackErrors.clear();
    closeErrors.clear();
  }

  async function reveal() {
    if (!task.value) return;
    revealing.value = true;
    revealError.value = '';
    try {
      contact.value = (await revealContact(task.value.id)).contact;
    } catch (e) {
      revealError.value = describeError(e);
    } finally {
      revealing.value = false;
    }
  }

  async function saveCallback() {
    if (!task.value) return;
    busy.value = 'callback';
    callbackErrors.clear();
    closeErrors.clear();
    try {
      task.value = await recordCallback(task.value.id, { ...callback, note: callback.note.trim() });
      toastSuccess('回访记录已保存');
      changed();
    } catch (e) {
      callbackErrors.show(e);
    } finally {
      busy.value = '';
    }
  }

  async function close() {
    if (!task.value) return;
    busy.value = 'close';
    closeErrors.clear();
    try {
      task.value = await closeRectification(task.value.id, { result: result.value.trim(), version: task.value.version });
      toastSuccess('整改已办结,群众可在办件进度中看到答复');
      changed();
    } catch (e) {
      closeErrors.show(e);
      if (isConflict(e)) await load();  // someone else saved first: show theirs, keep the typed answer
    } finally {
      busy.value = '';
    }
  }

  watch(id, () => { clear(); task.value = null; void load(); }, { immediate: true });
  return {
    task, loading, error, load, contact, revealing, revealError, reveal, callback, result, busy, saveCallback, close,
    callbackErrors, closeErrors,
  };
}
