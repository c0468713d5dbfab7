import { request } from './client';

export interface Health {
  status: 'ok' | 'unavailable';
  version: string;
  database: 'sqlite' | 'postgresql';
  migration?: number;
  node: string;
}

export interface SystemInfo {
  product: string;
  product_full: string;
  name: string;
  version: string;
  node: string;
  database: 'sqlite' | 'postgresql';
  deployment: { name: string; mode: 'demo' | 'production'; hotline: string; service_hours: string };
  accessibility: string[];
  timezone: string;
  locale: string;
  policy: string;
  server_time: string;
  local_date: string;
  limits: { max_body_bytes: number };
  events: { heartbeat_seconds: number; path: string };
}

export const getHealth = (signal?: AbortSignal) => request<Health>('/api/health', signal ? { signal } : {});
export const getSystemInfo = (signal?: AbortSignal) =>
  request<SystemInfo>('/api/system/info', signal ? { signal } : {});
