// When a live screen loads its board again: soon after something happened
// (a burst of events makes one load, at most debounceMs after the first),
// every pollMs as a safety net when nothing happens, and after a failure
// again and again with a growing wait. Never two loads at once: a request
// during a load makes one more load after it.

export interface RefresherOptions {
  debounceMs: number;
  pollMs: number;
  retryDelay: (failures: number) => number;
}

export const BOARD_DEBOUNCE_MS = 300;
export const BOARD_POLL_MS = 30_000;

// 2 s, 4 s, 8 s, 16 s, then every 30 s (the poll interval).
export function boardRetryDelay(failures: number): number {
  return Math.min(2_000 * 2 ** Math.max(failures - 1, 0), BOARD_POLL_MS);
}

export const BOARD_REFRESH: RefresherOptions = {
  debounceMs: BOARD_DEBOUNCE_MS,
  pollMs: BOARD_POLL_MS,
  retryDelay: boardRetryDelay,
};

export class Refresher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private due = Infinity;       // when the timer fires (ms)
  private loading = false;
  private again = false;
  private running = false;
  private failureCount = 0;

  // load resolves true when it succeeded; it must not reject.
  constructor(private readonly load: () => Promise<boolean>, private readonly options: RefresherOptions) {}

  get failures(): number {
    return this.failureCount;
  }

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    this.again = false;
    this.clear();
  }

  // Something changed: load soon.
  request(): void {
    this.schedule(this.options.debounceMs);
  }

  // Load now (at once, or right after the load under way).
  now(): void {
    this.schedule(0);
  }

  // Brings the next load forward to within ms; never puts it off.
  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.loading) {
      this.again = true;
      return;
    }
    const due = Date.now() + ms;
    if (this.timer !== null && this.due <= due) return;
    this.clear();
    this.due = due;
    this.timer = setTimeout(() => void this.run(), ms);
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.due = Infinity;
  }

  private async run(): Promise<void> {
    this.clear();
    this.loading = true;
    this.again = false;
    const ok = await this.load();
    this.loading = false;
    if (!this.running) return;
    this.failureCount = ok ? 0 : this.failureCount + 1;
    if (this.again) {
      this.again = false;
      this.schedule(this.options.debounceMs);
    }
    this.schedule(ok ? this.options.pollMs : this.options.retryDelay(this.failureCount));
  }
}
