import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { describeError } from '@/api/client';
import { getSite, updateSite, updateWindow, type ServiceWindow, type SiteWithWindows } from '@/api/org';
import { useSessionStore } from '@/stores/session';
import { toastError, toastSuccess } from '@/utils/feedback';
import { isConflict, useServerErrors } from '@/utils/form-errors';
import { emptySite, normalizeSite, SITE_FIELDS, siteInput } from './fields';

export function useSiteDetail() {
  const route = useRoute();
  const session = useSessionStore();
  const canWrite = computed(() => session.hasPermission('org.write'));
  const id = computed(() => Number(route.params.id));

  const loading = ref(true);
  const error = ref('');
  const site = ref<SiteWithWindows | null>(null);
  const form = reactive(emptySite());
  const saving = ref(false);
  const siteErrors = useServerErrors(SITE_FIELDS);

  const windows = computed(() => [...(site.value?.windows ?? [])].sort((a, b) => a.number - b.number));
  const nextNumber = computed(() => windows.value.reduce((max, w) => Math.max(max, w.number), 0) + 1);
  const windowDialog = ref(false);
  const editingWindow = ref<ServiceWindow | null>(null);
  const busyWindow = ref(0);

  async function load() {
    loading.value = site.value?.id !== id.value;  // a reload keeps the page on screen
    error.value = '';
    try {
      site.value = await getSite(id.value);
      Object.assign(form, siteInput(site.value));
      siteErrors.clear();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function save(valid: boolean) {
    const s = site.value;
    if (!s || !valid) return;
    siteErrors.clear();
    saving.value = true;
    try {
      const { name, address, hours, phone, longitude, latitude } = normalizeSite({ ...form });
      const updated = await updateSite(s.id, { name, address, hours, phone, longitude, latitude, version: s.version });
      site.value = { ...updated, windows: s.windows };
      Object.assign(form, siteInput(updated));
      toastSuccess('场所信息已保存');
    } catch (e) {
      if (isConflict(e)) {
        toastError(e);
        await load();
      } else {
        siteErrors.show(e);
      }
    } finally {
      saving.value = false;
    }
  }

  function replaceWindow(w: ServiceWindow) {
    const s = site.value;
    if (!s) return;
    const others = s.windows.filter((x) => x.id !== w.id);
    site.value = { ...s, windows: [...others, w] };
  }

  async function setOpen(w: ServiceWindow, open: boolean) {
    busyWindow.value = w.id;
    try {
      replaceWindow(await updateWindow(w.id, { open, version: w.version }));
      toastSuccess(open ? `${w.number} 号窗口已开放` : `${w.number} 号窗口已暂停`);
    } catch (e) {
      toastError(e);
      if (isConflict(e)) await load();
    } finally {
      busyWindow.value = 0;
    }
  }

  function addWindow() {
    editingWindow.value = null;
    windowDialog.value = true;
  }

  function editWindow(w: ServiceWindow) {
    editingWindow.value = w;
    windowDialog.value = true;
  }

  function onWindowSaved(w: ServiceWindow) {
    replaceWindow(w);
    toastSuccess(`${w.number} 号窗口已保存`);
  }

  watch(id, load, { immediate: true });
  return {
    canWrite, loading, error, site, form, saving, siteErrors, windows, nextNumber, windowDialog, editingWindow,
    busyWindow, load, save, setOpen, addWindow, editWindow, onWindowSaved,
  };
}
