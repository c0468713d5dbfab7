// 数据交换 (docs/api/exchange.md): webhook subscriptions of authorized
// systems and the outbox of their deliveries. Times are epoch milliseconds.
import { buildQuery, request } from './client';

export const WEBHOOK_EVENTS = ['case.accepted', 'case.completed', 'case.delivered', 'evaluation.rated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'case.accepted': '办件受理',
  'case.completed': '办件办结',
  'case.delivered': '办件出件',
  'evaluation.rated': '服务评价',
};

export interface Subscription {
  id: number;
  name: string;
  url: string;
  unit_code: string;
  unit_name: string;
  events: WebhookEvent[];
  active: boolean;
  created_at: number;
  pending: number;  // deliveries still to be sent
  dead: number;     // dead letters
}

export interface NewSubscription {
  name: string;
  url: string;
  unit: string;
  events: WebhookEvent[];
}

// The secret is in this answer only: the server keeps it sealed.
export interface CreatedSubscription {
  subscription: Subscription;
  secret: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'dead';

export interface Delivery {
  id: number;
  subscription_id: number;
  subscription_name: string;
  event: WebhookEvent;
  payload: string;  // the JSON body as sent
  state: DeliveryState;
  attempts: number;
  last_status: number | null;  // null: no answer yet (or none at all)
  last_error: string;
  next_at: number;
  created_at: number;
  delivered_at: number | null;
}

export const listSubscriptions = () => request<{ items: Subscription[] }>('/api/webhooks');

export const createSubscription = (body: NewSubscription) =>
  request<CreatedSubscription>('/api/webhooks', { method: 'POST', body });

// Stops the subscription; what was queued for it becomes dead letters.
export const stopSubscription = (id: number) =>
  request<void>(`/api/webhooks/${id}`, { method: 'DELETE' });

// Newest first, at most 500.
export const listDeliveries = (state: DeliveryState) =>
  request<{ items: Delivery[] }>(`/api/webhooks/deliveries${buildQuery({ state })}`);

// Only a dead letter can be sent again (409 otherwise).
export const retryDelivery = (id: number) =>
  request<Delivery>(`/api/webhooks/deliveries/${id}/retry`, { method: 'POST' });
