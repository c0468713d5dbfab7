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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器,请检查网络后重试');
  }
  const requestId = res.headers.get('x-request-id') ?? '';
  const text = await res.text();
  let data: unknown = undefined;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回的数据无法解析', '', requestId);
    }
  }
  if (!res.ok) {
    if (isErrorBody(data)) {
      throw new ApiError(res.status, data.error.code, data.error.message, data.error.field ?? '',
        data.request_id || requestId);
    }
    throw new ApiError(res.status, `HTTP_${res.status}`, messageForStatus(res.status), '', requestId);
  }
  return data as T;
}

// A message for people, with the request id when there is one.
export function describeError(e: unknown): string {
  if (e instanceof ApiError) return e.requestId ? `${e.message}(请求编号 ${e.requestId})` : e.message;
  return '发生未知错误,请刷新页面后重试';
}
