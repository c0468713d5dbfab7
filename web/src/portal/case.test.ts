import { describe, expect, it } from 'vitest';
import type { CitizenCaseDetail } from './api';
import {
  CORRECTION_FORM, correctionFieldOf, correctionSlots, fileCount, materialTone, newestFirst, progressToken, ratingOpen,
  stagesOf, stepTitle, timeText, validateCorrection,
} from './case';
import { needsCorrection } from './citizen';
import type { UploadEntry } from './upload';

const done = (id: number): UploadEntry => ({
  key: id, name: 'a.jpg', type: 'image/jpeg', size: 10, preview: '', state: 'done', progress: 1, id, error: '', redrawn: false,
  retryable: false,
});
const files = (byIdx: Record<number, UploadEntry[]>) => (idx: number) => byIdx[idx] ?? [];

const materials: CitizenCaseDetail['materials'] = [
  { idx: 0, name: '身份证', required: true, condition: '', state: 'received', state_label: '收到电子材料', reason: '', files: 1 },
  { idx: 1, name: '户口簿', required: true, condition: '', state: 'exempt', state_label: '共享免提交', reason: '', files: 0 },
  { idx: 2, name: '劳动合同', required: true, condition: '', state: 'defective', state_label: '有误', reason: '缺少盖章页', files: 1 },
];

const notice = {
  correction: { kind: 'notice' as const, at: 1, note: '', materials: [{ idx: 2, name: '劳动合同', state: 'defective', reason: '缺少盖章页' }] },
  materials,
};
const returned = { correction: { kind: 'return' as const, at: 1, note: '请补充盖章页', materials: [] }, materials };

describe('times', () => {
  it('shows epoch milliseconds in Beijing, whatever the device', () => {
    expect(timeText(0)).toBe('1970年1月1日 08:00');
    expect(timeText(Date.UTC(2026, 2, 6, 16, 5))).toBe('2026年3月7日 00:05');
    expect(timeText(null)).toBe('');
    expect(timeText(Number.NaN)).toBe('');
  });
});

describe('the stages of a case', () => {
  const states = (status: string) => stagesOf(status).map((s) => s.state);

  it('marks the stages before the current one done', () => {
    expect(states('intake')).toEqual(['done', 'current', 'todo', 'todo', 'todo']);
    expect(states('notified')).toEqual(['done', 'current', 'todo', 'todo', 'todo']);
    expect(states('returned')).toEqual(['done', 'done', 'current', 'todo', 'todo']);
    expect(states('ready')).toEqual(['done', 'done', 'done', 'done', 'current']);
    expect(states('closed')).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('ends a refused intake at 预审受理', () => {
    expect(states('rejected')).toEqual(['done', 'ended', 'skipped', 'skipped', 'skipped']);
  });
});

describe('the timeline', () => {
  it('uses the case timeline\'s words and never shows a code', () => {
    expect(stepTitle('opened')).toBe('登记办件');
    expect(stepTitle('notice')).toBe('出具一次性告知书');
    expect(stepTitle('something_new')).toBe('办理进展');
  });

  it('puts the newest first, keeping the server\'s order reversed within a millisecond', () => {
    const s = (kind: string, at: number) => ({ kind, step: 'intake', note: '', unit_name: '', at });
    expect(newestFirst([s('opened', 1), s('accepted', 5), s('task_opened', 5), s('notice', 3)]).map((x) => x.kind))
      .toEqual(['task_opened', 'accepted', 'notice', 'opened']);
  });
});

describe('materials of a case', () => {
  it('colours states by what they mean for the applicant', () => {
    expect(materialTone('received')).toBe('done');
    expect(materialTone('exempt')).toBe('done');
    expect(materialTone('defective')).toBe('action');
    expect(materialTone('pending')).toBe('progress');
  });

  it('counts files whether the server sends a count or a list', () => {
    expect(fileCount(2)).toBe(2);
    expect(fileCount([{}, {}, {}])).toBe(3);
    expect(fileCount(undefined)).toBe(0);
  });
});

describe('补正', () => {
  it('is wanted while notified or returned', () => {
    expect(needsCorrection('notified')).toBe(true);
    expect(needsCorrection('returned')).toBe(true);
    expect(needsCorrection('review')).toBe(false);
  });

  it('offers the notice\'s materials, or after a return every material not shared', () => {
    expect(correctionSlots(notice).map((s) => s.idx)).toEqual([2]);
    expect(correctionSlots(notice)[0]?.reason).toBe('缺少盖章页');
    expect(correctionSlots(returned).map((s) => s.idx)).toEqual([0, 2]);
    expect(correctionSlots({ correction: null, materials })).toEqual([]);
  });

  it('needs a file for every material on the notice', () => {
    expect(validateCorrection(notice, '', files({}))).toEqual([{ field: 'materials[2]', message: '请上传补正后的材料' }]);
    expect(validateCorrection(notice, '', files({ 2: [done(1)] }))).toEqual([]);
  });

  it('needs a file or a note after a return', () => {
    expect(validateCorrection(returned, '', files({}))).toEqual([{ field: CORRECTION_FORM, message: '请上传补正材料,或填写补正说明' }]);
    expect(validateCorrection(returned, '已补盖章', files({}))).toEqual([]);
    expect(validateCorrection(returned, '', files({ 0: [done(1)] }))).toEqual([]);
    expect(validateCorrection(returned, '字'.repeat(501), files({}))).toEqual([{ field: 'note', message: '补正说明不超过 500 字' }]);
  });

  it('puts server errors at the material, the note or the form', () => {
    expect(correctionFieldOf('materials[2]', [2])).toBe('materials[2]');
    expect(correctionFieldOf('materials[2].uploads', [2])).toBe('materials[2]');
    expect(correctionFieldOf('materials[5]', [2])).toBeNull();
    expect(correctionFieldOf('materials', [2])).toBe(CORRECTION_FORM);
    expect(correctionFieldOf('note', [2])).toBe('note');
    expect(correctionFieldOf('status', [2])).toBeNull();
  });
});

describe('rating from the case page', () => {
  it('reads the receipt token from progress_path', () => {
    expect(progressToken('/progress/110101202600012?t=abc-DEF_1.2~', '110101202600012')).toBe('abc-DEF_1.2~');
    expect(progressToken('/progress/110101202600012?x=1&t=tok', '110101202600012')).toBe('tok');
  });

  it('refuses a path of another case, without a token, or with a strange token', () => {
    expect(progressToken('/progress/110101202600013?t=abc', '110101202600012')).toBeNull();
    expect(progressToken('/progress/110101202600012', '110101202600012')).toBeNull();
    expect(progressToken('/progress/110101202600012?t=a%20b', '110101202600012')).toBeNull();
    expect(progressToken('', '110101202600012')).toBeNull();
  });

  it('opens once the case has ended for the applicant, or when the server allows', () => {
    expect(ratingOpen({ status: 'delivered', can_rate: false })).toBe(true);
    expect(ratingOpen({ status: 'closed', can_rate: false })).toBe(true);
    expect(ratingOpen({ status: 'rejected', can_rate: false })).toBe(true);
    expect(ratingOpen({ status: 'review', can_rate: false })).toBe(false);
    expect(ratingOpen({ status: 'review', can_rate: true })).toBe(true);
  });
});
