import { describe, expect, it } from 'vitest';
import { checkStaffPhoto } from './photo';

describe('a staff photo from the roster', () => {
  it('takes JPEG and PNG up to 256 KB', () => {
    expect(checkStaffPhoto({ type: 'image/png', size: 1024 })).toEqual({ type: 'image/png' });
    expect(checkStaffPhoto({ type: 'image/jpeg', size: 256 * 1024 })).toEqual({ type: 'image/jpeg' });
  });

  it('refuses other types, empty and larger files with a reason', () => {
    expect(checkStaffPhoto({ type: 'image/webp', size: 1024 })).toEqual({ problem: '照片须为 JPEG 或 PNG 格式的图片' });
    expect(checkStaffPhoto({ type: '', size: 1024 })).toHaveProperty('problem');
    expect(checkStaffPhoto({ type: 'image/png', size: 0 })).toHaveProperty('problem');
    expect(checkStaffPhoto({ type: 'image/jpeg', size: 256 * 1024 + 1 }))
      .toEqual({ problem: '照片不能超过 256 KB,所选文件为 257 KB' });
  });
});
