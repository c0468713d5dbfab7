// 大厅设置 tab: read the site's settings, edit a copy, PUT it whole with the
// version read; the server's field errors go on their fields, a stale
// version (409) reloads.
import { reactive, ref, watch, type Ref } from 'vue';
import { describeError } from '@/api/client';
import { getSettings, saveSettings, type Settings } from '@/api/hall';
import { toastSuccess, toastWarning } from '@/utils/feedback';
import { isConflict, useServerErrors } from '@/utils/form-errors';
import { DEFAULT_SETTINGS, SETTINGS_FIELDS, settingsBody, settingsForm } from './settings';

export function useHallSettings(siteId: Ref<number>) {
  const saved = ref<Settings | null>(null);
  const form = reactive({ ...DEFAULT_SETTINGS });
  const loading = ref(true);
  const error = ref('');
  const saving = ref(false);
  const errors = useServerErrors(SETTINGS_FIELDS);
  let reads = 0;

  async function load() {
    const read = ++reads;
    loading.value = saved.value?.site_id !== siteId.value;  // a reload keeps the form on screen
    error.value = '';
    try {
      const s = await getSettings(siteId.value);
      if (read !== reads) return;
      saved.value = s;
      Object.assign(form, settingsForm(s));
      errors.clear();
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  async function save(valid: boolean): Promise<void> {
    if (!valid || !saved.value) return;
    errors.clear();
    saving.value = true;
    try {
      const s = await saveSettings(siteId.value, settingsBody({ ...form }));
      saved.value = s;
      Object.assign(form, settingsForm(s));
      toastSuccess('大厅设置已保存');
    } catch (e) {
      if (isConflict(e)) {
        toastWarning('大厅设置已被他人修改,已重新读取最新设置,请核对后再保存');
        await load();
      } else {
        errors.show(e);
      }
    } finally {
      saving.value = false;
    }
  }

  watch(siteId, load, { immediate: true });
  return { saved, form, loading, error, saving, errors, load, save };
}
