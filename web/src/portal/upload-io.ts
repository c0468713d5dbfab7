// The browser side of an upload: making a photo smaller with a canvas before
// it is sent, and sending a file with progress. The decisions are in
// upload.ts; this file only runs them.
import { ApiError } from '@/api/client';
import {
  JPEG, JPEG_QUALITY, downscalePlan, fileType, isImage, keepRedrawn, sizeProblem, typeProblem, uploadError,
} from './upload';

export interface UploadProgress {
  loaded: number;
  total: number;
}

// Sends `file` as the raw body with its own Content-Type. XMLHttpRequest and
// not fetch: fetch reports no upload progress, and a 3 MB photo on a slow
// phone connection takes long enough that people need to see it move.
// Failures are ApiErrors as api/client.ts makes them; an abort rejects with
// an AbortError DOMException, as fetch does.
export function sendUpload<T>(
  path: string, file: Blob, headers: Record<string, string>,
  onProgress?: (p: UploadProgress) => void, signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) { reject(new DOMException('aborted', 'AbortError')); return; }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (onProgress) {
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    }
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      const requestId = xhr.getResponseHeader('x-request-id') ?? '';
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回的数据无法解析', '', requestId));
        }
        return;
      }
      reject(uploadErrorOf(xhr, requestId));
    };
    xhr.onerror = () => { done(); reject(uploadErrorOf(null, '')); };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => { done(); reject(new DOMException('aborted', 'AbortError')); };
    xhr.send(file);
  });
}

function uploadErrorOf(xhr: XMLHttpRequest | null, requestId: string): ApiError {
  return xhr ? uploadError(xhr.status, xhr.responseText, requestId) : uploadError(0, '');
}

export interface PreparedFile {
  blob: Blob;
  type: string;
  redrawn: boolean;
}

export class FileRefused extends Error {
  override readonly name = 'FileRefused';
}

interface Decoded {
  width: number;
  height: number;
  draw(ctx: CanvasRenderingContext2D, width: number, height: number): void;
  close(): void;
}

// The photo as the browser shows it (EXIF orientation applied); null when
// the browser cannot read it.
async function decode(file: Blob): Promise<Decoded | null> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return {
        width: bitmap.width, height: bitmap.height,
        draw: (ctx, w, h) => ctx.drawImage(bitmap, 0, 0, w, h),
        close: () => bitmap.close(),
      };
    } catch {
      // older Safari refuses some files here but reads them in an <img>
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return {
      width: img.naturalWidth, height: img.naturalHeight,
      draw: (ctx, w, h) => ctx.drawImage(img, 0, 0, w, h),
      close: () => URL.revokeObjectURL(url),
    };
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
}

function toJpeg(image: Decoded, width: number, height: number): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.resolve(null);
  // White under transparent PNG areas (JPEG has no transparency; black would hide dark text).
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  image.draw(ctx, width, height);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), JPEG, JPEG_QUALITY));
}

// The file as it will be sent: PDFs and small JPEG/PNG photos as they are,
// other photos redrawn as JPEG (downscalePlan). Throws FileRefused with the
// reason for people when the type is not taken or the result is still over
// maxBytes.
export async function prepareFile(file: File, accepted: readonly string[], maxBytes: number): Promise<PreparedFile> {
  const type = fileType(file.name, file.type);
  const refused = typeProblem(type, accepted);
  if (refused) throw new FileRefused(refused);
  let prepared: PreparedFile = { blob: file, type, redrawn: false };
  if (isImage(type)) {
    const image = await decode(file);
    if (!image) {
      if (!accepted.includes(type)) throw new FileRefused('无法读取这张照片,请改用 JPG 或 PNG 格式。');
    } else {
      try {
        const plan = downscalePlan({ type, size: file.size, width: image.width, height: image.height }, accepted);
        if (plan.redraw) {
          const jpeg = await toJpeg(image, plan.width, plan.height);
          if (jpeg && keepRedrawn(file.size, type, jpeg.size, accepted)) prepared = { blob: jpeg, type: JPEG, redrawn: true };
          else if (!accepted.includes(type)) throw new FileRefused('无法转换这张照片,请改用 JPG 或 PNG 格式。');
        }
      } finally {
        image.close();
      }
    }
  }
  // A type found from the name only: the upload's Content-Type must say it.
  if (!prepared.redrawn && file.type !== type) prepared = { blob: new Blob([file], { type }), type, redrawn: false };
  const tooBig = sizeProblem(prepared.blob.size, maxBytes, prepared.redrawn);
  if (tooBig) throw new FileRefused(tooBig);
  return prepared;
}
