import { describe, expect, it } from 'vitest';
import { complaintSteps, contentProblem, currentDue, publicChannel, upheldText } from './steps';

const base = {
  state: 'received' as const, created_at: 1, accepted_at: null, replied_at: null, closed_at: null,
  accept_due_day: '2026-12-02', reply_due_day: '', reject_reason: '',
};

describe('complaint steps', () => {
  it('a new complaint: received, then the accept deadline ahead', () => {
    const s = complaintSteps(base);
    expect(s.map((x) => x.key)).toEqual(['received', 'accepted', 'replied', 'closed']);
    expect(s[0]?.at).toBe(1);
    expect(s[1]?.hint).toBe('应于 2026-12-02 前受理');
    expect(s[2]?.hint).toBe('');
    expect(currentDue(base)).toBe('2026-12-02 前受理');
  });

  it('accepted: the reply deadline ahead', () => {
    const c = { ...base, state: 'accepted' as const, accepted_at: 2, reply_due_day: '2026-12-20' };
    const s = complaintSteps(c);
    expect(s[1]?.hint).toBe('');
    expect(s[2]?.hint).toBe('应于 2026-12-20 前答复');
    expect(currentDue(c)).toBe('2026-12-20 前答复');
  });

  it('replied: 回访归档 is due next', () => {
    const c = { ...base, state: 'replied' as const, accepted_at: 2, replied_at: 3, close_due_day: '2026-12-27' };
    expect(currentDue(c)).toBe('2026-12-27 前回访归档');
    expect(currentDue({ ...c, close_due_day: '' })).toBe('');
  });

  it('closed: every step has its time and no deadline', () => {
    const c = { ...base, state: 'closed' as const, accepted_at: 2, replied_at: 3, closed_at: 4, reply_due_day: '2026-12-20' };
    expect(complaintSteps(c).map((x) => x.at)).toEqual([1, 2, 3, 4]);
    expect(currentDue(c)).toBe('');
  });

  it('rejected: two steps with the reason', () => {
    const s = complaintSteps({ ...base, state: 'rejected', closed_at: 5, reject_reason: '不属于本部门职责' });
    expect(s.map((x) => x.key)).toEqual(['received', 'rejected']);
    expect(s[1]?.hint).toBe('不属于本部门职责');
  });

  it('words for the verdict and the channel', () => {
    expect(upheldText(true)).toBe('属实');
    expect(upheldText(false)).toBe('不属实');
    expect(upheldText(null)).toBe('');
    expect(publicChannel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148')).toBe('mobile');
    expect(publicChannel('Mozilla/5.0 (X11; Linux x86_64) Chrome/120')).toBe('web');
  });

  it('the description counts characters, 10 to 2000', () => {
    expect(contentProblem('  ')).toBe('请描述具体情况');
    expect(contentProblem('态度不好')).toContain('至少');
    expect(contentProblem('窗口工作人员态度生硬不解释')).toBe('');
    expect(contentProblem('字'.repeat(2001))).toContain('2000');
  });
});
