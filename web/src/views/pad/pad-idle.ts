// The pad gives up on a rating nobody touches (issue 10): the citizen has
// walked away, and the next one must not find the last one's service on the
// screen. The service can still be rated on the receipt's link or the
// progress page; the server goes on offering it for 30 minutes, the pad
// simply stops showing it.
export const PAD_IDLE_MS = 90_000;

// Whether the ticket offered at `offeredAt`, last touched at `touchedAt`
// (0: never), should be put away at `now`.
export function padGaveUp(offeredAt: number, touchedAt: number, now: number, idleMs = PAD_IDLE_MS): boolean {
  if (offeredAt <= 0) return false;
  return now - Math.max(offeredAt, touchedAt) >= idleMs;
}
