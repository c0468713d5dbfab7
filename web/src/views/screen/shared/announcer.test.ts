import { describe, expect, it } from 'vitest';
import { Announcer, isBlockedPlay, type Announcement, type AnnouncerState, type VoicePlayer } from './announcer';

// A player whose clips end when the test says so.
class HandPlayer implements VoicePlayer {
  readonly asked: string[] = [];
  private endings: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  refuseNext: unknown = null;
  play(src: string, started: () => void): Promise<void> {
    this.asked.push(src);
    if (this.refuseNext !== null) {
      const e = this.refuseNext;
      this.refuseNext = null;
      return Promise.reject(e);
    }
    started();
    return new Promise((resolve, reject) => this.endings.push({ resolve, reject }));
  }
  get playing(): number {
    return this.endings.length;
  }
  end() {
    this.endings.shift()?.resolve();
  }
  breakClip() {
    this.endings.shift()?.reject(new Error('decode'));
  }
}

const call = (key: string, label = key): Announcement => ({ key, label, windowNumber: 1, src: `/v?label=${label}` });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const blocked = () => Object.assign(new Error('no gesture'), { name: 'NotAllowedError' });

function setup(maxPending = 6) {
  const player = new HandPlayer();
  const states: AnnouncerState[] = [];
  const announcer = new Announcer(player, (s) => states.push(s), { maxPending, wait: () => Promise.resolve() });
  return { player, states, announcer, last: () => states[states.length - 1]! };
}

describe('the calling voice', () => {
  it('reads announcements one after the other, never two at once', async () => {
    const { player, announcer, last } = setup();
    announcer.enqueue(call('1', 'A001'));
    announcer.enqueue(call('2', 'A002'));
    await settle();
    expect(player.asked).toEqual(['/v?label=A001']);
    expect(player.playing).toBe(1);
    expect(last()).toMatchObject({ requested: 1, played: 1, pending: 1, lastSrc: '/v?label=A001' });
    player.end();
    await settle();
    expect(player.asked).toEqual(['/v?label=A001', '/v?label=A002']);
    expect(player.playing).toBe(1);
    player.end();
    await settle();
    expect(last()).toMatchObject({ requested: 2, played: 2, pending: 0, failed: 0 });
  });

  it('reads a call once however often it is delivered, and a recall again', async () => {
    const { player, announcer } = setup();
    announcer.enqueue(call('7', 'A003'));
    announcer.enqueue(call('7', 'A003'));
    announcer.enqueue(call('8', 'A003'));  // the recall: a new event
    for (let i = 0; i < 3; i++) {
      await settle();
      player.end();
    }
    await settle();
    expect(player.asked).toEqual(['/v?label=A003', '/v?label=A003']);
  });

  it('skips a clip that fails and goes on', async () => {
    const { player, announcer, last } = setup();
    announcer.enqueue(call('1'));
    announcer.enqueue(call('2'));
    await settle();
    player.breakClip();
    await settle();
    expect(player.asked).toHaveLength(2);
    player.end();
    await settle();
    expect(last()).toMatchObject({ failed: 1, played: 2, pending: 0 });
  });

  it('waits for a gesture when autoplay is refused, then reads the same call', async () => {
    const { player, announcer, last } = setup();
    player.refuseNext = blocked();
    announcer.enqueue(call('1', 'A001'));
    await settle();
    expect(last()).toMatchObject({ blocked: true, pending: 1, played: 0, requested: 1 });
    announcer.enqueue(call('2', 'A002'));
    await settle();
    expect(player.asked).toEqual(['/v?label=A001']);  // nothing more while blocked
    announcer.unlock();
    await settle();
    expect(player.asked).toEqual(['/v?label=A001', '/v?label=A001']);
    expect(last().blocked).toBe(false);
    player.end();
    await settle();
    expect(player.asked.at(-1)).toBe('/v?label=A002');
  });

  it('keeps only the latest calls of a backlog', async () => {
    const { player, announcer, last } = setup(2);
    player.refuseNext = blocked();
    for (const k of ['1', '2', '3', '4']) announcer.enqueue(call(k, `A00${k}`));
    await settle();
    expect(last().pending).toBe(2);
    announcer.unlock();
    for (let i = 0; i < 2; i++) {
      await settle();
      player.end();
    }
    await settle();
    expect(player.asked).toEqual(['/v?label=A001', '/v?label=A003', '/v?label=A004']);
  });

  it('says nothing after it is disposed', async () => {
    const { player, announcer } = setup();
    announcer.dispose();
    announcer.enqueue(call('1'));
    await settle();
    expect(player.asked).toEqual([]);
  });

  it('tells a refused autoplay from a broken clip', () => {
    expect(isBlockedPlay(blocked())).toBe(true);
    expect(isBlockedPlay(new Error('x'))).toBe(false);
    expect(isBlockedPlay(null)).toBe(false);
  });
});
