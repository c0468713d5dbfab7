// An idle timer for unattended screens (the kiosk): after `idleMs` without
// activity it calls onIdle, and `warnMs` before that onWarn, so the page can
// say it is about to start over. Each activity starts the count again.
// Timers are injectable so the logic is tested without waiting.

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleTimerOptions {
  idleMs: number;
  warnMs?: number;       // how long before onIdle to warn; 0 or absent: no warning
  onIdle(): void;
  onWarn?(): void;
  timers?: TimerApi;
}

export interface IdleTimer {
  activity(): void;  // something happened: count from now
  stop(): void;
}

const globalTimers: TimerApi = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const timers = options.timers ?? globalTimers;
  const warnMs = Math.min(Math.max(options.warnMs ?? 0, 0), options.idleMs);
  let warnHandle: unknown = null;
  let idleHandle: unknown = null;

  function clear() {
    if (warnHandle !== null) timers.clearTimeout(warnHandle);
    if (idleHandle !== null) timers.clearTimeout(idleHandle);
    warnHandle = null;
    idleHandle = null;
  }

  function activity() {
    clear();
    if (warnMs > 0 && options.onWarn) {
      const onWarn = options.onWarn;
      warnHandle = timers.setTimeout(() => {
        warnHandle = null;
        onWarn();
      }, options.idleMs - warnMs);
    }
    idleHandle = timers.setTimeout(() => {
      idleHandle = null;
      options.onIdle();
    }, options.idleMs);
  }

  activity();
  return { activity, stop: clear };
}
