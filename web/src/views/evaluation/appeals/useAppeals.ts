// 申诉复核 (四(三)): the appeals the caller's units review (evaluation.review),
// by tab (复核中, 申诉成立, 申诉不成立), and the one open in the drawer (?id=).
// The reviewer reads the rating with its comment and decides with a note;
// whoever made the appeal cannot decide it (the server answers 403).
import { reactive, ref, watch, type Ref } from 'vue';
import {
  getAppeal, listAppeals, reviewAppeal, type AppealDecision, type AppealItem, type AppealState,
} from '@/api/evaluation';
import { describeError } from '@/api/client';
import { useLatestRead } from '@/composables/useLatestRead';
import { isConflict, useServerErrors } from '@/utils/form-errors';
import { toastSuccess } from '@/utils/feedback';
import { useQueryId } from '@/views/hall/shared/useQueryId';
import { useQueryTab } from '@/views/hall/shared/useQueryTab';

export const APPEAL_TABS = ['pending', 'upheld', 'rejected'] as const satisfies readonly AppealState[];

export function useAppeals() {
  const tab = useQueryTab<AppealState>(APPEAL_TABS);
  const { data, loading, error, load } = useLatestRead(async () => (await listAppeals(tab.value)).items, [] as AppealItem[]);
  const { openId, open, close } = useQueryId();
  watch(tab, load, { immediate: true });
  return { tab, items: data, loading, error, load, openId, open, close };
}

export function useAppealReview(id: Ref<number | null>, changed: () => void) {
  const appeal = ref<AppealItem | null>(null);
  const loading = ref(false);
  const error = ref('');
  const form = reactive({ decision: '' as AppealDecision | '', note: '' });
  const busy = ref(false);
  const errors = useServerErrors(['decision', 'note', 'version', 'state', 'id'] as const);

  async function load() {
    if (id.value === null) return;
    loading.value = true;
    error.value = '';
    try {
      appeal.value = await getAppeal(id.value);
    } catch (e) {
      appeal.value = null;
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function submit() {
    if (!appeal.value || busy.value) return;
    errors.clear();
    if (!form.decision) {
      errors.fieldErrors.decision = '请选择复核结论';
      return;
    }
    busy.value = true;
    try {
      appeal.value = await reviewAppeal(appeal.value.id,
        { decision: form.decision, note: form.note.trim(), version: appeal.value.version });
      toastSuccess(`复核完成:${appeal.value.state_name}`);
      changed();
    } catch (e) {
      errors.show(e);
      if (isConflict(e)) await load();
    } finally {
      busy.value = false;
    }
  }

  watch(id, () => {
    Object.assign(form, { decision: '', note: '' });
    errors.clear();
    appeal.value = null;
    void load();
  }, { immediate: true });
  return { appeal, loading, error, load, form, busy, errors, submit };
}
