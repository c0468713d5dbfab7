// The rules for the window-screen photo (三亮明, policy 三(六)): a portrait
// 3:4 crop of the picked image, scaled down (never up) to at most 360×480 and
// encoded as JPEG within the server's 256 KB. Pure, so the rules are tested
// without a canvas; photo-canvas.ts does the drawing.
import { MAX_PHOTO_BYTES } from '@/api/photo';

export const PHOTO_MAX_WIDTH = 360;
export const PHOTO_MAX_HEIGHT = 480;
// Narrower than this, a face is not recognisable on the window screen.
export const PHOTO_MIN_WIDTH = 120;
export const PHOTO_MIN_HEIGHT = 160;
// What people may pick; the page turns all of them into JPEG.
export const PHOTO_INPUT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_INPUT_ACCEPT = '.jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp';
// A phone camera's picture is a few MB; far larger files are not photos of a face.
export const PHOTO_MAX_INPUT_BYTES = 20 * 1024 * 1024;
// Tried in turn until the JPEG fits; a 360×480 portrait fits at the first one
// unless the picture is unusually detailed.
export const JPEG_QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45] as const;

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

// Which way the 3:4 frame can move over the source: a wide picture leaves
// room left and right, a tall one above and below.
export type Slack = 'horizontal' | 'vertical' | 'none';

export function slackOf(source: Size): Slack {
  const crop = cropRect(source);
  if (crop.width < source.width) return 'horizontal';
  if (crop.height < source.height) return 'vertical';
  return 'none';
}

// The largest 3:4 rectangle inside the source. `position` (0–1, clamped)
// places it along the axis with room to spare: 0 top or left, 0.5 centred,
// 1 bottom or right.
export function cropRect(source: Size, position = 0.5): Rect {
  const { width: w, height: h } = source;
  const p = Math.min(1, Math.max(0, Number.isFinite(position) ? position : 0.5));
  if (w * 4 >= h * 3) {
    const width = Math.min(w, Math.round((h * 3) / 4));
    return { x: Math.round((w - width) * p), y: 0, width, height: h };
  }
  const height = Math.min(h, Math.round((w * 4) / 3));
  return { x: 0, y: Math.round((h - height) * p), width: w, height };
}

// The size of the saved image for a crop: exactly 3:4, no larger than the crop
// (no upscaling) and no larger than 360×480.
export function targetSize(crop: Size): Size {
  const widest = Math.min(PHOTO_MAX_WIDTH, crop.width, Math.floor((crop.height * 3) / 4));
  const units = Math.max(1, Math.floor(widest / 3));
  return { width: units * 3, height: units * 4 };
}

// '' when the picked file may be read; otherwise what is wrong with it.
export function checkInputFile(file: { type: string; size: number }): string {
  if (!(PHOTO_INPUT_TYPES as readonly string[]).includes(file.type)) return '请选择 JPEG、PNG 或 WebP 格式的图片';
  if (file.size > PHOTO_MAX_INPUT_BYTES) return '图片文件过大(不超过 20 MB),请换一张照片';
  return '';
}

// '' when the decoded picture is large enough for a 3:4 photo.
export function checkSourceSize(source: Size): string {
  const crop = cropRect(source);
  if (crop.width < PHOTO_MIN_WIDTH || crop.height < PHOTO_MIN_HEIGHT) {
    return `图片太小(${source.width}×${source.height} 像素),请使用不小于 ${PHOTO_MIN_WIDTH}×${PHOTO_MIN_HEIGHT} 像素的照片`;
  }
  return '';
}

export interface Encoded {
  blob: Blob;
  quality: number;
}

// Encodes at each quality in turn and returns the first result within
// maxBytes, or null when even the lowest quality is too large.
export async function encodeWithin(
  encode: (quality: number) => Promise<Blob>,
  maxBytes: number = MAX_PHOTO_BYTES,
  qualities: readonly number[] = JPEG_QUALITIES,
): Promise<Encoded | null> {
  for (const quality of qualities) {
    const blob = await encode(quality);
    if (blob.size <= maxBytes) return { blob, quality };
  }
  return null;
}

// "35 KB" for people.
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${Math.round(bytes / 1024)} KB`;
}
