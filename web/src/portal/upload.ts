// Files a citizen uploads for a material (网上办, docs/api/citizen.md): which
// type a file is, whether a photo is made smaller before it is sent, what is
// refused, the words for sizes and states, and the ApiError of a failed
// upload. Pure, tested without a browser; upload-io.ts does the canvas and
// the request.
import { ApiError } from '@/api/client';

// Photos larger than this on the long side, or heavier than RESIZE_ABOVE_BYTES,
// are drawn again as JPEG before the upload: a phone's 12-megapixel photo
// (4000 px, 3-6 MB) stays readable at 2400 px and fits the 4 MB limit.
export const MAX_EDGE = 2400;
export const RESIZE_ABOVE_BYTES = 3 * 1024 * 1024;
export const JPEG_QUALITY = 0.85;
export const JPEG = 'image/jpeg';
export const PDF = 'application/pdf';
export const MAX_FILES_PER_MATERIAL = 10;

export const DEFAULT_TYPES: readonly string[] = [JPEG, 'image/png', PDF];

const BY_EXTENSION: Record<string, string> = { jpg: JPEG, jpeg: JPEG, png: 'image/png', pdf: PDF };

// The file's type as the browser says it, or from its name where the browser
// says nothing (some Android file pickers).
export function fileType(name: string, type: string): string {
  if (type) return type.toLowerCase();
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? '';
}

export const isImage = (type: string) => type.startsWith('image/');

export interface ImageInfo {
  type: string;
  size: number;     // bytes
  width: number;    // pixels, as shown (after the EXIF orientation)
  height: number;
}

export type DownscalePlan = { redraw: false } | { redraw: true; width: number; height: number };

// Whether a decoded photo is drawn again as JPEG (and at what size): when its
// long side is over MAX_EDGE, it is over RESIZE_ABOVE_BYTES, or its type is
// one the server does not take (HEIC, WebP … decoded by the browser). Small
// JPEG and PNG files are sent as they are; PDFs are never images here.
export function downscalePlan(info: ImageInfo, accepted: readonly string[] = DEFAULT_TYPES): DownscalePlan {
  const long = Math.max(info.width, info.height);
  if (!isImage(info.type) || long <= 0) return { redraw: false };
  const scale = long > MAX_EDGE ? MAX_EDGE / long : 1;
  if (scale === 1 && info.size <= RESIZE_ABOVE_BYTES && accepted.includes(info.type)) return { redraw: false };
  return {
    redraw: true,
    width: Math.max(1, Math.round(info.width * scale)),
    height: Math.max(1, Math.round(info.height * scale)),
  };
}

// After redrawing: the redrawn file, unless the original is smaller and may
// be sent as it is (a small PNG scan can be lighter than its JPEG).
export function keepRedrawn(originalSize: number, originalType: string, redrawnSize: number, accepted: readonly string[] = DEFAULT_TYPES): boolean {
  if (!accepted.includes(originalType)) return true;
  return redrawnSize < originalSize;
}

// 532 B, 86 KB, 2.4 MB.
export function sizeText(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const TYPE_PROBLEM = '只能上传 JPG、PNG 格式的照片或 PDF 文件。';

// Why a file cannot be chosen at all ('' when it can be tried): a type that
// is neither an image the browser may convert nor a PDF.
export function typeProblem(type: string, accepted: readonly string[] = DEFAULT_TYPES): string {
  if (accepted.includes(type) || isImage(type)) return '';
  return TYPE_PROBLEM;
}

// Why the file, as it would be sent, is refused ('' when it may go).
export function sizeProblem(size: number, maxBytes: number, redrawn: boolean): string {
  if (maxBytes <= 0 || size <= maxBytes) return '';
  const limit = sizeText(maxBytes);
  return redrawn
    ? `照片压缩后仍有 ${sizeText(size)},超过 ${limit} 的上限。请靠近一些重新拍摄,或分几张拍。`
    : `文件有 ${sizeText(size)},超过 ${limit} 的上限。PDF 请拆分成几个文件后分别上传。`;
}

export type UploadState = 'preparing' | 'uploading' | 'done' | 'failed';

// One file of a material, from choosing it to its upload id.
export interface UploadEntry {
  key: number;          // local, for lists and focus
  name: string;
  type: string;         // as sent
  size: number;         // as sent
  preview: string;      // an object URL of the image sent; '' for PDFs
  state: UploadState;
  progress: number;     // 0..1 while uploading
  id: number | null;    // the server's upload id once done
  error: string;
  redrawn: boolean;     // made smaller (or converted) before the upload
  retryable: boolean;   // a failed send that may be tried again (not a refused file)
}

export const uploadedIds = (entries: readonly UploadEntry[]): number[] =>
  entries.filter((e) => e.state === 'done' && e.id !== null).map((e) => e.id as number);

export const isBusy = (entries: readonly UploadEntry[]): boolean =>
  entries.some((e) => e.state === 'preparing' || e.state === 'uploading');

export function stateText(e: Pick<UploadEntry, 'state' | 'progress' | 'error' | 'redrawn'>): string {
  switch (e.state) {
    case 'preparing': return '正在处理照片…';
    case 'uploading': return `正在上传 ${Math.round(Math.min(1, Math.max(0, e.progress)) * 100)}%`;
    case 'done': return e.redrawn ? '已上传(已压缩)' : '已上传';
    case 'failed': return e.error || '上传失败';
  }
}

function statusMessage(status: number): string {
  switch (status) {
    case 0: return '无法连接服务器,请检查网络后重试';
    case 401: return '登录已过期,请重新登录';
    case 403: return '无权执行此操作,请刷新页面后重试';
    case 413: return '文件超过上传大小上限';
    case 415: return TYPE_PROBLEM;
    case 429: return '未提交的文件太多,请删除不用的文件或先提交申请后再上传';
    case 502: case 503: case 504: return '服务暂时不可用,请稍后重试';
    default: return status >= 500 ? '服务器出现错误,请稍后重试' : `上传失败 (HTTP ${status})`;
  }
}

// The ApiError of a failed upload answer, as api/client.ts makes them: the
// server's JSON error body when there is one, else the words for the status.
export function uploadError(status: number, body: string, requestId = ''): ApiError {
  if (status === 0) return new ApiError(0, 'NETWORK', statusMessage(0));
  try {
    const data = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; field?: unknown }; request_id?: unknown };
    const e = data.error;
    if (e && typeof e.code === 'string' && typeof e.message === 'string') {
      return new ApiError(status, e.code, e.message, typeof e.field === 'string' ? e.field : '',
        typeof data.request_id === 'string' && data.request_id ? data.request_id : requestId);
    }
  } catch {
    // not JSON (a proxy's page): the words for the status below
  }
  return new ApiError(status, `HTTP_${status}`, statusMessage(status), '', requestId);
}
