import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reconnectDelay, subscribe, validTopic, type LiveEvent, type StreamState } from './events';

// Just enough of EventSource to drive the client by hand.
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((m: { data: string; lastEventId: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  send(id: number, data: unknown) {
    this.onmessage?.({ data: JSON.stringify({ id, topic: 't', at: '', data }), lastEventId: String(id) });
  }
  drop() {  // the browser will reconnect by itself
    this.readyState = 0;
    this.onerror?.();
  }
  fail() {  // the browser gave up (e.g. a 503 answer to its reconnection)
    this.readyState = 2;
    this.onerror?.();
  }
}

const latest = () => FakeSource.all[FakeSource.all.length - 1]!;

describe('the live event stream', () => {
  beforeEach(() => {
    FakeSource.all = [];
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeSource);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('delivers events and reports each opening', () => {
    const events: LiveEvent[] = [];
    const states: StreamState[] = [];
    subscribe(['hall.3.queue'], (e) => events.push(e), (s) => states.push(s));
    expect(latest().url).toBe('/api/events?topics=hall.3.queue');
    latest().open();
    latest().send(7, { kind: 'call' });
    latest().onmessage?.({ data: 'not json', lastEventId: '' });
    expect(events.map((e) => e.id)).toEqual([7]);
    latest().drop();
    latest().open();
    expect(states).toEqual(['connecting', 'open', 'connecting', 'open']);
    expect(FakeSource.all).toHaveLength(1);  // the browser's own reconnection
  });

  it('opens a new stream when the browser gives up, resuming after the last event', () => {
    const states: StreamState[] = [];
    subscribe(['a', 'b'], () => {}, (s) => states.push(s), { retryDelay: (n) => n * 1000 });
    latest().open();
    latest().send(41, {});
    latest().send(42, {});
    const first = latest();
    first.fail();
    expect(first.closed).toBe(true);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeSource.all).toHaveLength(2);
    expect(latest().url).toBe('/api/events?topics=a%2Cb&last_event_id=42');
    // Still down: wait longer each time.
    latest().fail();
    vi.advanceTimersByTime(1999);
    expect(FakeSource.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSource.all).toHaveLength(3);
    latest().open();
    // Back up: the next failure starts from the first delay again.
    latest().fail();
    vi.advanceTimersByTime(1000);
    expect(FakeSource.all).toHaveLength(4);
    expect(states.at(-1)).toBe('connecting');
  });

  it('stops for good when closed, even with a reconnection pending', () => {
    const states: StreamState[] = [];
    const sub = subscribe(['a'], () => {}, (s) => states.push(s), { retryDelay: () => 1000 });
    latest().fail();
    sub.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSource.all).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
  });

  it('waits longer after each failure, up to half a minute', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => reconnectDelay(n, none)))
      .toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(reconnectDelay(1, () => 1)).toBe(1200);
  });

  it('checks topics as the server does', () => {
    expect(validTopic('hall.12.queue')).toBe(true);
    expect(validTopic('Hall')).toBe(false);
    expect(validTopic('')).toBe(false);
  });
});
