import { describe, expect, it } from 'vitest';
import type { Settings } from '@/api/hall';
import {
  checkHours, checkNumber, checkRestDayHours, DEFAULT_SETTINGS, HOURS_MESSAGE, normalizeHours, NUMBER_RULES,
  REST_DAY_HOURS_MESSAGE, SETTINGS_FIELDS, settingsBody, settingsForm,
} from './settings';

describe('checkHours', () => {
  it('accepts periods in order', () => {
    expect(checkHours('08:30-12:00,13:00-17:00')).toBe('');
    expect(checkHours('09:00-17:00')).toBe('');
    expect(checkHours('00:00-24:00')).toBe('');
    expect(checkHours('08:00-12:00,12:00-13:00')).toBe('');  // touching is not overlapping
  });

  it('reads full-width punctuation and spaces as the server\'s spelling', () => {
    // 08：30－12：00，13:00—17:00 as a Chinese input method writes it.
    expect(normalizeHours('08\uFF1A30\uFF0D12\uFF1A00\uFF0C 13:00\u201417:00')).toBe('08:30-12:00,13:00-17:00');
    expect(normalizeHours('09:00\u81F312:00')).toBe('09:00-12:00');
    expect(checkHours(' 08:30 - 12:00 , 13:00 - 17:00 ')).toBe('');
  });

  it('refuses what the server refuses', () => {
    for (const bad of ['', '8:30-12:00', '08:30-12:00,', '08:30-12:00;13:00', '12:00-08:30', '09:00-09:00',
      '08:00-12:00,11:00-14:00', '13:00-17:00,08:30-12:00', '24:30-25:00', '08:60-09:00', '上午']) {
      expect(checkHours(bad), bad).toBe(HOURS_MESSAGE);
    }
  });
});

describe('checkRestDayHours', () => {
  it('takes empty as closed on weekends and holidays', () => {
    expect(checkRestDayHours('')).toBe('');
    expect(checkRestDayHours('   ')).toBe('');
  });

  it('checks periods the way the working-day hours are checked', () => {
    expect(checkRestDayHours('09:00-12:00')).toBe('');
    expect(checkRestDayHours('09\uFF1A00\uFF0D12\uFF1A00\uFF0C13:00-16:00')).toBe('');
    for (const bad of ['9:00-12:00', '12:00-09:00', '09:00-12:00,', '09:00-12:00,11:00-13:00', '上午']) {
      expect(checkRestDayHours(bad), bad).toBe(REST_DAY_HOURS_MESSAGE);
    }
  });
});

describe('checkNumber', () => {
  const rule = NUMBER_RULES.find((r) => r.field === 'crowd_wait_minutes')!;

  it('keeps numbers within the server\'s range', () => {
    expect(checkNumber(rule, 30)).toBe('');
    expect(checkNumber(rule, 5)).toBe('');
    expect(checkNumber(rule, 240)).toBe('');
    expect(checkNumber(rule, 4)).toBe('拥挤预警应在 5 到 240 之间');
    expect(checkNumber(rule, 2.5)).not.toBe('');
    expect(checkNumber(rule, null)).not.toBe('');
  });

  it('has defaults inside every range', () => {
    for (const r of NUMBER_RULES) expect(checkNumber(r, DEFAULT_SETTINGS[r.field]), r.field).toBe('');
  });
});

describe('settings form', () => {
  it('leaves site_id out and sends the hours normalised', () => {
    const saved: Settings = { ...DEFAULT_SETTINGS, site_id: 7, version: 4 };
    const form = settingsForm(saved);
    expect(form).not.toHaveProperty('site_id');
    expect(form.version).toBe(4);
    const body = settingsBody({ ...form, ticket_hours: '09:00-12:00,13:00-17:00', notice: ' 今日系统升级 ' });
    expect(body.ticket_hours).toBe('09:00-12:00,13:00-17:00');
    expect(body.notice).toBe('今日系统升级');
  });
});

describe('the settings PUT', () => {
  const saved: Settings = {
    ...DEFAULT_SETTINGS, site_id: 7, version: 4, rest_day_hours: '09:00-12:00', remote_tickets: true,
  };

  it('carries the weekend and holiday hours and 网上取号, so a save never clears them', () => {
    const body = settingsBody(settingsForm(saved));
    expect(body.rest_day_hours).toBe('09:00-12:00');
    expect(body.remote_tickets).toBe(true);
  });

  it('sends them as edited: hours normalised, empty for closed, 网上取号 off', () => {
    const form = settingsForm(saved);
    expect(settingsBody({ ...form, rest_day_hours: ' 09\uFF1A00 - 12:00 \uFF0C13:00-16:00 ' }).rest_day_hours)
      .toBe('09:00-12:00,13:00-16:00');
    const closed = settingsBody({ ...form, rest_day_hours: '  ', remote_tickets: false });
    expect(closed).toHaveProperty('rest_day_hours', '');
    expect(closed).toHaveProperty('remote_tickets', false);
  });

  it('sends every field of the settings but site_id', () => {
    const body = settingsBody(settingsForm(saved));
    const expected = Object.keys(saved).filter((k) => k !== 'site_id').sort();
    expect(Object.keys(body).sort()).toEqual(expected);
    // Every field but the version has a place on the form for the server's errors.
    expect([...SETTINGS_FIELDS, 'version'].sort()).toEqual(expected);
  });
});
