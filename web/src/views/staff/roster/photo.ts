// The rule for a staff photo uploaded from the roster (三亮明 亮身份): JPEG or
// PNG, at most 256 KB, sent as it is (the server checks the bytes again).
import { MAX_PHOTO_BYTES, type PhotoType } from '@/api/photo';

export const STAFF_PHOTO_ACCEPT = '.jpg,.jpeg,.png,image/jpeg,image/png';

const TYPES: readonly PhotoType[] = ['image/jpeg', 'image/png'];

// The content type to send, or the reason in Chinese the file cannot be used.
export function checkStaffPhoto(file: Pick<File, 'type' | 'size'>): { type: PhotoType } | { problem: string } {
  const type = TYPES.find((t) => t === file.type);
  if (!type) return { problem: '照片须为 JPEG 或 PNG 格式的图片' };
  if (file.size === 0) return { problem: '照片文件是空的,请重新选择' };
  if (file.size > MAX_PHOTO_BYTES) {
    return { problem: `照片不能超过 ${MAX_PHOTO_BYTES / 1024} KB,所选文件为 ${Math.ceil(file.size / 1024)} KB` };
  }
  return { type };
}
