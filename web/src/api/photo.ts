// The caller's own photo for the window screen (三亮明, policy 三(六);
// docs/api/hall.md "PUT/GET/DELETE /api/hall/photo"). Any signed-in staff.
import { request, requestBlob } from './client';

// What the server keeps: JPEG or PNG, at most 256 KB (checked again by content).
export type PhotoType = 'image/jpeg' | 'image/png';
export const MAX_PHOTO_BYTES = 256 * 1024;

// 404 (NOT_FOUND) when no photo has been uploaded yet.
export const getMyPhoto = () => requestBlob('/api/hall/photo', { headers: { Accept: 'image/*, application/json' } });
// 400 (field photo) when the bytes are not the declared type or too large; 415 for another type.
export const putMyPhoto = (photo: Blob, contentType: PhotoType) =>
  request<void>('/api/hall/photo', { method: 'PUT', body: photo, headers: { 'Content-Type': contentType } });
export const deleteMyPhoto = () => request<void>('/api/hall/photo', { method: 'DELETE' });
