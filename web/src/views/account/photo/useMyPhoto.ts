// 我的窗口照片: the signed-in staff member's own photo for the window screen
// (三亮明, policy 三(六)). Shows the saved photo, turns a picked picture into
// a 3:4 JPEG preview, saves it (PUT) or removes the saved one (DELETE).
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch } from 'vue';
import { ApiError, describeError } from '@/api/client';
import { deleteMyPhoto, getMyPhoto, MAX_PHOTO_BYTES, putMyPhoto } from '@/api/photo';
import { useLatestRead } from '@/composables/useLatestRead';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';
import { decodePicture, PhotoReadError, renderPhoto, type Source } from './photo-canvas';
import { checkInputFile, checkSourceSize, formatBytes, slackOf, type Slack } from './photo-size';

export interface Draft {
  url: string;      // object URL of blob, for the preview
  blob: Blob;       // the JPEG to save
  width: number;
  height: number;
  quality: number;
  fileName: string;
  slack: Slack;
}

// A failed save: what the server said, and whether it is about the photo
// itself (400 field photo, 413, 415: pick another) or something else.
export interface SaveProblem {
  title: string;
  message: string;
}

function saveProblemOf(e: unknown): SaveProblem {
  const aboutPhoto = e instanceof ApiError &&
    ((e.status === 400 && e.field === 'photo') || e.status === 413 || e.status === 415);
  return { title: aboutPhoto ? '服务器未接受这张照片,请换一张照片重试' : '照片保存失败', message: describeError(e) };
}

// The saved photo; null when there is none yet (404).
async function readSaved(): Promise<Blob | null> {
  try {
    return await getMyPhoto();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function useMyPhoto() {
  const saved = useLatestRead<Blob | null>(readSaved, null);
  const savedUrl = ref('');
  watch(saved.data, (blob) => {
    if (savedUrl.value) URL.revokeObjectURL(savedUrl.value);
    savedUrl.value = blob ? URL.createObjectURL(blob) : '';
  });

  const draft = shallowRef<Draft | null>(null);
  const position = ref(0.5);  // of the 3:4 frame along the free axis (cropRect)
  const preparing = ref(false);
  const pickError = ref('');
  const saving = ref(false);
  const saveProblem = ref<SaveProblem | null>(null);
  const deleting = ref(false);
  const draftSize = computed(() => (draft.value ? formatBytes(draft.value.blob.size) : ''));

  let source: Source | null = null;
  let fileName = '';
  let renders = 0;

  function setDraft(next: Draft | null) {
    if (draft.value) URL.revokeObjectURL(draft.value.url);
    draft.value = next;
  }

  function dropSource() {
    source?.close();
    source = null;
  }

  // Draws the preview for the current position; only the newest render lands.
  async function render() {
    if (!source) return;
    const mine = ++renders;
    const from = source;
    preparing.value = true;
    try {
      const photo = await renderPhoto(from, position.value);
      if (mine !== renders) return;
      if (!photo) {
        pickError.value = `照片压缩后仍超过 ${formatBytes(MAX_PHOTO_BYTES)},请换一张背景简洁的照片`;
        setDraft(null);
        return;
      }
      setDraft({
        url: URL.createObjectURL(photo.blob), blob: photo.blob, width: photo.width, height: photo.height,
        quality: photo.quality, fileName, slack: slackOf(from),
      });
    } catch (e) {
      if (mine !== renders) return;
      pickError.value = e instanceof PhotoReadError ? e.message : '无法处理这张图片,请换一张照片';
      setDraft(null);
    } finally {
      if (mine === renders) preparing.value = false;
    }
  }

  async function pick(file: File) {
    pickError.value = '';
    saveProblem.value = null;
    const problem = checkInputFile(file);
    if (problem) {
      pickError.value = problem;
      return;
    }
    preparing.value = true;
    const mine = ++renders;
    let next: Source;
    try {
      next = await decodePicture(file);
    } catch (e) {
      if (mine === renders) {
        pickError.value = e instanceof PhotoReadError ? e.message : '无法读取这张图片,请换一张照片';
        preparing.value = false;
      }
      return;
    }
    if (mine !== renders) {
      next.close();
      return;
    }
    const tooSmall = checkSourceSize(next);
    if (tooSmall) {
      next.close();
      pickError.value = tooSmall;
      preparing.value = false;
      return;
    }
    dropSource();
    setDraft(null);
    source = next;
    fileName = file.name;
    position.value = 0.5;
    await render();
  }

  function cancel() {
    renders++;
    preparing.value = false;
    dropSource();
    setDraft(null);
    saveProblem.value = null;
  }

  async function save() {
    const d = draft.value;
    if (!d || saving.value) return;
    saving.value = true;
    saveProblem.value = null;
    try {
      await putMyPhoto(d.blob, 'image/jpeg');
      cancel();
      toastSuccess('照片已保存');
      await saved.load();
    } catch (e) {
      saveProblem.value = saveProblemOf(e);
    } finally {
      saving.value = false;
    }
  }

  async function remove() {
    const ok = await confirmAction('删除后,您签到窗口时窗口屏将不再显示您的照片。确定删除?', '删除照片', '删除');
    if (!ok) return;
    deleting.value = true;
    try {
      await deleteMyPhoto();
      saved.data.value = null;
      toastSuccess('照片已删除');
    } catch (e) {
      toastError(e);
    } finally {
      deleting.value = false;
    }
  }

  onMounted(saved.load);
  onBeforeUnmount(() => {
    renders++;
    dropSource();
    setDraft(null);
    if (savedUrl.value) URL.revokeObjectURL(savedUrl.value);
  });

  return {
    loading: saved.loading, loadError: saved.error, load: saved.load, savedUrl, draft, draftSize, position, preparing,
    pickError, saving, saveProblem, deleting, pick, render, cancel, save, remove,
  };
}
