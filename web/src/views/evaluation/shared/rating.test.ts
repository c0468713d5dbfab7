import { describe, expect, it } from 'vitest';
import type { CaseEvaluationView, EvaluationMeta } from '@/api/evaluation';
import {
  citizenChannel, keepFitting, levelTagType, levelsOf, openStages, percentText, phoneProblem, ratingProblem,
  reasonNames, reasonsFor, rectificationText, toggled,
} from './rating';

const meta: EvaluationMeta = {
  levels: [
    { level: 1, name: '非常不满意', bad: true }, { level: 2, name: '不满意', bad: true },
    { level: 3, name: '基本满意', bad: false }, { level: 4, name: '满意', bad: false },
    { level: 5, name: '非常满意', bad: false },
  ],
  reasons: [
    { code: 'efficient', name: '办理快捷', bad: false },
    { code: 'waiting_long', name: '等候时间太长', bad: true },
    { code: 'other', name: '其他', bad: true },
  ],
};

describe('rating rules', () => {
  it('lists levels best first', () => {
    expect(levelsOf(meta).map((l) => l.level)).toEqual([5, 4, 3, 2, 1]);
    expect(levelsOf(null)).toEqual([]);
  });

  it('offers the reasons of the level\'s side, and 其他 on both', () => {
    expect(reasonsFor(meta, 5).map((r) => r.code)).toEqual(['efficient', 'other']);
    expect(reasonsFor(meta, 3).map((r) => r.code)).toEqual(['efficient', 'other']);
    expect(reasonsFor(meta, 2).map((r) => r.code)).toEqual(['waiting_long', 'other']);
    expect(reasonsFor(meta, null)).toEqual([]);
    expect(keepFitting(['efficient', 'other'], reasonsFor(meta, 1))).toEqual(['other']);
    expect(toggled(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('asks a bad rating for a reason or a comment, and limits comments', () => {
    expect(ratingProblem(true, [])).toMatch(/原因/);
    expect(ratingProblem(true, [], '等太久')).toBe('');
    expect(ratingProblem(true, ['other'])).toBe('');
    expect(ratingProblem(false, [])).toBe('');
    expect(ratingProblem(false, [], '好'.repeat(501))).toMatch(/500/);
  });

  it('takes an empty or a mobile call-back number', () => {
    expect(phoneProblem('')).toBe('');
    expect(phoneProblem('13911112222')).toBe('');
    expect(phoneProblem('1391111')).not.toBe('');
    expect(phoneProblem('23911112222')).not.toBe('');
  });

  it('picks the channel: the receipt link, else the screen width', () => {
    expect(citizenChannel(true, 390)).toBe('receipt');
    expect(citizenChannel(false, 390)).toBe('mobile');
    expect(citizenChannel(false, 767)).toBe('mobile');
    expect(citizenChannel(false, 768)).toBe('web');
  });

  it('offers stages reached and not rated on the channel', () => {
    const view: CaseEvaluationView = {
      stages: [
        { stage: 'accepted', stage_name: '受理', reached: true, rated_channels: ['web'] },
        { stage: 'completed', stage_name: '办结', reached: true, rated_channels: ['kiosk'] },
        { stage: 'delivered', stage_name: '出件', reached: false, rated_channels: [] },
      ],
      ratings: [],
    };
    expect(openStages(view, 'web').map((s) => s.stage)).toEqual(['completed']);
    expect(openStages(view, 'kiosk').map((s) => s.stage)).toEqual(['accepted']);
    expect(openStages(null, 'web')).toEqual([]);
  });

  it('tells the citizen where the rectification stands', () => {
    const r = { state: 'open' as const, unit_name: '东华门街道', due_day: '2026-12-04', called_back: false, result: null, closed_at: null };
    expect(rectificationText(r)).toBe('待整改,预计 2026-12-04 前答复');
    expect(rectificationText({ ...r, state: 'closed', result: '已增开窗口' })).toBe('整改结果:已增开窗口');
  });

  it('tells the citizen the result of the unit\'s appeal, not its reasons (四(三))', () => {
    const r = { state: 'open' as const, unit_name: '东华门街道', due_day: '2026-12-04', called_back: false, result: null, closed_at: null };
    expect(rectificationText({ ...r, appeal: { state: 'pending', state_name: '复核中' } })).toBe('责任单位已提出申诉,上级单位复核中');
    expect(rectificationText({ ...r, appeal: { state: 'rejected', state_name: '申诉不成立' } }))
      .toBe('经复核申诉不成立,继续整改,预计 2026-12-04 前答复');
    expect(rectificationText({ ...r, state: 'closed', result: '经上级单位复核,申诉成立,该评价不计入考核',
      appeal: { state: 'upheld', state_name: '申诉成立' } })).toBe('经上级单位复核,申诉成立,该评价不计入考核');
  });

  it('names reasons, colours levels and writes the good rate', () => {
    expect(reasonNames(['waiting_long', 'gone'], meta)).toBe('等候时间太长、gone');
    expect([5, 4, 3, 2, 1].map(levelTagType)).toEqual(['success', 'success', 'primary', 'warning', 'danger']);
    expect(percentText(0.96532, 10)).toBe('96.5%');
    expect(percentText(1, 3)).toBe('100.0%');
    expect(percentText(0, 0)).toBe('—');
  });
});
