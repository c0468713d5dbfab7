import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import type { CitizenComplaint } from './api';
import {
  CATEGORY_CHOICES, KIND_CHOICES, caseNoOf, complaintBody, complaintDueText, complaintFocusId, complaintPhoneProblem,
  complaintRefusal, complaintStateText, complaintTitle, complaintTone, contentLength, emptyDraft, upheldNote,
  validateComplaint, windowProblem,
} from './complaint';

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36';
const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0';
const TEXT = '窗口工作人员态度恶劣,多次催促仍不办理。';

const complaint = (over: Partial<CitizenComplaint> = {}): CitizenComplaint => ({
  id: 1, complaint_no: 'TS20260307-0001', kind: 'complaint', kind_name: '投诉', category: 'attitude', category_name: '服务态度',
  channel: 'web', channel_name: '网上', state: 'received', state_name: '待受理', anonymous: false, case_no: '', site_name: '',
  window_number: null, unit_name: '朝阳街道', accept_due_day: '2026-03-10', reply_due_day: '', reject_reason: '', reply: '',
  upheld: null, callback_outcome: '', received_day: '2026-03-07', created_at: 0, accepted_at: null, replied_at: null,
  closed_at: null, close_due_day: '', overdue: false, escalation: 0, escalated_to_name: '', escalated_at: null, ...over,
});

describe('the choices', () => {
  it('are the server kinds and categories, in its order', () => {
    expect(KIND_CHOICES.map((k) => [k.code, k.label])).toEqual([['complaint', '投诉'], ['report', '举报']]);
    expect(CATEGORY_CHOICES.map((c) => c.code)).toEqual(['attitude', 'efficiency', 'violation', 'integrity', 'policy', 'other']);
    expect(CATEGORY_CHOICES.map((c) => c.label)).toEqual(['服务态度', '办事效率', '违规办理', '廉政问题', '政策执行', '其他']);
  });

  it('takes a case number from the address only when it looks like one', () => {
    expect(caseNoOf('20260307-000012')).toBe('20260307-000012');
    expect(caseNoOf([' 20260307-000012 '])).toBe('20260307-000012');
    expect(caseNoOf(undefined)).toBe('');
    expect(caseNoOf('')).toBe('');
    expect(caseNoOf('<script>')).toBe('');
    expect(caseNoOf('1'.repeat(21))).toBe('');
  });
});

describe('checking the form before sending', () => {
  const ok = emptyDraft({ category: 'attitude', content: TEXT, siteId: 3 });

  it('passes a complete form, with the account phone standing in', () => {
    expect(validateComplaint(ok, '138****0000')).toEqual([]);
    expect(validateComplaint({ ...ok, siteId: null, caseNo: '20260307-000012' }, '138****0000')).toEqual([]);
  });

  it('lists every problem in the order of the page', () => {
    const problems = validateComplaint(emptyDraft({ kind: '', windowNumber: 'A1' }), '');
    expect(problems.map((p) => p.field)).toEqual(['kind', 'category', 'content', 'site_id', 'window_number', 'phone']);
    expect(complaintFocusId(problems[0]?.field ?? 'form')).toBe('complaint-kind-error');
  });

  it('needs the case or the hall, which says who answers', () => {
    const problems = validateComplaint({ ...ok, siteId: null }, '138****0000');
    expect(problems).toEqual([{ field: 'site_id', message: expect.stringMatching(/办理地点.*相关办件/) }]);
  });

  it('counts characters as people do, and wants 10 to 2000 of them', () => {
    expect(contentLength('  态度差 ')).toBe(3);
    expect(contentLength('😀😀')).toBe(2);
    expect(validateComplaint({ ...ok, content: '态度差' }, 'x')[0]?.message).toMatch(/至少写 10 个字,当前 3 个字/);
    expect(validateComplaint({ ...ok, content: '字'.repeat(2001) }, 'x')[0]?.message).toMatch(/不能超过 2000 个字/);
    expect(validateComplaint({ ...ok, content: '字'.repeat(2000) }, 'x')).toEqual([]);
  });

  it('wants a phone only when the account has none, and one the server takes', () => {
    expect(complaintPhoneProblem('', '138****0000')).toBe('');
    expect(complaintPhoneProblem('', '')).toMatch(/请留下联系电话/);
    for (const good of ['13800138000', '138 0013 8000', '010-65123456', '0571-81234567']) expect(complaintPhoneProblem(good, '')).toBe('');
    for (const bad of ['12800138000', '65123456', '+8613800138000']) expect(complaintPhoneProblem(bad, 'x')).toMatch(/11 位手机号码/);
  });

  it('takes window numbers 1 to 999, or none', () => {
    expect(windowProblem('')).toBe('');
    expect(windowProblem(' 12 ')).toBe('');
    expect(windowProblem('0')).toMatch(/1 到 999/);
    expect(windowProblem('1000')).toMatch(/1 到 999/);
  });
});

