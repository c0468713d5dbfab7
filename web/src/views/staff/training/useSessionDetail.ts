// One training session in its drawer: read when the drawer opens; the
// enrolment and results calls answer the whole session, which replaces it.
// The roster (for 添加人员) is read only for those who may enrol people.
import type { Ref } from 'vue';
import { getTrainingSession, listStaff, type Person, type SessionDetail } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';

export function useSessionDetail(id: Ref<number | null>) {
  const detail = useLatestRead<SessionDetail | null>(
    async () => (id.value === null ? null : getTrainingSession(id.value)), null);
  const roster = useLatestRead<Person[]>(async () => (await listStaff()).items, []);

  function replace(d: SessionDetail) {
    detail.data.value = d;
  }

  return {
    session: detail.data, loading: detail.loading, error: detail.error, load: detail.load, replace,
    people: roster.data, peopleError: roster.error, loadPeople: roster.load,
  };
}
