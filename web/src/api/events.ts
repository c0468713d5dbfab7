// Live events over Server-Sent Events. The browser's EventSource reconnects
// by itself after a dropped connection and sends Last-Event-ID, so the server
// replays what was missed. It gives up for good, though, when a reconnection
// is answered with an HTTP error (a 503 from a server that is stopping, a 502
// from the proxy while it restarts): then this client opens a new stream
// itself, after a growing delay, resuming with ?last_event_id= (a new
// EventSource cannot set the header). Screens left alone for months rely on it.

export interface LiveEvent<T = unknown> {
  id: number;
  topic: string;
  at: string;
  data: T;
}

// 'open' is reported on every (re)connection: a consumer that keeps state
// re-reads it then, since events may have been missed (docs/ARCHITECTURE.md
// "Live events": the replay has known limits).
export type StreamState = 'connecting' | 'open' | 'closed';

export interface EventSubscription {
  close(): void;
}

export interface SubscribeOptions {
  // The wait before the n-th new stream (n from 1) after the browser gave up.
  retryDelay?: (attempt: number) => number;
}

const CLOSED = 2;  // EventSource.CLOSED
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

// 1 s, 2 s, 4 s, ... up to 30 s, each up to 20 % longer at random, so the
// screens of a hall do not all come back in the same instant.
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempt - 1, 0), MAX_RETRY_MS);
  return Math.round(base * (1 + 0.2 * random()));
}

export function subscribe(
  topics: string[],
  onEvent: (e: LiveEvent) => void,
  onState: (s: StreamState) => void,
  options: SubscribeOptions = {},
): EventSubscription {
  const base = `/api/events?topics=${encodeURIComponent(topics.join(','))}`;
  const retryDelay = options.retryDelay ?? ((n: number) => reconnectDelay(n));
  let source: EventSource | null = null;
  let lastId = '';
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function connect() {
    timer = null;
    const url = lastId ? `${base}&last_event_id=${encodeURIComponent(lastId)}` : base;
    const s = new EventSource(url);
    source = s;
    s.onopen = () => {
      attempts = 0;
      onState('open');
    };
    s.onerror = () => {
      if (source !== s) return;
      if (s.readyState !== CLOSED) {
        onState('connecting');  // the browser tries again by itself
        return;
      }
      s.close();
      source = null;
      attempts += 1;
      onState('connecting');
      timer = setTimeout(connect, retryDelay(attempts));
    };
    s.onmessage = (m: MessageEvent<string>) => {
      if (m.lastEventId) lastId = m.lastEventId;
      let event: LiveEvent;
      try {
        event = JSON.parse(m.data) as LiveEvent;
      } catch {
        return;  // a frame that is not JSON is not ours
      }
      if (!m.lastEventId && typeof event.id === 'number') lastId = String(event.id);
      onEvent(event);
    };
  }

  onState('connecting');
  connect();
  return {
    close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      source?.close();
      source = null;
      onState('closed');
    },
  };
}

// The server's topic rule, checked before connecting.
export function validTopic(t: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(t);
}
