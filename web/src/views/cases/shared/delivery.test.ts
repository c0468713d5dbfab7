import { describe, expect, it } from 'vitest';
import { deliveryChoices, deliveryFields, preferredDelivery } from './delivery';

describe('deliveryChoices', () => {
  it('offers only the ways the item lists, in the usual order', () => {
    expect(deliveryChoices(['bank', 'window']).map((c) => c.value)).toEqual(['window', 'bank']);
    expect(deliveryChoices(['bank'])).toEqual([{ value: 'bank', label: '银行发放' }]);
  });

  it('offers every way but 银行发放 when the item lists none', () => {
    expect(deliveryChoices([]).map((c) => c.value)).toEqual(['window', 'mail', 'online']);
  });
});

describe('preferredDelivery', () => {
  const choices = deliveryChoices(['window', 'mail', 'bank']);

  it('takes the way the online applicant chose', () => {
    expect(preferredDelivery(choices, { delivery: 'mail' })).toBe('mail');
    expect(preferredDelivery(choices, { delivery: 'bank' })).toBe('bank');
  });

  it('falls back to the first way offered', () => {
    expect(preferredDelivery(choices, null)).toBe('window');
    expect(preferredDelivery(choices, { delivery: 'online' })).toBe('window');
    expect(preferredDelivery([], undefined)).toBe('window');
  });
});

describe('deliveryFields', () => {
  it('asks for a receiver only at the window and by post', () => {
    expect(deliveryFields('window')).toEqual({ receiver: '领取人姓名', receiverId: true, trackingNo: false, window: true });
    expect(deliveryFields('mail')).toEqual({ receiver: '收件人姓名', receiverId: false, trackingNo: true, window: false });
    expect(deliveryFields('bank').receiver).toBe('');
    expect(deliveryFields('online').receiver).toBe('');
  });
});
