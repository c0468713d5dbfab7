// The one request client (STYLE.md §9). Every non-2xx answer becomes an
// ApiError carrying the server's stable code, its Chinese message, the field
// at fault and the request id that operators can look up in the logs.

export interface ErrorBody {
  error: { code: string; message: string; field: string };
  request_id: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string;
  readonly requestId: string;

  constructor(status: number, code: string, message: string, field = '', requestId = '') {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.requestId = requestId;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const e = (value as { error?: unknown }).error;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

function messageForStatus(status: number): string {
  if (status === 502 || status === 503 || status === 504) return '服务暂时不可用,请稍后重试';
  if (status === 401) return '请先登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '请求的资源不存在';
  if (status >= 500) return '服务器出现错误,请稍后重试';
  return `请求失败 (HTTP ${status})`;
}

// The CSRF token of the signed-in session (docs/api/identity.md "Session"):
// the server hands it out with Me, and every unsafe method must echo it.
let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Told when a request finds the session gone (401) or unfinished (403
// STEP_REQUIRED), so the app can send people back to the login page. The
// login call and the "who am I" probe answer 401 as a normal result and are
// left to their callers; so is everything a device calls with its token
// (/api/kiosk/, /api/pad/, and the public /api/progress/ and /api/public/
// routes a kiosk rates and complains through): a 401 there means "not
// paired", not "signed out", and a device has nobody to sign in.
export type AuthFailureHandler = (error: ApiError, path: string) => void;
let authFailureHandler: AuthFailureHandler | null = null;
const AUTH_PROBES = ['/api/auth/login', '/api/auth/me'];
const OWN_AUTH_PREFIXES = ['/api/kiosk/', '/api/pad/', '/api/progress/', '/api/public/'];

export function setAuthFailureHandler(handler: AuthFailureHandler | null): void {
  authFailureHandler = handler;
}

function isAuthFailure(e: ApiError, path: string): boolean {
  if (AUTH_PROBES.some((p) => path === p || path.startsWith(`${p}?`))) return false;
  if (OWN_AUTH_PREFIXES.some((p) => path.startsWith(p))) return false;
  return e.status === 401 || (e.status === 403 && e.code === 'STEP_REQUIRED');
}

// "?a=1&b=x" from the parameters that have a value; "" when none has.
export function buildQuery(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    q.set(key, String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  // A Blob (or File) is sent as it is, with its own type unless headers name
  // one; anything else is sent as JSON.
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  // Non-2xx statuses whose JSON body is the answer rather than an error (the
  // catalog import's 422 report). An error body under them is still an error.
  answerStatuses?: readonly number[];
}

function prepare(options: RequestOptions, accept: string): RequestInit {
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  const method = options.method ?? 'GET';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body instanceof Blob) {
    if (!headers['Content-Type']) headers['Content-Type'] = options.body.type || 'application/octet-stream';
    init.body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  return init;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器,请检查网络后重试');
  }
}

function parseBody(text: string): { data: unknown; parsed: boolean } {
  if (text.length === 0) return { data: undefined, parsed: true };
  try {
    return { data: JSON.parse(text), parsed: true };
  } catch {
    return { data: undefined, parsed: false };
  }
}

// The ApiError for a failed answer, after telling the auth failure handler.
function failure(res: Response, data: unknown, requestId: string, path: string): ApiError {
  const error = isErrorBody(data)
    ? new ApiError(res.status, data.error.code, data.error.message, data.error.field ?? '',
      data.request_id || requestId)
    : new ApiError(res.status, `HTTP_${res.status}`, messageForStatus(res.status), '', requestId);
  if (authFailureHandler && isAuthFailure(error, path)) authFailureHandler(error, path);
  return error;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, prepare(options, 'application/json'));
  const requestId = res.headers.get('x-request-id') ?? '';
  const { data, parsed } = parseBody(await res.text());
  if (!parsed && res.ok) throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回的数据无法解析', '', requestId);
  const isAnswer = res.ok ||
    (options.answerStatuses?.includes(res.status) === true && data !== undefined && !isErrorBody(data));
  if (!isAnswer) throw failure(res, data, requestId, path);
  return data as T;
}

// A binary answer (an image, a file) as a Blob; failures are ApiErrors as in
// request(), since the server still answers them with the JSON error body.
export async function requestBlob(path: string, options: Omit<RequestOptions, 'answerStatuses'> = {}): Promise<Blob> {
  const res = await send(path, prepare(options, '*/*'));
  if (res.ok) return res.blob();
  const requestId = res.headers.get('x-request-id') ?? '';
  throw failure(res, parseBody(await res.text()).data, requestId, path);
}

// A message for people, with the request id when there is one.
export function describeError(e: unknown): string {
  if (e instanceof ApiError) return e.requestId ? `${e.message}(请求编号 ${e.requestId})` : e.message;
  return '发生未知错误,请刷新页面后重试';
}
