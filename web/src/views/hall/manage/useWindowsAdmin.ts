// 窗口 tab: the site's windows with their queue state, and which service
// groups each one serves (PUT the whole set).
import { computed, watch, type Ref } from 'vue';
import { useLatestRead } from '@/composables/useLatestRead';
import { listGroups, listHallWindows, setWindowGroups, type Group, type WindowState } from '@/api/hall';
import { toastSuccess } from '@/utils/feedback';

export function useWindowsAdmin(siteId: Ref<number>) {
  const { data, loading, error, load } = useLatestRead(async () => {
    const [w, g] = await Promise.all([listHallWindows(siteId.value), listGroups(siteId.value)]);
    return {
      windows: [...w.items].sort((a, b) => a.number - b.number),
      groups: [...g.items].sort((a, b) => a.prefix.localeCompare(b.prefix)),
    };
  }, { windows: [] as WindowState[], groups: [] as Group[] });
  const windows = computed({
    get: () => data.value.windows,
    set: (v: WindowState[]) => { data.value = { ...data.value, windows: v }; },
  });
  const groups = computed(() => data.value.groups);

  // The dialog's save: the server answers 204, so the row is updated here.
  async function saveGroups(w: WindowState, codes: string[]) {
    await setWindowGroups(w.id, codes);
    windows.value = windows.value.map((x) => (x.id === w.id ? { ...x, groups: [...codes] } : x));
    toastSuccess(`${w.number} 号窗口的业务分组已保存`);
  }

  watch(siteId, load, { immediate: true });
  return { windows, groups, loading, error, load, saveGroups };
}
