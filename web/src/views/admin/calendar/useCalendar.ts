import { computed, ref, watch } from 'vue';
import {
  getCalendarYear, getDueDate, importCalendar, removeCalendarDay, setCalendarDay,
  type CalendarDay, type CalendarImportLine, type DayKind, type DueDate,
} from '@/api/calendar';
import { describeError } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { confirmAction, toastSuccess } from '@/utils/feedback';
import { shanghaiDate } from '@/utils/time';

export function useCalendar() {
  const session = useSessionStore();
  const canManage = computed(() => session.hasPermission('calendar.manage'));
  const year = ref(Number(shanghaiDate(new Date()).slice(0, 4)));
  const loading = ref(true);
  const error = ref('');
  const days = ref<CalendarDay[]>([]);
  const maintained = ref(true);
  const busy = ref('');

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      const y = await getCalendarYear(year.value);
      days.value = y.items;
      maintained.value = y.maintained;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }
  watch(year, load, { immediate: true });

  const byDay = computed(() => new Map(days.value.map((d) => [d.day, d])));

  async function save(day: string, kind: DayKind, name: string): Promise<string> {
    busy.value = 'save';
    try {
      await setCalendarDay(day, kind, name);
      toastSuccess(`已保存 ${day}`);
      await load();
      return '';
    } catch (e) {
      return describeError(e);
    } finally {
      busy.value = '';
    }
  }

  async function remove(d: CalendarDay) {
    if (!(await confirmAction(`删除 ${d.day}(${d.name})的特别安排?删除后按周一至周五上班计算。`, '删除安排', '删除'))) return;
    busy.value = d.day;
    try {
      await removeCalendarDay(d.day);
      toastSuccess('已删除');
      await load();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      busy.value = '';
    }
  }

  const importLines = ref<CalendarImportLine[]>([]);
  async function runImport(csv: string): Promise<boolean> {
    busy.value = 'import';
    try {
      const r = await importCalendar(csv);
      importLines.value = r.lines;
      if (r.imported) {
        toastSuccess(`已导入 ${r.lines.length} 天`);
        await load();
      }
      return r.imported;
    } finally {
      busy.value = '';
    }
  }

  // The due-date calculator (限时办结).
  const dueFrom = ref(shanghaiDate(new Date()));
  const dueDays = ref(5);
  const due = ref<DueDate | null>(null);
  const dueError = ref('');
  async function computeDue() {
    dueError.value = '';
    try {
      due.value = await getDueDate(dueFrom.value, dueDays.value);
    } catch (e) {
      due.value = null;
      dueError.value = describeError(e);
    }
  }

  return {
    canManage, year, loading, error, days, byDay, maintained, busy, load, save, remove,
    importLines, runImport, dueFrom, dueDays, due, dueError, computeDue,
  };
}
