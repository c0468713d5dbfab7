// The files of each material being uploaded on a form (网上申请 and 补正):
// each file is prepared (upload-io.ts) and sent at once; the list keeps its
// state, progress and preview; removing a sent file deletes the upload.
// Object URLs and requests in flight end with the page.
import { computed, onBeforeUnmount, ref } from 'vue';
import { ApiError, describeError } from '@/api/client';
import { deleteUpload, uploadFile, type MaterialUploads, type UploadLimits } from './api';
import { FileRefused, prepareFile } from './upload-io';
import { MAX_FILES_PER_MATERIAL, isBusy, isImage, uploadedIds, type UploadEntry } from './upload';

export interface MaterialUploadsOptions {
  limits: () => UploadLimits;
  csrfToken: () => string;
  onSessionLost: () => void;   // a 401: the session ended while the form was open
}

export function useMaterialUploads(options: MaterialUploadsOptions) {
  const lists = ref<Record<number, UploadEntry[]>>({});
  const notes = ref<Record<number, string>>({});   // per material: files left out (over the count)
  const blobs = new Map<number, Blob>();           // by entry key, to retry a failed send
  const controllers = new Map<number, AbortController>();
  let nextKey = 1;

  const entries = (idx: number): UploadEntry[] => lists.value[idx] ?? [];
  const find = (idx: number, key: number) => entries(idx).find((e) => e.key === key);
  const busy = computed(() => Object.values(lists.value).some((l) => isBusy(l)));

  async function send(idx: number, key: number) {
    const entry = find(idx, key);
    const blob = blobs.get(key);
    if (!entry || !blob) return;
    const controller = new AbortController();
    controllers.set(key, controller);
    entry.state = 'uploading';
    entry.progress = 0;
    entry.error = '';
    try {
      const uploaded = await uploadFile(blob, options.csrfToken(), (p) => {
        const e = find(idx, key);
        if (e && p.total > 0) e.progress = p.loaded / p.total;
      }, controller.signal);
      const e = find(idx, key);
      if (!e) {
        // Removed while the answer was on its way: the server keeps it unused
        // and deletes it after 24 hours; deleting it now is only tidier.
        void deleteUpload(uploaded.id, options.csrfToken()).catch(() => undefined);
        return;
      }
      e.id = uploaded.id;
      e.state = 'done';
      e.progress = 1;
      blobs.delete(key);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      const e = find(idx, key);
      if (!e) return;
      if (err instanceof ApiError && err.status === 401) options.onSessionLost();
      e.state = 'failed';
      e.error = describeError(err);
      e.retryable = !(err instanceof ApiError && (err.status === 413 || err.status === 415));
    } finally {
      controllers.delete(key);
    }
  }

  async function addOne(idx: number, file: File) {
    const key = nextKey++;
    if (!lists.value[idx]) lists.value[idx] = [];
    // Read back through the reactive proxy, so that changes to the entry show.
    entries(idx).push({
      key, name: file.name || '照片', type: file.type, size: file.size, preview: '', state: 'preparing', progress: 0,
      id: null, error: '', redrawn: false, retryable: false,
    });
    const { max_bytes: maxBytes, types } = options.limits();
    try {
      const prepared = await prepareFile(file, types, maxBytes);
      const entry = find(idx, key);
      if (!entry) return;
      entry.type = prepared.type;
      entry.size = prepared.blob.size;
      entry.redrawn = prepared.redrawn;
      if (isImage(prepared.type)) entry.preview = URL.createObjectURL(prepared.blob);
      blobs.set(key, prepared.blob);
    } catch (err) {
      const entry = find(idx, key);
      if (!entry) return;
      entry.state = 'failed';
      entry.error = err instanceof FileRefused ? err.message : '无法读取这个文件,请重新选择。';
      return;
    }
    await send(idx, key);
  }

  // The files chosen for a material, one after the other (a phone sends one
  // photo at a time faster than several at once); beyond the count, none.
  async function add(idx: number, files: readonly File[]) {
    const room = MAX_FILES_PER_MATERIAL - entries(idx).length;
    const chosen = files.slice(0, Math.max(0, room));
    notes.value[idx] = files.length > chosen.length
      ? `每项材料最多上传 ${MAX_FILES_PER_MATERIAL} 个文件,另外 ${files.length - chosen.length} 个没有添加。` : '';
    for (const f of chosen) await addOne(idx, f);
  }

  function retry(idx: number, key: number) {
    if (blobs.has(key)) void send(idx, key);
  }

  function forget(entry: UploadEntry) {
    controllers.get(entry.key)?.abort();
    controllers.delete(entry.key);
    blobs.delete(entry.key);
    if (entry.preview) URL.revokeObjectURL(entry.preview);
  }

  // Removed from the form at once. A sent file is deleted on the server too;
  // should that fail, the upload stays unused (never named in a submission)
  // and the server deletes it after 24 hours, so the person is not troubled.
  function remove(idx: number, key: number) {
    const list = entries(idx);
    const at = list.findIndex((e) => e.key === key);
    if (at < 0) return;
    const [entry] = list.splice(at, 1);
    if (!entry) return;
    forget(entry);
    notes.value[idx] = '';
    if (entry.id !== null) void deleteUpload(entry.id, options.csrfToken()).catch(() => undefined);
  }

  // The uploads to name in a submission: the materials with a sent file.
  function chosen(): MaterialUploads[] {
    return Object.entries(lists.value)
      .map(([idx, list]) => ({ idx: Number(idx), uploads: uploadedIds(list) }))
      .filter((m) => m.uploads.length > 0)
      .sort((a, b) => a.idx - b.idx);
  }

  // After a submission took the files: the lists empty, nothing deleted.
  function reset() {
    for (const list of Object.values(lists.value)) for (const e of list) forget(e);
    lists.value = {};
    notes.value = {};
  }

  onBeforeUnmount(reset);
  return { lists, notes, entries, busy, add, retry, remove, chosen, reset };
}