describe('the body sent', () => {
  it('carries only what was given, and the channel of the device', () => {
    const draft = emptyDraft({ kind: 'report', category: 'integrity', content: `  ${TEXT} `, siteId: 3 });
    expect(complaintBody(draft, DESKTOP_UA)).toEqual({ kind: 'report', category: 'integrity', content: TEXT, channel: 'web', site_id: 3 });
  });

  it('sends the case, the window and a typed phone without its spaces', () => {
    const draft = emptyDraft({
      category: 'efficiency', content: TEXT, caseNo: '20260307-000012', windowNumber: ' 7 ', phone: '138 0013 8000',
    });
    expect(complaintBody(draft, PHONE_UA)).toEqual({
      kind: 'complaint', category: 'efficiency', content: TEXT, channel: 'mobile', phone: '13800138000',
      case_no: '20260307-000012', window_number: 7,
    });
  });
});

describe('refusals of the server', () => {
  it('go to their field in the server words', () => {
    const e = new ApiError(400, 'INVALID_ARGUMENT', '办件编号不存在', 'case_no', 'r1');
    expect(complaintRefusal(e)).toEqual({ place: 'case_no', message: '办件编号不存在', maybeFiled: false });
    expect(complaintRefusal(new ApiError(400, 'INVALID_ARGUMENT', '请选择投诉涉及的服务场所或办件', 'site_id')).place).toBe('site_id');
  });

  it('go to the form when no field of the page is named, with the request id for the hotline', () => {
    const r = complaintRefusal(new ApiError(400, 'INVALID_ARGUMENT', '受理渠道只能是网上或掌上', 'channel', 'r2'));
    expect(r).toEqual({ place: 'form', message: '受理渠道只能是网上或掌上(请求编号 r2)', maybeFiled: false });
    expect(complaintRefusal(new ApiError(500, 'INTERNAL', '服务器出现错误', '', 'r3')).place).toBe('form');
  });

  it('end the session on 401', () => {
    expect(complaintRefusal(new ApiError(401, 'UNAUTHENTICATED', '请先登录')).place).toBe('session');
  });

  it('warn that a lost answer may have filed it', () => {
    expect(complaintRefusal(new ApiError(0, 'NETWORK', '无法连接服务器')).maybeFiled).toBe(true);
    expect(complaintRefusal(new ApiError(504, 'HTTP_504', '服务暂时不可用')).maybeFiled).toBe(true);
    expect(complaintRefusal(new ApiError(503, 'HTTP_503', '服务暂时不可用')).maybeFiled).toBe(false);
  });
});

describe('a complaint in 我的投诉', () => {
  it('reads as kind and category', () => {
    expect(complaintTitle(complaint())).toBe('投诉 · 服务态度');
    expect(complaintTitle(complaint({ kind: 'report', kind_name: '', category: 'integrity', category_name: '' }))).toBe('举报 · 廉政问题');
  });

  it('has the server state name, and a tone per state', () => {
    expect(complaintStateText(complaint())).toBe('待受理');
    expect(complaintStateText(complaint({ state: 'accepted', state_name: '' }))).toBe('办理中');
    expect(['received', 'accepted', 'replied', 'closed', 'rejected'].map(complaintTone))
      .toEqual(['progress', 'progress', 'done', 'done', 'ended']);
  });

  it('shows the deadline of the step the office owes, none once answered', () => {
    expect(complaintDueText(complaint())).toBe('2026年3月10日前受理');
    expect(complaintDueText(complaint({ state: 'accepted', reply_due_day: '2026-03-24' }))).toBe('2026年3月24日前答复');
    expect(complaintDueText(complaint({ state: 'replied', reply_due_day: '2026-03-24' }))).toBe('');
    expect(complaintDueText(complaint({ state: 'rejected' }))).toBe('');
  });

  it('says what the investigation found', () => {
    expect(upheldNote(true)).toMatch(/属实/);
    expect(upheldNote(false)).toMatch(/不属实/);
    expect(upheldNote(null)).toBe('');
  });
});
