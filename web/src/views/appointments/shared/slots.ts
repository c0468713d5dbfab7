// Which slots can be booked: the server lists the slots of working days in
// the booking window with what is left; a full slot, or one already begun,
// is shown but cannot be chosen. Pure, so it is tested without a browser.
import type { Slot, SlotDay } from '@/api/kiosk';

export type SlotState = 'open' | 'full' | 'past' | 'current';

// `current`: the slot_start of the booking being changed (改约).
export function slotState(slot: Slot, now: number, current: number | null = null): SlotState {
  if (current !== null && slot.start === current) return 'current';
  if (slot.start <= now) return 'past';
  return slot.left > 0 ? 'open' : 'full';
}

export function openCount(day: SlotDay, now: number, current: number | null = null): number {
  return day.slots.filter((s) => slotState(s, now, current) === 'open').length;
}

// The day to show first: the one asked for if it is listed, else the first
// with something open, else the first.
export function pickDay(days: readonly SlotDay[], now: number, wanted = '', current: number | null = null): string {
  if (wanted && days.some((d) => d.day === wanted)) return wanted;
  return (days.find((d) => openCount(d, now, current) > 0) ?? days[0])?.day ?? '';
}

export const SLOT_STATE_TEXT: Record<Exclude<SlotState, 'open'>, string> = {
  full: '已约满', past: '已过时', current: '当前预约',
};
