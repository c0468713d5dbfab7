// The window PC's device agent, yichuang-agent (docs/api/agent.md): the
// browser calls it directly on 127.0.0.1. Its errors have the server's shape
// and become the app's ApiError; a refused connection becomes
// AGENT_UNREACHABLE. Each call has its own time limit, since a card read or a
// scan waits for a person and a device.
import { ApiError } from './client';

export const DEFAULT_AGENT_URL = 'http://127.0.0.1:17100';
export const AGENT_URL_KEY = 'yc.agent.url';

export type DeviceKind = 'idcard' | 'sscard' | 'scanner' | 'printer' | 'ticket_printer';
export type DeviceState = 'ready' | 'absent' | 'error' | 'disabled';

export interface DeviceStatus {
  device: DeviceKind;
  state: DeviceState;
  detail: string;   // Chinese, from the agent
  model: string;
}

export interface AgentInfo {
  version: string;
  paired: boolean;
  device_name: string;
  site_id: number | null;      // 0 or null until paired
  site_name: string;
  window_id: number | null;    // 0 or null until paired
  window_no: string | number | null;  // the window's number as text ("3"); "" until paired
  last_contact_ms: number | null;
  problem: string;
}

export interface AgentStatus {
  agent: AgentInfo;
  devices: DeviceStatus[];
}

export interface IdCard {
  name: string;
  sex: string;
  sex_code: string;
  nation: string;
  nation_code: string;
  birth: string;
  address: string;
  id_number: string;
  issuer: string;
  valid_from: string;
  valid_to: string;
  photo: string | null;
}

export interface SsCard {
  card_number: string;
  card_type: string;
  version: string;
  issuer_code: string;
  issued_on: string;
  valid_to: string;
  social_number: string;
  name: string;
  sex: string;
  nation: string;
  birth_place: string;
  birth: string;
}

export type ScanMode = 'color' | 'gray' | 'lineart';
export type ScanSource = 'flatbed' | 'adf';

export interface ScanOptions {
  dpi?: number;
  mode?: ScanMode;
  source?: ScanSource;
}

export interface Scan {
  pdf: Blob;
  pages: number;
}

export interface Printer {
  name: string;
  info: string;
  is_default: boolean;
  state: string;
}

export type PrintJobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed';

export interface PrintJob {
  id: number;
  queue: string;
  state: PrintJobState;
}

export interface PrintOptions {
  queue?: string;
  title?: string;
  copies?: number;
}

export const DEVICE_LABELS: Record<DeviceKind, string> = {
  idcard: '身份证阅读器', sscard: '社保卡读卡器', scanner: '扫描仪', printer: '打印机', ticket_printer: '小票打印机',
};
export const DEVICE_STATE_LABELS: Record<DeviceState, string> = {
  ready: '就绪', absent: '未连接', error: '故障', disabled: '未启用',
};
export const SCAN_MODE_LABELS: Record<ScanMode, string> = { color: '彩色', gray: '灰度', lineart: '黑白' };
export const SCAN_SOURCE_LABELS: Record<ScanSource, string> = { flatbed: '平板', adf: '自动进纸' };
export const PRINT_JOB_STATE_LABELS: Record<PrintJobState, string> = {
  pending: '排队中', held: '已暂停', processing: '打印中', stopped: '打印机已停止', canceled: '已取消',
  aborted: '打印失败', completed: '已打印',
};

// Milliseconds each kind of call may take before it is given up.
export const AGENT_TIMEOUTS = { status: 3000, card: 15000, scan: 120000, print: 30000 } as const;

export const UNREACHABLE_MESSAGE = '未连接到本机设备助手,请确认已安装并启动 yichuang-agent';

