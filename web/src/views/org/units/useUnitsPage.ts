import { computed, onMounted, ref, watch } from 'vue';
import type { TreeNodeData } from 'element-plus';
import { describeError } from '@/api/client';
import { listUnits, renameUnit, type Unit } from '@/api/org';
import { useSessionStore } from '@/stores/session';
import { toastError, toastSuccess } from '@/utils/feedback';
import { isConflict, useServerErrors } from '@/utils/form-errors';
import { buildUnitTree, type UnitNode } from '@/utils/unit-tree';

export function useUnitsPage() {
  const session = useSessionStore();
  const canWrite = computed(() => session.hasPermission('org.write'));

  const loading = ref(true);
  const error = ref('');
  const units = ref<Unit[]>([]);
  const tree = computed(() => buildUnitTree(units.value));
  const selectedCode = ref('');
  const selected = computed(() => units.value.find((u) => u.code === selectedCode.value) ?? null);
  const parentName = computed(() => {
    const p = selected.value?.parent_code;
    return p ? (units.value.find((u) => u.code === p)?.name ?? p) : '';
  });
  const childCount = computed(() => units.value.filter((u) => u.parent_code === selectedCode.value).length);
  // The roots open, and the way down to the selected unit (el-tree opens its parents).
  const expandedKeys = computed(() => [...tree.value.map((n) => n.value), ...(selectedCode.value ? [selectedCode.value] : [])]);
  const filterText = ref('');

  const renameForm = ref({ name: '' });
  const renaming = ref(false);
  const renameErrors = useServerErrors(['name'] as const);

  const creating = ref(false);
  const importing = ref(false);

  // A reload after a change keeps the tree on screen; only the first load
  // (or a retry after an error) shows the skeleton.
  async function load() {
    loading.value = units.value.length === 0;
    error.value = '';
    try {
      units.value = (await listUnits()).items;
      if (!selected.value) selectedCode.value = units.value[0]?.code ?? '';
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  watch(selected, (u) => {
    renameForm.value.name = u?.name ?? '';
    renameErrors.clear();
  }, { immediate: true });

  function select(node: UnitNode) {
    selectedCode.value = node.value;
  }

  function filterNode(value: string, data: TreeNodeData): boolean {
    const q = value.trim();
    const node = data as UnitNode;
    return q === '' || node.label.includes(q) || node.value.startsWith(q);
  }

  async function rename() {
    const u = selected.value;
    const name = renameForm.value.name.trim();
    if (!u) return;
    renameErrors.clear();
    if (!name) {
      renameErrors.fieldErrors.name = '请输入单位名称';
      return;
    }
    if (name === u.name) return;
    renaming.value = true;
    try {
      const updated = await renameUnit(u.code, name, u.version);
      units.value = units.value.map((x) => (x.code === updated.code ? updated : x));
      toastSuccess('名称已保存');
    } catch (e) {
      if (isConflict(e)) {
        toastError(e);
        await load();  // someone saved first: show their version
      } else {
        renameErrors.show(e);
      }
    } finally {
      renaming.value = false;
    }
  }

  async function onCreated(unit: Unit) {
    toastSuccess(`已新增${unit.level_label}"${unit.name}"`);
    await load();
    selectedCode.value = unit.code;
  }

  onMounted(load);
  return {
    canWrite, loading, error, units, tree, selectedCode, selected, parentName, childCount, expandedKeys, filterText,
    renameForm, renaming, renameErrors, creating, importing, load, select, filterNode, rename, onCreated,
  };
}
