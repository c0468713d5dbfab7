import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import type { Summary } from '@/api/catalog';
import {
  actionError, actorText, canStartDraft, isOwnWork, effectiveParam, publishedStates, statusTagType,
} from './versions';
import { shanghaiDate } from '@/utils/time';

type V = Pick<Summary, 'id' | 'number' | 'status' | 'effective_from'>;
const now = Date.parse('2026-03-10T04:00:00Z');

describe('publishedStates', () => {
  it('finds the version in force, the pending and the replaced ones', () => {
    const versions: V[] = [
      { id: 14, number: 4, status: 'draft', effective_from: null },
      { id: 13, number: 3, status: 'published', effective_from: '2026-04-01T16:00:00Z' },
      { id: 12, number: 2, status: 'published', effective_from: '2026-03-01T16:00:00Z' },
      { id: 11, number: 1, status: 'published', effective_from: '2026-01-01T00:00:00Z' },
    ];
    const s = publishedStates(versions, now);
    expect(s.get(13)).toBe('pending');
    expect(s.get(12)).toBe('current');
    expect(s.get(11)).toBe('superseded');
    expect(s.has(14)).toBe(false);
  });
});

describe('canStartDraft', () => {
  it('needs the newest version to be published', () => {
    expect(canStartDraft([{ status: 'published' }, { status: 'published' }])).toBe(true);
    expect(canStartDraft([{ status: 'review' }, { status: 'published' }])).toBe(false);
    expect(canStartDraft([])).toBe(false);
  });
});

describe('effective dates', () => {
  it('are days in Beijing time', () => {
    expect(shanghaiDate(new Date('2026-03-10T15:59:00Z'))).toBe('2026-03-10');
    expect(shanghaiDate(new Date('2026-03-10T16:00:00Z'))).toBe('2026-03-11');
  });

  it('are sent only when later than today', () => {
    expect(effectiveParam('2026-03-10', '2026-03-10')).toBeUndefined();
    expect(effectiveParam('2026-03-01', '2026-03-10')).toBeUndefined();
    expect(effectiveParam('', '2026-03-10')).toBeUndefined();
    expect(effectiveParam(null, '2026-03-10')).toBeUndefined();
    expect(effectiveParam('2026/03/12', '2026-03-10')).toBeUndefined();
    expect(effectiveParam('2026-03-11', '2026-03-10')).toBe('2026-03-11');
  });
});

describe('version tags and refusals', () => {
  it('colour statuses', () => {
    expect(statusTagType('draft')).toBe('info');
    expect(statusTagType('review')).toBe('warning');
    expect(statusTagType('published')).toBe('success');
  });

  it('explain a 403 with the server message', () => {
    const e = actionError(new ApiError(403, 'FORBIDDEN', '须由编辑和提交者以外的另一人审核发布', 'reviewed_by', 'r1'));
    expect(e.forbidden).toBe(true);
    expect(e.title).toBe('没有权限执行此操作');
    expect(e.message).toContain('须由编辑和提交者以外的另一人审核发布');
    expect(actionError(new ApiError(422, 'UNPROCESSABLE', '还有 2 处不符合要求')).title).toBe('尚未通过合规检查,不能提交审核');
    expect(actionError(new Error('x')).forbidden).toBe(false);
  });
});

describe('actors', () => {
  it('name accounts, the system and the person signed in', () => {
    expect(actorText('')).toBe('—');
    expect(actorText('system')).toBe('系统');
    expect(actorText('12')).toBe('账号 12');
    expect(actorText('12', 12)).toBe('账号 12(我)');
    expect(actorText('12', 3)).toBe('账号 12');
    expect(actorText('12', 12, 'cityadmin')).toBe('cityadmin(我)');
  });

  it('tell whether the signed-in person edited or submitted a version', () => {
    expect(isOwnWork({ edited_by: '3', submitted_by: '4' }, 4)).toBe(true);
    expect(isOwnWork({ edited_by: '3', submitted_by: '3' }, 5)).toBe(false);
    expect(isOwnWork({ edited_by: '3', submitted_by: '' }, null)).toBe(false);
  });
});
