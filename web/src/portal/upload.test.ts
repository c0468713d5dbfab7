import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import {
  MAX_EDGE, RESIZE_ABOVE_BYTES, downscalePlan, fileType, isBusy, keepRedrawn, sizeProblem, sizeText, stateText, typeProblem,
  uploadError, uploadedIds, type UploadEntry,
} from './upload';

const MB = 1024 * 1024;

describe('the type of a chosen file', () => {
  it('takes what the browser says, else the name', () => {
    expect(fileType('a.bin', 'image/JPEG')).toBe('image/jpeg');
    expect(fileType('scan.PDF', '')).toBe('application/pdf');
    expect(fileType('photo.jpeg', '')).toBe('image/jpeg');
    expect(fileType('p.png', '')).toBe('image/png');
    expect(fileType('notes.docx', '')).toBe('');
  });

  it('refuses what is neither a photo nor a PDF', () => {
    expect(typeProblem('application/pdf')).toBe('');
    expect(typeProblem('image/png')).toBe('');
    expect(typeProblem('image/heic')).toBe('');   // the browser may convert it
    expect(typeProblem('application/msword')).toMatch(/JPG、PNG/);
    expect(typeProblem('')).toMatch(/PDF/);
  });
});

describe('making photos smaller before the upload', () => {
  it('keeps small JPEG and PNG photos as they are', () => {
    expect(downscalePlan({ type: 'image/jpeg', size: 2 * MB, width: 2400, height: 1800 })).toEqual({ redraw: false });
    expect(downscalePlan({ type: 'image/png', size: 300_000, width: 1200, height: 1600 })).toEqual({ redraw: false });
  });

  it('draws photos longer than 2400 px at 2400 px on the long side, keeping the shape', () => {
    expect(downscalePlan({ type: 'image/jpeg', size: 2 * MB, width: 4000, height: 3000 }))
      .toEqual({ redraw: true, width: MAX_EDGE, height: 1800 });
    expect(downscalePlan({ type: 'image/jpeg', size: 2 * MB, width: 3024, height: 4032 }))
      .toEqual({ redraw: true, width: 1800, height: MAX_EDGE });
  });

  it('re-encodes photos over 3 MB even when they are not long', () => {
    expect(downscalePlan({ type: 'image/png', size: RESIZE_ABOVE_BYTES + 1, width: 2000, height: 1000 }))
      .toEqual({ redraw: true, width: 2000, height: 1000 });
    expect(downscalePlan({ type: 'image/jpeg', size: RESIZE_ABOVE_BYTES, width: 2000, height: 1000 })).toEqual({ redraw: false });
  });

  it('converts image types the server does not take', () => {
    expect(downscalePlan({ type: 'image/webp', size: 100_000, width: 800, height: 600 }))
      .toEqual({ redraw: true, width: 800, height: 600 });
  });

  it('never touches PDFs or images it could not measure', () => {
    expect(downscalePlan({ type: 'application/pdf', size: 3.5 * MB, width: 5000, height: 5000 })).toEqual({ redraw: false });
    expect(downscalePlan({ type: 'image/jpeg', size: 5 * MB, width: 0, height: 0 })).toEqual({ redraw: false });
  });

  it('sends the smaller of the original and the redrawn file, when the original may go', () => {
    expect(keepRedrawn(3.5 * MB, 'image/jpeg', 1 * MB)).toBe(true);
    expect(keepRedrawn(200_000, 'image/png', 400_000)).toBe(false);
    expect(keepRedrawn(200_000, 'image/heic', 400_000)).toBe(true);
  });
});

describe('sizes', () => {
  it('reads as people read them', () => {
    expect(sizeText(532)).toBe('532 B');
    expect(sizeText(86 * 1024)).toBe('86 KB');
    expect(sizeText(2.44 * MB)).toBe('2.4 MB');
  });

  it('refuses a file still over the limit with a reason to act on', () => {
    expect(sizeProblem(4 * MB, 4 * MB, false)).toBe('');
    expect(sizeProblem(5 * MB, 4 * MB, false)).toBe('文件有 5.0 MB,超过 4.0 MB 的上限。PDF 请拆分成几个文件后分别上传。');
    expect(sizeProblem(4.2 * MB, 4 * MB, true)).toMatch(/^照片压缩后仍有 4\.2 MB,超过 4\.0 MB 的上限/);
  });
});

describe('an upload failure', () => {
  it('carries the server\'s code, message, field and request id', () => {
    const e = uploadError(413, JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过 4 MB', field: 'file' },
      request_id: 'r-1' }), 'h-1');
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.field, e.requestId]).toEqual([413, 'PAYLOAD_TOO_LARGE', '文件不能超过 4 MB', 'file', 'r-1']);
  });

  it('has words for a status without a JSON body', () => {
    expect(uploadError(415, '<html>', 'h-2').message).toMatch(/JPG、PNG/);
    expect(uploadError(415, '<html>', 'h-2').requestId).toBe('h-2');
    expect(uploadError(429, '').message).toMatch(/太多/);
    expect(uploadError(503, '').message).toBe('服务暂时不可用,请稍后重试');
    expect(uploadError(0, '')).toMatchObject({ status: 0, code: 'NETWORK' });
  });
});

describe('the files of a material', () => {
  const entry = (over: Partial<UploadEntry>): UploadEntry => ({
    key: 1, name: 'a.jpg', type: 'image/jpeg', size: 1, preview: '', state: 'done', progress: 1, id: 7, error: '',
    redrawn: false, retryable: false, ...over,
  });

  it('names only the sent ones in a submission', () => {
    expect(uploadedIds([entry({ id: 7 }), entry({ key: 2, state: 'failed', id: null }), entry({ key: 3, id: 9 })])).toEqual([7, 9]);
  });

  it('is busy while a file is being prepared or sent', () => {
    expect(isBusy([entry({})])).toBe(false);
    expect(isBusy([entry({}), entry({ key: 2, state: 'uploading' })])).toBe(true);
    expect(isBusy([entry({ state: 'preparing' })])).toBe(true);
  });

  it('says where each file stands', () => {
    expect(stateText(entry({ state: 'uploading', progress: 0.456 }))).toBe('正在上传 46%');
    expect(stateText(entry({ redrawn: true }))).toBe('已上传(已压缩)');
    expect(stateText(entry({ state: 'failed', error: '文件不能超过 4 MB' }))).toBe('文件不能超过 4 MB');
  });
});
