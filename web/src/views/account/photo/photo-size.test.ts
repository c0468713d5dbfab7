import { describe, expect, it } from 'vitest';
import {
  PHOTO_MAX_HEIGHT, PHOTO_MAX_WIDTH, checkInputFile, checkSourceSize, cropRect, encodeWithin, formatBytes, slackOf,
  targetSize,
} from './photo-size';

describe('cropRect', () => {
  it('takes the full height of a landscape picture and centres the 3:4 frame', () => {
    expect(cropRect({ width: 4000, height: 3000 })).toEqual({ x: 875, y: 0, width: 2250, height: 3000 });
  });

  it('takes the full width of a tall picture and centres the frame vertically', () => {
    expect(cropRect({ width: 1080, height: 1920 })).toEqual({ x: 0, y: 240, width: 1080, height: 1440 });
  });

  it('keeps a picture that is already 3:4 whole', () => {
    expect(cropRect({ width: 600, height: 800 })).toEqual({ x: 0, y: 0, width: 600, height: 800 });
  });

  it('moves the frame along the free axis and clamps the position', () => {
    expect(cropRect({ width: 1080, height: 1920 }, 0)).toMatchObject({ x: 0, y: 0 });
    expect(cropRect({ width: 1080, height: 1920 }, 1)).toMatchObject({ x: 0, y: 480 });
    expect(cropRect({ width: 4000, height: 3000 }, 1.5)).toMatchObject({ x: 1750, y: 0 });
    expect(cropRect({ width: 4000, height: 3000 }, -1)).toMatchObject({ x: 0, y: 0 });
    expect(cropRect({ width: 4000, height: 3000 }, Number.NaN)).toMatchObject({ x: 875 });
  });

  it('stays inside the picture for odd sizes', () => {
    for (const [w, h] of [[1001, 1333], [333, 999], [1999, 1], [1, 1999], [123, 164]] as const) {
      const r = cropRect({ width: w, height: h }, 1);
      expect(r.x + r.width).toBeLessThanOrEqual(w);
      expect(r.y + r.height).toBeLessThanOrEqual(h);
    }
  });
});

describe('slackOf', () => {
  it('names the axis the frame can move along', () => {
    expect(slackOf({ width: 4000, height: 3000 })).toBe('horizontal');
    expect(slackOf({ width: 1080, height: 1920 })).toBe('vertical');
    expect(slackOf({ width: 300, height: 400 })).toBe('none');
  });
});

describe('targetSize', () => {
  it('scales a large crop down to 360×480', () => {
    expect(targetSize({ width: 2250, height: 3000 })).toEqual({ width: PHOTO_MAX_WIDTH, height: PHOTO_MAX_HEIGHT });
  });

  it('never scales up', () => {
    expect(targetSize({ width: 300, height: 400 })).toEqual({ width: 300, height: 400 });
    expect(targetSize({ width: 120, height: 160 })).toEqual({ width: 120, height: 160 });
  });

  it('is exactly 3:4 and within the crop for crops that are not', () => {
    for (const crop of [{ width: 1001, height: 1335 }, { width: 301, height: 401 }, { width: 200, height: 267 }]) {
      const t = targetSize(crop);
      expect(t.width * 4).toBe(t.height * 3);
      expect(t.width).toBeLessThanOrEqual(crop.width);
      expect(t.height).toBeLessThanOrEqual(crop.height);
    }
    expect(targetSize({ width: 301, height: 401 })).toEqual({ width: 300, height: 400 });
  });

  it('is 3:4 for every source after cropping', () => {
    for (const [w, h] of [[4000, 3000], [3024, 4032], [1080, 1920], [640, 480], [500, 500]] as const) {
      const t = targetSize(cropRect({ width: w, height: h }));
      expect(t.width * 4).toBe(t.height * 3);
      expect(t.width).toBeLessThanOrEqual(PHOTO_MAX_WIDTH);
    }
  });
});

describe('checks', () => {
  it('takes JPEG, PNG and WebP files up to 20 MB', () => {
    expect(checkInputFile({ type: 'image/jpeg', size: 3_000_000 })).toBe('');
    expect(checkInputFile({ type: 'image/png', size: 10 })).toBe('');
    expect(checkInputFile({ type: 'image/webp', size: 10 })).toBe('');
    expect(checkInputFile({ type: 'image/gif', size: 10 })).toContain('JPEG、PNG 或 WebP');
    expect(checkInputFile({ type: 'application/pdf', size: 10 })).not.toBe('');
    expect(checkInputFile({ type: 'image/jpeg', size: 21 * 1024 * 1024 })).toContain('20 MB');
  });

  it('refuses pictures too small for a recognisable face', () => {
    expect(checkSourceSize({ width: 120, height: 160 })).toBe('');
    expect(checkSourceSize({ width: 4000, height: 3000 })).toBe('');
    expect(checkSourceSize({ width: 100, height: 400 })).toContain('100×400');
    expect(checkSourceSize({ width: 400, height: 150 })).not.toBe('');
  });
});

describe('encodeWithin', () => {
  const sized = (n: number) => new Blob([new Uint8Array(n)], { type: 'image/jpeg' });

  it('keeps the first quality that fits', async () => {
    const tried: number[] = [];
    const result = await encodeWithin(async (q) => { tried.push(q); return sized(100); }, 1000);
    expect(result?.quality).toBe(0.85);
    expect(tried).toEqual([0.85]);
  });

  it('lowers the quality until the image fits', async () => {
    const tried: number[] = [];
    const result = await encodeWithin(async (q) => { tried.push(q); return sized(Math.round(q * 1000)); }, 700);
    expect(result?.quality).toBe(0.65);
    expect(result?.blob.size).toBe(650);
    expect(tried).toEqual([0.85, 0.75, 0.65]);
  });

  it('gives up when even the lowest quality is too large', async () => {
    await expect(encodeWithin(async () => sized(2000), 1000)).resolves.toBeNull();
  });
});

describe('formatBytes', () => {
  it('shows KB for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(35 * 1024 + 100)).toBe('35 KB');
  });
});