// The agent's window number once it is paired with a window, else null.
export function agentWindowNo(a: Pick<AgentInfo, 'window_no'>): number | null {
  const n = typeof a.window_no === 'string' && /^\d+$/.test(a.window_no.trim()) ? Number(a.window_no) : a.window_no;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

// --- the agent's address, kept in this browser -----------------------------------------------------

// "http://host:port" without a trailing slash, or null when the text is not an http(s) URL.
export function normalizeAgentUrl(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function agentUrl(): string {
  try {
    return normalizeAgentUrl(localStorage.getItem(AGENT_URL_KEY) ?? '') ?? DEFAULT_AGENT_URL;
  } catch {
    return DEFAULT_AGENT_URL;
  }
}

// Remembers the address (the default when the text is empty); false when it is not a URL.
export function setAgentUrl(text: string): boolean {
  const url = text.trim() === '' ? DEFAULT_AGENT_URL : normalizeAgentUrl(text);
  if (url === null) return false;
  try {
    if (url === DEFAULT_AGENT_URL) localStorage.removeItem(AGENT_URL_KEY);
    else localStorage.setItem(AGENT_URL_KEY, url);
  } catch {
    // Private browsing may refuse storage; the default stays.
  }
  return true;
}

// --- transport ---------------------------------------------------------------------------------------

function messageForStatus(status: number): string {
  if (status === 403) return '本机设备助手拒绝了本页面的请求,请检查设备助手的 allowed_origins 配置';
  if (status === 404) return '本机设备助手版本过旧,不支持该操作,请升级 yichuang-agent';
  if (status === 422) return '未检测到卡片,请将卡片放在读卡区后重试';
  if (status === 503) return '设备未连接或未配置';
  if (status === 502) return '设备出现故障';
  return `本机设备助手出错 (HTTP ${status})`;
}

function errorOf(status: number, data: unknown): ApiError {
  if (typeof data === 'object' && data !== null) {
    const e = (data as { error?: unknown }).error;
    if (typeof e === 'object' && e !== null) {
      const { code, message, field } = e as { code?: unknown; message?: unknown; field?: unknown };
      if (typeof code === 'string' && typeof message === 'string') {
        const rid = (data as { request_id?: unknown }).request_id;
        return new ApiError(status, code, message, typeof field === 'string' ? field : '',
          typeof rid === 'string' ? rid : '');
      }
    }
  }
  return new ApiError(status, `HTTP_${status}`, messageForStatus(status));
}

interface CallOptions {
  method?: 'GET' | 'POST';
  body?: Blob | string;
  contentType?: string;
  timeoutMs: number;
  what: string;  // for the timeout message: "读卡", "扫描" ...
}

async function call(path: string, o: CallOptions): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeoutMs);
  const headers: Record<string, string> = { Accept: '*/*' };
  if (o.contentType) headers['Content-Type'] = o.contentType;
  const init: RequestInit = {
    method: o.method ?? 'GET', mode: 'cors', credentials: 'omit', cache: 'no-store', headers, signal: controller.signal,
  };
  if (o.body !== undefined) init.body = o.body;
  let res: Response;
  try {
    res = await fetch(`${agentUrl()}${path}`, init);
  } catch {
    clearTimeout(timer);
    if (timedOut) throw new ApiError(0, 'AGENT_TIMEOUT', `${o.what}超时,请检查设备后重试`);
    throw new ApiError(0, 'AGENT_UNREACHABLE', UNREACHABLE_MESSAGE);
  }
  clearTimeout(timer);
  if (res.ok) return res;
  const text = await res.text().catch(() => '');
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  throw errorOf(res.status, data);
}

async function json<T>(res: Response): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, 'BAD_RESPONSE', '本机设备助手返回的数据无法解析');
  }
}

// --- calls --------------------------------------------------------------------------------------------

export async function status(): Promise<AgentStatus> {
  return json<AgentStatus>(await call('/api/status', { timeoutMs: AGENT_TIMEOUTS.status, what: '检测设备' }));
}

export async function readIdCard(): Promise<IdCard> {
  return json<IdCard>(await call('/api/idcard/read', { method: 'POST', timeoutMs: AGENT_TIMEOUTS.card, what: '读身份证' }));
}

export async function readSsCard(): Promise<SsCard> {
  return json<SsCard>(await call('/api/sscard/read', { method: 'POST', timeoutMs: AGENT_TIMEOUTS.card, what: '读社保卡' }));
}

// The pages as one PDF.
export async function scan(options: ScanOptions = {}): Promise<Scan> {
  const res = await call('/api/scan?format=pdf', {
    method: 'POST', body: JSON.stringify(options), contentType: 'application/json',
    timeoutMs: AGENT_TIMEOUTS.scan, what: '扫描',
  });
  const pages = Number(res.headers.get('X-Scan-Pages') ?? '1');
  const pdf = await res.blob();
  return { pdf: pdf.type === 'application/pdf' ? pdf : new Blob([pdf], { type: 'application/pdf' }),
    pages: Number.isFinite(pages) && pages > 0 ? pages : 1 };
}

export async function printers(): Promise<Printer[]> {
  const res = await call('/api/printers', { timeoutMs: AGENT_TIMEOUTS.status, what: '读取打印机' });
  return (await json<{ items: Printer[] }>(res)).items;
}

export async function printPdf(pdf: Blob, options: PrintOptions = {}): Promise<PrintJob> {
  const q = new URLSearchParams();
  if (options.queue) q.set('queue', options.queue);
  if (options.title) q.set('title', options.title);
  if (options.copies) q.set('copies', String(options.copies));
  const query = q.toString();
  const res = await call(`/api/print${query ? `?${query}` : ''}`, {
    method: 'POST', body: pdf, contentType: 'application/pdf', timeoutMs: AGENT_TIMEOUTS.print, what: '打印',
  });
  return json<PrintJob>(res);
}

export async function job(id: number): Promise<PrintJob> {
  return json<PrintJob>(await call(`/api/print/jobs/${id}`, { timeoutMs: AGENT_TIMEOUTS.status, what: '查询打印任务' }));
}

// Whether a job has ended, and whether well.
export function jobEnded(state: PrintJobState): boolean {
  return state === 'completed' || state === 'canceled' || state === 'aborted';
}
