// The hall settings form: defaults, ranges and the ticket-hours format, the
// same rules the server checks (src/hall/model.cpp check_settings), so most
// mistakes are caught before saving.
import type { Settings, SettingsInput } from '@/api/hall';

export type NumberField =
  | 'max_skips' | 'crowd_wait_minutes' | 'slot_minutes' | 'per_window_slot' | 'booking_days' | 'no_show_limit'
  | 'no_show_block_days';

export type SettingsField =
  | NumberField | 'ticket_hours' | 'rest_day_hours' | 'green_channel' | 'remote_tickets' | 'notice';

export const SETTINGS_FIELDS: readonly SettingsField[] = [
  'ticket_hours', 'rest_day_hours', 'green_channel', 'remote_tickets', 'max_skips', 'crowd_wait_minutes',
  'slot_minutes', 'per_window_slot', 'booking_days', 'no_show_limit', 'no_show_block_days', 'notice',
];

export const DEFAULT_SETTINGS: SettingsInput = {
  ticket_hours: '08:30-12:00,13:00-17:00',
  rest_day_hours: '',
  green_channel: true,
  remote_tickets: false,
  max_skips: 1,
  crowd_wait_minutes: 30,
  slot_minutes: 30,
  per_window_slot: 2,
  booking_days: 7,
  no_show_limit: 3,
  no_show_block_days: 30,
  notice: '',
  version: 0,
};

export interface NumberRule {
  field: NumberField;
  label: string;
  unit: string;
  min: number;
  max: number;
  hint: string;
}

export const NUMBER_RULES: readonly NumberRule[] = [
  { field: 'max_skips', label: '过号重排次数', unit: '次', min: 0, max: 5,
    hint: '过号后重新排队的次数,用完后该号作废' },
  { field: 'crowd_wait_minutes', label: '拥挤预警', unit: '分钟', min: 5, max: 240,
    hint: '有群众等候超过此时长即发出拥挤预警并生成应急事件' },
  { field: 'slot_minutes', label: '预约时段长度', unit: '分钟', min: 10, max: 120, hint: '每个预约时段的长度' },
  { field: 'per_window_slot', label: '每窗口每时段预约数', unit: '个', min: 0, max: 20,
    hint: '时段可预约数 = 开放窗口数 × 此数;0 表示不开放预约' },
  { field: 'booking_days', label: '可预约天数', unit: '天', min: 1, max: 30, hint: '可提前预约的天数' },
  { field: 'no_show_limit', label: '爽约次数上限', unit: '次', min: 1, max: 20, hint: '90 天内爽约达到此次数即暂停预约' },
  { field: 'no_show_block_days', label: '爽约限制天数', unit: '天', min: 0, max: 365, hint: '暂停预约的天数' },
];

export const NOTICE_MAX = 500;

// People type hours with a Chinese input method: full-width commas, colons
// and dashes, and spaces, are read as the ASCII ones the server expects.
export function normalizeHours(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[\uFF0C\u3001\uFF1B;]/g, ',')
    .replace(/\uFF1A/g, ':')
    .replace(/[\u2013\u2014\uFF0D\uFF5E~\u81F3]/g, '-');
}

// "HH:MM" -> minutes after midnight, or -1 (24:00 is the end of the day).
function minutesOf(t: string): number {
  const m = /^(\d\d):(\d\d)$/.exec(t);
  if (!m) return -1;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return -1;
  return h * 60 + min;
}

export const HOURS_MESSAGE = '取号时段应形如 09:00-12:00,13:30-17:00(按时间先后,不重叠)';

// "" when the text is periods HH:MM-HH:MM, comma-separated, each ending
// after it starts, in order and not overlapping; else the message.
export function checkHours(text: string): string {
  const parts = normalizeHours(text).split(',');
  let previousEnd = -1;
  for (const part of parts) {
    const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(part);
    if (!m) return HOURS_MESSAGE;
    const from = minutesOf(m[1] ?? '');
    const to = minutesOf(m[2] ?? '');
    if (from < 0 || to < 0 || from >= to || from < previousEnd) return HOURS_MESSAGE;
    previousEnd = to;
  }
  return '';
}

export const REST_DAY_HOURS_MESSAGE =
  '周末及节假日取号时段应形如 09:00-12:00,13:30-17:00(按时间先后,不重叠),留空表示不取号';

// Weekends and holidays: "" (closed, no tickets) or periods as checkHours
// takes them; "" when fine, else the message.
export function checkRestDayHours(text: string): string {
  if (normalizeHours(text) === '') return '';
  return checkHours(text) === '' ? '' : REST_DAY_HOURS_MESSAGE;
}

// "" when the number is a whole number in the field's range; else the message.
export function checkNumber(rule: NumberRule, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isInteger(value) || value < rule.min || value > rule.max) {
    return `${rule.label}应在 ${rule.min} 到 ${rule.max} 之间`;
  }
  return '';
}

// The form's copy of the saved settings.
export function settingsForm(s: Settings): SettingsInput {
  const { site_id: _site, ...rest } = s;
  return { ...rest };
}

// What is sent: every field (the PUT replaces them all, so one left out would
// be reset on the server), the hours in the server's spelling, the notice trimmed.
export function settingsBody(form: SettingsInput): SettingsInput {
  return {
    ...form,
    ticket_hours: normalizeHours(form.ticket_hours),
    rest_day_hours: normalizeHours(form.rest_day_hours),
    notice: form.notice.trim(),
  };
}
