// 业务分组 of a site: the list, and 暂停取号 / 恢复取号 (PATCH active with
// the version read, so a stale page cannot undo someone else's change).
import { ref, watch, type Ref } from 'vue';
import { useLatestRead } from '@/composables/useLatestRead';
import { listGroups, updateGroup, type Group } from '@/api/hall';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';
import { isConflict } from '@/utils/form-errors';

export function useGroups(siteId: Ref<number>) {
  const { data: items, loading, error, load } = useLatestRead<Group[]>(
    async () => [...(await listGroups(siteId.value)).items].sort((a, b) => a.prefix.localeCompare(b.prefix)), []);
  const busyCode = ref('');

  function replace(g: Group) {
    items.value = items.value.map((x) => (x.code === g.code ? g : x));
  }

  async function setActive(g: Group, active: boolean) {
    if (!active) {
      const ok = await confirmAction(
        `暂停后,自助终端和窗口不再为“${g.name}”取号;已经取到的号照常叫号办理。`, '暂停取号', '暂停取号');
      if (!ok) return;
    }
    busyCode.value = g.code;
    try {
      replace(await updateGroup(siteId.value, g.code, { active, version: g.version }));
      toastSuccess(active ? `“${g.name}”已恢复取号` : `“${g.name}”已暂停取号`);
    } catch (e) {
      toastError(e);
      if (isConflict(e)) await load();
    } finally {
      busyCode.value = '';
    }
  }

  function onSaved(g: Group) {
    if (items.value.some((x) => x.code === g.code)) replace(g);
    else items.value = [...items.value, g].sort((a, b) => a.prefix.localeCompare(b.prefix));
  }

  watch(siteId, load, { immediate: true });
  return { items, loading, error, busyCode, load, setActive, onSaved };
}
