import { effectScope, nextTick, reactive, ref } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus, DeviceStatus } from '@/api/agent';
import { ApiError } from '@/api/client';
import { BAD_CARD_MESSAGE, NO_CARD_MESSAGE } from './idcard';
import { useKioskIdCard, type KioskIdCardOptions } from './useKioskIdCard';

const agent = reactive({ status: null as AgentStatus | null });
vi.mock('@/composables/useAgent', () => ({ useAgent: () => ({ state: agent }) }));

const CARD_ID = '11010519491231002X';

function withReader(state: DeviceStatus['state']): AgentStatus {
  return {
    agent: {
      version: '1.0', paired: false, device_name: '', site_id: null, site_name: '', window_id: null, window_no: '',
      last_contact_ms: null, problem: '',
    },
    devices: [{ device: 'idcard', state, detail: '', model: '' }],
  };
}

function setUp(options: KioskIdCardOptions) {
  const field = ref('');
  const scope = effectScope();
  const card = scope.run(() => useKioskIdCard(field, options));
  if (!card) throw new Error('no scope');
  return { field, scope, card };
}

beforeEach(() => { agent.status = null; });

describe('useKioskIdCard', () => {
  it('offers the button while the agent\'s reader is ready', () => {
    const { card } = setUp({});
    expect(card.available.value).toBe(false);
    agent.status = withReader('ready');
    expect(card.available.value).toBe(true);
    agent.status = withReader('absent');
    expect(card.available.value).toBe(false);
  });

  it('fills the field from the card, after the page chose its ID field, and shows it masked', async () => {
    const order: string[] = [];
    const { field, card } = setUp({
      before: () => { order.push('before'); },
      read: () => { order.push('read'); return Promise.resolve({ id_number: CARD_ID.toLowerCase() }); },
    });
    const reading = card.read();
    expect(card.reading.value).toBe(true);
    await reading;
    expect(order).toEqual(['read', 'before']);
    expect(field.value).toBe(CARD_ID);
    expect(card.masked.value).toBe(true);
    expect(card.reading.value).toBe(false);
    expect(card.problem.value).toBe('');
  });

  it('empties the field when a number from a card is edited, and unmasks what is typed next', async () => {
    const { field, card } = setUp({ read: () => Promise.resolve({ id_number: CARD_ID }) });
    await card.read();
    field.value = CARD_ID.slice(0, -1);  // 删除 on the pad
    await nextTick();
    expect(field.value).toBe('');
    expect(card.masked.value).toBe(false);
    field.value = '1';
    await nextTick();
    expect(field.value).toBe('1');
    expect(card.masked.value).toBe(false);
  });

  it('says no card, or the agent\'s message, and leaves the field alone', async () => {
    let fail: unknown = new ApiError(422, 'NO_CARD', 'x');
    const { field, card } = setUp({ read: () => Promise.reject(fail) });
    field.value = '110';
    await card.read();
    expect(card.problem.value).toBe(NO_CARD_MESSAGE);
    expect(field.value).toBe('110');
    fail = new ApiError(503, 'DEVICE_ABSENT', '身份证阅读器未连接');
    await card.read();
    expect(card.problem.value).toBe('身份证阅读器未连接');
    expect(card.reading.value).toBe(false);
  });

  it('refuses a card without a proper number', async () => {
    const { field, card } = setUp({ read: () => Promise.resolve({ id_number: '123' }) });
    await card.read();
    expect(card.problem.value).toBe(BAD_CARD_MESSAGE);
    expect(field.value).toBe('');
  });

  it('reads once at a time and fills nothing after the page has gone', async () => {
    let finish: (v: { id_number: string }) => void = () => {};
    const read = vi.fn(() => new Promise<{ id_number: string }>((r) => { finish = r; }));
    const { field, scope, card } = setUp({ read });
    const first = card.read();
    void card.read();
    expect(read).toHaveBeenCalledTimes(1);
    scope.stop();
    finish({ id_number: CARD_ID });
    await first;
    expect(field.value).toBe('');
  });
});
