// 社区活动 (附件二): the activities of the caller's communities, newest first,
// one activity's participants, and recording a new one with participants
// picked from the registry of its community.
import { onMounted, reactive, ref, watch } from 'vue';
import { describeError } from '@/api/client';
import {
  addActivity, getActivity, listActivities, listRetirees,
  type Activity, type ActivityDetail, type ActivityKind, type Retiree,
} from '@/api/retirees';
import { useServerErrors } from '@/utils/form-errors';
import { shanghaiDate } from '@/utils/time';

const FIELDS = ['unit_code', 'kind', 'title', 'day', 'place', 'content', 'participants'] as const;

function blank(unit = '') {
  return {
    unit_code: unit, kind: 'culture' as ActivityKind, title: '', day: shanghaiDate(new Date()), place: '', content: '',
    participants: [] as number[],
  };
}

export function useActivities() {
  const unit = ref('');
  const items = ref<Activity[]>([]);
  const loading = ref(false);
  const error = ref('');
  let reads = 0;

  async function load() {
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const answer = (await listActivities(unit.value)).items;
      if (read === reads) items.value = answer;
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  // The one shown in the drawer.
  const shown = ref<ActivityDetail | null>(null);
  const shownError = ref('');
  async function show(id: number | null) {
    shown.value = null;
    shownError.value = '';
    if (id === null) return;
    try {
      shown.value = await getActivity(id);
    } catch (e) {
      shownError.value = describeError(e);
    }
  }

  // Recording one.
  const form = reactive(blank());
  const people = ref<Retiree[]>([]);
  const peopleError = ref('');
  const saving = ref(false);
  const { fieldErrors, formError, clear, show: showError } = useServerErrors(FIELDS);

  // The living people of the chosen community.
  let peopleReads = 0;
  async function loadPeople(code: string) {
    const read = ++peopleReads;
    form.participants = [];
    people.value = [];
    peopleError.value = '';
    if (!code) return;
    try {
      const answer = (await listRetirees({ unit: code })).items.filter((r) => r.status !== 'deceased');
      if (read === peopleReads) people.value = answer;
    } catch (e) {
      if (read === peopleReads) peopleError.value = describeError(e);
    }
  }
  watch(() => form.unit_code, (code) => void loadPeople(code));

  // Each opening reads the registry again: people registered since are offered too.
  function prepare(defaultUnit: string) {
    const same = form.unit_code === defaultUnit;
    Object.assign(form, blank(defaultUnit));
    clear();
    if (same) void loadPeople(defaultUnit);
  }

  async function save(): Promise<ActivityDetail | null> {
    if (saving.value) return null;
    saving.value = true;
    clear();
    try {
      const made = await addActivity({ ...form, title: form.title.trim(), place: form.place.trim(),
        content: form.content.trim() });
      items.value.unshift(made);
      return made;
    } catch (e) {
      showError(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  watch(unit, () => void load());
  onMounted(load);
  return {
    unit, items, loading, error, load, shown, shownError, show,
    form, people, peopleError, saving, fieldErrors, formError, prepare, save,
  };
}
