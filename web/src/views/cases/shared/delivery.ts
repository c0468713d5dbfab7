// 出件: which ways of delivery the dialog offers and what each one asks for.
import { DELIVERY_METHOD_LABELS, type DeliveryMethod, type OnlineApplication } from '@/api/cases';

const ALL: DeliveryMethod[] = ['window', 'mail', 'online', 'bank'];
// When the item's guide lists no way, the server takes any but 银行发放,
// which only an item that pays into a bank account offers.
const WITHOUT_LIST: DeliveryMethod[] = ['window', 'mail', 'online'];

// The ways the item's guide offers (Detail.delivery_methods), in the usual
// order; the server refuses any other.
export function deliveryChoices(methods: readonly string[]): { value: DeliveryMethod; label: string }[] {
  const offered = methods.length === 0 ? WITHOUT_LIST : ALL.filter((m) => methods.includes(m));
  return offered.map((value) => ({ value, label: DELIVERY_METHOD_LABELS[value] }));
}

// The way an online applicant chose, when the item still offers it; else
// the first way offered.
export function preferredDelivery(
  choices: readonly { value: DeliveryMethod }[], online: Pick<OnlineApplication, 'delivery'> | null | undefined,
): DeliveryMethod {
  const chosen = online?.delivery;
  if (chosen && choices.some((c) => c.value === chosen)) return chosen;
  return choices[0]?.value ?? 'window';
}

export interface DeliveryFields {
  receiver: '' | '领取人姓名' | '收件人姓名';  // '' : nobody receives it in person or by post
  receiverId: boolean;  // checked at the window
  trackingNo: boolean;  // mail
  window: boolean;
}

// 窗口领取 records who took it and their identity document; 邮寄送达 the
// addressee and the tracking number; 网上查询/下载 and 银行发放 nothing more.
export function deliveryFields(method: DeliveryMethod): DeliveryFields {
  switch (method) {
    case 'window': return { receiver: '领取人姓名', receiverId: true, trackingNo: false, window: true };
    case 'mail': return { receiver: '收件人姓名', receiverId: false, trackingNo: true, window: false };
    case 'online': case 'bank': return { receiver: '', receiverId: false, trackingNo: false, window: false };
  }
}
