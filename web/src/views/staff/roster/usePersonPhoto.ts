// A person's photo in the roster drawer (三亮明 亮身份): read with the
// session's cookie through the request client as a blob and shown from an
// object URL, revoked when replaced or when the drawer goes; uploaded as the
// raw file (PUT) or deleted.
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { ApiError, describeError } from '@/api/client';
import { deleteStaffPhoto, getStaffPhoto, putStaffPhoto } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';
import { checkStaffPhoto } from './photo';

export function usePersonPhoto(accountId: Ref<number>, hasPhoto: Ref<boolean>, changed: () => void) {
  // null: none on the server (has_photo false, or 404 meanwhile).
  const photo = useLatestRead<Blob | null>(async () => {
    if (!hasPhoto.value) return null;
    try {
      return await getStaffPhoto(accountId.value);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, null);
  const url = ref('');
  const problem = ref('');
  const saving = ref(false);
  const deleting = ref(false);

  watch(photo.data, (blob) => {
    if (url.value) URL.revokeObjectURL(url.value);
    url.value = blob ? URL.createObjectURL(blob) : '';
  });
  watch([accountId, hasPhoto], () => void photo.load(), { immediate: true });
  onBeforeUnmount(() => {
    if (url.value) URL.revokeObjectURL(url.value);
  });

  async function upload(file: File) {
    problem.value = '';
    const checked = checkStaffPhoto(file);
    if ('problem' in checked) {
      problem.value = checked.problem;
      return;
    }
    saving.value = true;
    try {
      await putStaffPhoto(accountId.value, file, checked.type);
      photo.data.value = file;
      toastSuccess('照片已上传');
      changed();
    } catch (e) {
      problem.value = describeError(e);
    } finally {
      saving.value = false;
    }
  }

  async function remove() {
    if (!(await confirmAction('删除后窗口屏将不再显示该人员的照片。确定删除?', '删除照片', '删除'))) return;
    deleting.value = true;
    try {
      await deleteStaffPhoto(accountId.value);
      photo.data.value = null;
      toastSuccess('照片已删除');
      changed();
    } catch (e) {
      toastError(e);
    } finally {
      deleting.value = false;
    }
  }

  return {
    url, loading: photo.loading, error: photo.error, load: photo.load, problem, saving, deleting, upload, remove,
  };
}
