// The hall screen's calling voice (叫号语音, policy 三(五)): one announcement
// after the other, never two at once, each call or recall once. When the
// browser refuses to play without a gesture the queue waits (the page offers
// 点击开启语音播报) and resumes with the same announcement; a clip that
// cannot be fetched or played is skipped. The player is given, so the rules
// are tested without a browser.

export interface Announcement {
  key: string;   // the event's id: a duplicate delivery is read once
  src: string;
  label: string;
  windowNumber: number;
}

export interface VoicePlayer {
  // Plays src to its end; calls started once sound is playing. Rejects when
  // it cannot start or the clip fails.
  play(src: string, started: () => void): Promise<void>;
}

export interface AnnouncerState {
  requested: number;  // clips asked of the player
  played: number;     // clips that started playing
  failed: number;     // clips skipped after an error
  lastSrc: string;
  blocked: boolean;   // waiting for a gesture (autoplay refused)
  pending: number;
}

export interface AnnouncerOptions {
  maxPending?: number;             // older announcements beyond this are dropped
  gapMs?: number;                  // silence between two announcements
  wait?: (ms: number) => Promise<void>;
}

export const MAX_PENDING = 6;
export const GAP_MS = 600;
const REMEMBERED_KEYS = 200;

// Autoplay refused (no gesture yet): DOMException NotAllowedError.
export function isBlockedPlay(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'NotAllowedError';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Announcer {
  private readonly queue: Announcement[] = [];
  private readonly seen: string[] = [];
  private busy = false;
  private disposed = false;
  private readonly maxPending: number;
  private readonly gapMs: number;
  private readonly wait: (ms: number) => Promise<void>;
  private state: AnnouncerState = { requested: 0, played: 0, failed: 0, lastSrc: '', blocked: false, pending: 0 };

  constructor(private readonly player: VoicePlayer, private readonly onChange: (s: AnnouncerState) => void = () => {},
    options: AnnouncerOptions = {}) {
    this.maxPending = options.maxPending ?? MAX_PENDING;
    this.gapMs = options.gapMs ?? GAP_MS;
    this.wait = options.wait ?? sleep;
  }

  get snapshot(): AnnouncerState {
    return { ...this.state };
  }

  enqueue(a: Announcement): void {
    if (this.disposed || this.seen.includes(a.key)) return;
    this.seen.push(a.key);
    if (this.seen.length > REMEMBERED_KEYS) this.seen.shift();
    this.queue.push(a);
    this.trim();
    this.update({});
    void this.pump();
  }

  // After a gesture: the browser may play now.
  unlock(): void {
    if (!this.state.blocked) return;
    this.update({ blocked: false });
    void this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
  }

  // A backlog (the voice was off, or many calls at once) keeps the latest.
  private trim(): void {
    while (this.queue.length > this.maxPending) this.queue.shift();
  }

  private update(change: Partial<AnnouncerState>): void {
    this.state = { ...this.state, ...change, pending: this.queue.length };
    this.onChange(this.snapshot);
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      let first = true;
      while (!this.disposed && !this.state.blocked && this.queue.length > 0) {
        if (!first) await this.wait(this.gapMs);
        first = false;
        const next = this.queue.shift();
        if (next === undefined || this.disposed) break;
        this.update({ requested: this.state.requested + 1, lastSrc: next.src });
        try {
          await this.player.play(next.src, () => this.update({ played: this.state.played + 1 }));
        } catch (e) {
          if (isBlockedPlay(e)) {
            this.queue.unshift(next);
            this.trim();
            this.update({ blocked: true });
          } else {
            this.update({ failed: this.state.failed + 1 });
          }
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
