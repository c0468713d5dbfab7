// Live events over Server-Sent Events. The browser's EventSource reconnects
// by itself and sends Last-Event-ID, so the server replays what was missed.

export interface LiveEvent<T = unknown> {
  id: number;
  topic: string;
  at: string;
  data: T;
}

export type StreamState = 'connecting' | 'open' | 'closed';

export interface EventSubscription {
  close(): void;
}

export function subscribe(
  topics: string[],
  onEvent: (e: LiveEvent) => void,
  onState: (s: StreamState) => void,
): EventSubscription {
  const url = `/api/events?topics=${encodeURIComponent(topics.join(','))}`;
  const source = new EventSource(url);
  onState('connecting');
  source.onopen = () => onState('open');
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  source.onmessage = (m: MessageEvent<string>) => {
    try {
      onEvent(JSON.parse(m.data) as LiveEvent);
    } catch {
      // A frame that is not JSON is not ours; ignore it.
    }
  };
  return {
    close() {
      source.close();
      onState('closed');
    },
  };
}

// The server's topic rule, checked before connecting.
export function validTopic(t: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(t);
}
