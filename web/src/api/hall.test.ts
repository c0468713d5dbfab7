import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import {
  callNext, createGroup, hallTopic, listAppointments, pairingLink, registerDevice, revokeDevice, saveSettings,
  setWindowGroups, setWindowOpen, transferTicket, updateGroup, type SettingsInput,
} from './hall';

afterEach(() => vi.unstubAllGlobals());

type Sent = [string, RequestInit];

function stub(body: string | null, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sent = (f: ReturnType<typeof vi.fn>, call = 0) => f.mock.calls[call] as unknown as Sent;
const sentBody = (f: ReturnType<typeof vi.fn>) => JSON.parse(sent(f)[1].body as string) as unknown;

describe('hall requests', () => {
  it('create a group with its categories', async () => {
    const f = stub('{"id":1}', 201);
    await createGroup(7, { code: 'social', name: '社保', prefix: 'B', categories: ['social_insurance'] });
    expect(sent(f)[0]).toBe('/api/hall/sites/7/groups');
    expect(sent(f)[1].method).toBe('POST');
    expect(sentBody(f)).toEqual({ code: 'social', name: '社保', prefix: 'B', categories: ['social_insurance'] });
  });

  it('pause a group with its version (暂停取号)', async () => {
    const f = stub('{"id":1}');
    await updateGroup(7, 'social', { active: false, version: 3 });
    expect(sent(f)[0]).toBe('/api/hall/sites/7/groups/social');
    expect(sent(f)[1].method).toBe('PATCH');
    expect(sentBody(f)).toEqual({ active: false, version: 3 });
  });

  it('put settings without site_id', async () => {
    const f = stub('{}');
    const input: SettingsInput = {
      ticket_hours: '08:30-12:00', rest_day_hours: '', green_channel: true, remote_tickets: false, max_skips: 1,
      crowd_wait_minutes: 30, slot_minutes: 30, per_window_slot: 2, booking_days: 7, no_show_limit: 3,
      no_show_block_days: 30, notice: '', version: 0,
    };
    await saveSettings(7, input);
    expect(sent(f)[0]).toBe('/api/hall/sites/7/settings');
    expect(sent(f)[1].method).toBe('PUT');
    expect(sentBody(f)).toEqual(input);
  });

  it('set a window\'s groups and take a 204 as done', async () => {
    const f = stub(null, 204);
    await expect(setWindowGroups(3, ['general', 'social'])).resolves.toBeUndefined();
    expect(sent(f)[0]).toBe('/api/hall/windows/3/groups');
    expect(sentBody(f)).toEqual({ groups: ['general', 'social'] });
  });

  it('pause a window and transfer a ticket with their bodies', async () => {
    const f = stub('{}');
    await setWindowOpen(3, false);
    await transferTicket(3, 'social');
    expect(sent(f, 0)[0]).toBe('/api/hall/windows/3/open');
    expect(JSON.parse(sent(f, 0)[1].body as string)).toEqual({ open: false });
    expect(sent(f, 1)[0]).toBe('/api/hall/windows/3/transfer');
    expect(JSON.parse(sent(f, 1)[1].body as string)).toEqual({ group: 'social' });
  });

  it('turn "nobody waits" into an ApiError with the server\'s words', async () => {
    stub('{"error":{"code":"NOT_FOUND","message":"当前没有等候的号","field":"window_id"},"request_id":"r1"}', 404);
    const e: unknown = await callNext(3).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
    expect((e as ApiError).message).toBe('当前没有等候的号');
  });

  it('ask for a day\'s appointments and register and revoke devices', async () => {
    const f = stub('{"items":[]}');
    await listAppointments(7, '2026-11-26');
    expect(sent(f)[0]).toBe('/api/hall/sites/7/appointments?day=2026-11-26');
    await registerDevice(7, { name: '一号机', printer: '10.0.0.5:9100' });
    expect(sent(f, 1)[0]).toBe('/api/hall/sites/7/devices');
    expect(JSON.parse(sent(f, 1)[1].body as string)).toEqual({ name: '一号机', printer: '10.0.0.5:9100' });
    await revokeDevice(12);
    expect(sent(f, 2)[0]).toBe('/api/hall/devices/12');
    expect(sent(f, 2)[1].method).toBe('DELETE');
  });
});

describe('hall names', () => {
  it('topic and pairing link', () => {
    expect(hallTopic(7)).toBe('hall.7.queue');
    expect(pairingLink('https://hall.example', 'abc_DEF-1')).toBe('https://hall.example/kiosk/pair#abc_DEF-1');
  });
});
