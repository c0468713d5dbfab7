// 刷身份证 on the kiosk: the hall PC's device agent (docs/api/agent.md) reads
// the resident ID card on the kiosk's reader, and the number goes into the
// field that would otherwise be typed on the pad. Pure, so it is tested
// without a browser or an agent.
import type { DeepReadonly } from 'vue';
import type { AgentStatus, IdCard } from '@/api/agent';
import { ApiError } from '@/api/client';
import { keypadComplete } from './keypad';

export const IDCARD_HINT = '请将身份证放在读卡区';
export const NO_CARD_MESSAGE = '未检测到身份证,请将身份证放在读卡区后再试';
export const READ_FAILED_MESSAGE = '读取身份证失败,请重新放置身份证后再试';
export const BAD_CARD_MESSAGE = '未能读出身份证号码,请重新放置身份证后再试,或直接输入号码';

// Whether the agent answered and says its ID card reader is ready: only then
// is 刷身份证 offered (no agent, no reader: the pad alone, as before).
export function idCardReaderReady(s: DeepReadonly<AgentStatus> | null): boolean {
  return s?.devices.some((d) => d.device === 'idcard' && d.state === 'ready') ?? false;
}

// The card's number as the pad would have typed it (X upper case), or null
// when it is not 17 digits and a check character.
export function idNumberOfCard(card: Pick<IdCard, 'id_number'>): string | null {
  const n = (typeof card.id_number === 'string' ? card.id_number : '').trim().toUpperCase();
  return keypadComplete(n, 'id') ? n : null;
}

// What the kiosk says when the read failed: no card on the reader in its own
// words, otherwise the agent's Chinese message.
export function idCardReadProblem(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'NO_CARD') return NO_CARD_MESSAGE;
    if (e.message) return e.message;
  }
  return READ_FAILED_MESSAGE;
}

// A number read from a card, as the kiosk field shows it in readable groups:
// the region and the last four only ("110105 ******** 002X").
export function maskedIdDisplay(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return [value.slice(0, 6), '*'.repeat(value.length - 10), value.slice(-4)].join(' ');
}
