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

// --- 接入系统: authorized systems reading the API with a bearer token ---

export const API_CLIENT_SCOPES = ['cases.read', 'stats.read'] as const;
export type ApiClientScope = (typeof API_CLIENT_SCOPES)[number];

export const API_CLIENT_SCOPE_LABELS: Record<ApiClientScope, string> = {
  'cases.read': '读取办件',
  'stats.read': '读取统计与台账',
};

export interface ApiClient {
  id: number;
  name: string;
  unit_code: string;  // the unit and the units below it
  unit_name: string;
  scopes: string[];   // ApiClientScope, or one this page does not know yet
  token_prefix: string;  // the first characters of the token, to tell tokens apart
  created_by: string;    // the login of who created it
  created_at: number;
  expires_at: number | null;  // the end of the last Beijing day it works; null: no end
  revoked_at: number | null;
  last_used_at: number | null;
  last_used_address: string;
}

export interface ApiClientList {
  items: ApiClient[];
  scopes: string[];  // what the server can grant
}

export interface NewApiClient {
  name: string;  // at most 50 characters
  unit: string;  // unit code
  scopes: string[];
  expires_on: string | null;  // YYYY-MM-DD (Beijing), the last day it works; null: no end
}

// The token is in this answer only: the server keeps a hash.
export interface IssuedApiToken {
  client: ApiClient;
  token: string;
}

// The OpenAPI 3.1 document of what systems can read (public).
export const OPENAPI_URL = '/api/openapi.json';

export const listApiClients = () => request<ApiClientList>('/api/api-clients');

export const createApiClient = (body: NewApiClient) =>
  request<IssuedApiToken>('/api/api-clients', { method: 'POST', body });

// A new token; the old one stops at once. 409 when revoked or expired.
export const rotateApiClient = (id: number) =>
  request<IssuedApiToken>(`/api/api-clients/${id}/rotate`, { method: 'POST' });

// 409 when it is already revoked.
export const revokeApiClient = (id: number) =>
  request<ApiClient>(`/api/api-clients/${id}/revoke`, { method: 'POST' });
