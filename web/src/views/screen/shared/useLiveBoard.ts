// A live board of the hall (大厅叫号屏, 窗口屏): loaded at once, again soon
// after each event on the site's topic and after every reconnection, and
// every 30 s as a safety net. Nobody is there to press 重试, so a failure
// never replaces the screen: the last good board stays and `trouble` asks
// for a small badge. Calls are handed to the page with whether to read
// them out (a call replayed long after the fact is not).
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { ApiError } from '@/api/client';
import { subscribe, validTopic, type EventSubscription, type LiveEvent, type StreamState } from '@/api/events';
import { isCall, parseHallEvent, type CallEvent } from '@/api/screen';
import { BOARD_REFRESH, Refresher } from './refresher';
import {
  connectionTrouble, isCatchUp, parseTime, screenIdOf, screenPhase, shouldAnnounce, type ScreenId,
} from './screen';
import type { ScreenFrame } from './useScreenFrame';

export interface CallArrival {
  key: string;        // the event id
  announce: boolean;  // recent enough to read out
}

export interface LiveBoardOptions<T> {
  address: Ref<ScreenId>;
  frame: ScreenFrame;
  load: (id: number, signal: AbortSignal) => Promise<T>;
  // The site's topic, once it is known (the window screen learns it from its board).
  topic: (id: number, data: T | null) => string | null;
  onCall?: (call: CallEvent, arrival: CallArrival) => void;
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export function useLiveBoard<T>(options: LiveBoardOptions<T>) {
  const { address, frame } = options;
  const data = shallowRef<T | null>(null);
  const failures = ref(0);
  const lastStatus = ref<number | null>(null);
  const updatedAt = ref<number | null>(null);
  const stream = ref<StreamState>('connecting');
  const streamDownSince = ref<number | null>(Date.now());

  let controller: AbortController | null = null;
  async function loadOnce(): Promise<boolean> {
    const id = screenIdOf(address.value);
    if (id === null) return true;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const next = await options.load(id, mine.signal);
      if (mine.signal.aborted) return true;
      data.value = next;
      failures.value = 0;
      lastStatus.value = null;
      updatedAt.value = Date.now();
      return true;
    } catch (e) {
      if (isAbort(e) || mine.signal.aborted) return true;
      failures.value += 1;
      lastStatus.value = e instanceof ApiError ? e.status : 0;
      return false;
    } finally {
      if (controller === mine) controller = null;
    }
  }
  const refresher = new Refresher(loadOnce, BOARD_REFRESH);

  // The stream: every opening after the first is a reconnection, which
  // first replays what was missed.
  let sub: EventSubscription | null = null;
  let opens = 0;
  let openedAt: number | null = null;

  function onState(s: StreamState) {
    stream.value = s;
    if (s === 'open') {
      opens += 1;
      openedAt = Date.now();
      streamDownSince.value = null;
      refresher.request();  // events may have been missed
    } else if (s === 'connecting' && streamDownSince.value === null) {
      streamDownSince.value = Date.now();
    }
  }

  function onEvent(e: LiveEvent) {
    const event = parseHallEvent(e.data);
    if (event === null) return;
    const arrival = { receivedAt: Date.now(), openedAt, resumed: opens > 1, eventAt: parseTime(e.at) };
    if (!isCatchUp(arrival) && arrival.eventAt !== null) frame.server.observeLive(arrival.eventAt, arrival.receivedAt);
    if (isCall(event)) options.onCall?.(event, { key: String(e.id), announce: shouldAnnounce(arrival, frame.server) });
    refresher.request();
  }

  const topic = computed(() => {
    const id = screenIdOf(address.value);
    return id === null ? null : options.topic(id, data.value);
  });

  function listen(t: string | null) {
    sub?.close();
    sub = null;
    opens = 0;
    openedAt = null;
    streamDownSince.value = Date.now();
    if (t !== null && validTopic(t)) sub = subscribe([t], onEvent, onState);
  }

  const stops: (() => void)[] = [];
  onMounted(() => {
    refresher.start();
    stops.push(watch(topic, listen, { immediate: true }));
    stops.push(watch(() => screenIdOf(address.value), () => {
      controller?.abort();
      data.value = null;
      failures.value = 0;
      lastStatus.value = null;
      refresher.now();
    }));
  });
  onBeforeUnmount(() => {
    for (const stop of stops) stop();
    refresher.stop();
    controller?.abort();
    sub?.close();
    sub = null;
  });

  const phase = computed(() => screenPhase({ address: address.value, hasData: data.value !== null, lastStatus: lastStatus.value }));
  const trouble = computed(() => connectionTrouble(failures.value, streamDownSince.value, frame.now.value));
  return { data, phase, trouble, stream, updatedAt, refresh: () => refresher.request() };
}
