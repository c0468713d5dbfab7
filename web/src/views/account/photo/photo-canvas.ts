// Decoding the picked picture and drawing the 3:4 photo in a canvas (the
// sizes come from photo-size.ts). Browser-only: an <img> applies the EXIF
// orientation of phone pictures, which drawImage then keeps.
import { cropRect, encodeWithin, targetSize, type Encoded, type Size } from './photo-size';

export class PhotoReadError extends Error {}

// The decoded picture; the caller closes it when done.
export interface Source extends Size {
  image: HTMLImageElement;
  close(): void;
}

export async function decodePicture(file: Blob): Promise<Source> {
  const url = URL.createObjectURL(file);
  const image = new Image();
  image.decoding = 'async';
  image.src = url;
  try {
    await image.decode();
  } catch {
    URL.revokeObjectURL(url);
    throw new PhotoReadError('无法读取这张图片,文件可能已损坏,请换一张照片');
  }
  return {
    image,
    width: image.naturalWidth,
    height: image.naturalHeight,
    close: () => URL.revokeObjectURL(url),
  };
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new PhotoReadError('浏览器无法生成照片,请换用其他浏览器或照片'));
    }, 'image/jpeg', quality);
  });
}

// The photo for a position of the frame (see cropRect), as a JPEG within the
// server's limit; null when no quality gets it small enough.
export async function renderPhoto(source: Source, position: number): Promise<(Encoded & Size) | null> {
  const crop = cropRect(source, position);
  const size = targetSize(crop);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new PhotoReadError('浏览器无法处理图片,请换用其他浏览器');
  // JPEG has no transparency: a transparent PNG would turn black.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source.image, crop.x, crop.y, crop.width, crop.height, 0, 0, size.width, size.height);
  const encoded = await encodeWithin((q) => toJpeg(canvas, q));
  return encoded ? { ...encoded, ...size } : null;
}
