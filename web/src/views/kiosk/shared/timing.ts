// How long the kiosk waits on people (issue 7, item 5): after 60 s without a
// touch it starts over from its start page, saying so 10 s before; a ticket
// (or check-in) result goes back by itself after 20 s, so the next person
// never finds someone else's number on the screen.

export const KIOSK_IDLE_MS = 60_000;
export const KIOSK_WARN_MS = 10_000;
export const RESULT_RETURN_MS = 20_000;
export const PAIRED_RETURN_MS = 4_000;  // "配对成功" stays this long before the start page

// Whole seconds left of `span` counted from `since`, never below 0: what a
// countdown shows ("20 秒后返回首页").
export function secondsLeft(since: number, now: number, span: number): number {
  return Math.max(0, Math.ceil((since + span - now) / 1000));
}
