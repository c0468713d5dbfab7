// 窗口 tab: the site's windows with their queue state, and which service
// groups each one serves (PUT the whole set).
import { ref, watch, type Ref } from 'vue';
import { describeError } from '@/api/client';
import { listGroups, listHallWindows, setWindowGroups, type Group, type WindowState } from '@/api/hall';
import { toastSuccess } from '@/utils/feedback';

export function useWindowsAdmin(siteId: Ref<number>) {
  const windows = ref<WindowState[]>([]);
  const groups = ref<Group[]>([]);
  const loading = ref(true);
  const error = ref('');
  let reads = 0;

  async function load() {
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const [w, g] = await Promise.all([listHallWindows(siteId.value), listGroups(siteId.value)]);
      if (read !== reads) return;
      windows.value = [...w.items].sort((a, b) => a.number - b.number);
      groups.value = [...g.items].sort((a, b) => a.prefix.localeCompare(b.prefix));
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  // The dialog's save: the server answers 204, so the row is updated here.
  async function saveGroups(w: WindowState, codes: string[]) {
    await setWindowGroups(w.id, codes);
    windows.value = windows.value.map((x) => (x.id === w.id ? { ...x, groups: [...codes] } : x));
    toastSuccess(`${w.number} 号窗口的业务分组已保存`);
  }

  watch(siteId, load, { immediate: true });
  return { windows, groups, loading, error, load, saveGroups };
}
