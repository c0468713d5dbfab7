// 培训管理: the year's sessions and the courses in scope. The year is a
// string "YYYY" (the year picker's value).
import { computed, ref, watch } from 'vue';
import { listCourses, listTrainingSessions, type Course, type TrainingSession } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';
import { useSessionStore } from '@/stores/session';
import { shanghaiDate } from '@/utils/time';

export function useTraining() {
  const session = useSessionStore();
  const canManage = computed(() => session.hasPermission('staff.manage'));
  // New courses and sessions default to the caller's own unit.
  const ownUnit = computed(() => session.me?.account.unit_code ?? '');
  const year = ref(shanghaiDate(new Date()).slice(0, 4));

  const sessionRead = useLatestRead<TrainingSession[] | null>(
    async () => (await listTrainingSessions(Number(year.value))).items, null);
  const courseRead = useLatestRead<Course[] | null>(async () => (await listCourses()).items, null);

  watch(year, () => void sessionRead.load(), { immediate: true });
  void courseRead.load();
  return {
    canManage, ownUnit, year,
    sessions: computed(() => sessionRead.data.value ?? []), sessionsRead: computed(() => sessionRead.data.value !== null),
    sessionsLoading: sessionRead.loading, sessionsError: sessionRead.error, loadSessions: sessionRead.load,
    courses: computed(() => courseRead.data.value ?? []), coursesRead: computed(() => courseRead.data.value !== null),
    coursesLoading: courseRead.loading, coursesError: courseRead.error, loadCourses: courseRead.load,
  };
}
