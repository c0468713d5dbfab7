import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import {
  AGENT_TIMEOUTS, AGENT_URL_KEY, DEFAULT_AGENT_URL, agentUrl, job, normalizeAgentUrl, printPdf, readIdCard, scan,
  setAgentUrl, status,
} from './agent';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k: string) => m.get(k) ?? null,
    key: (i: number) => [...m.keys()][i] ?? null,
    removeItem: (k: string) => { m.delete(k); },
    setItem: (k: string, v: string) => { m.set(k, v); },
  };
}

function reply(statusCode: number, body: BodyInit | null, headers: Record<string, string> = {}) {
  return vi.fn(async (_url: string, _init?: RequestInit) => new Response(body, { status: statusCode, headers }));
}

// A fetch that never answers but honours the abort signal, as the browser does.
function hanging() {
  return vi.fn((_url: string, init?: RequestInit) => new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  }));
}

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('agent base URL', () => {
  it('defaults to 127.0.0.1:17100 and remembers another one', () => {
    expect(agentUrl()).toBe(DEFAULT_AGENT_URL);
    expect(setAgentUrl(' http://localhost:17200/ ')).toBe(true);
    expect(localStorage.getItem(AGENT_URL_KEY)).toBe('http://localhost:17200');
    expect(agentUrl()).toBe('http://localhost:17200');
    expect(setAgentUrl('')).toBe(true);
    expect(agentUrl()).toBe(DEFAULT_AGENT_URL);
    expect(localStorage.getItem(AGENT_URL_KEY)).toBeNull();
  });

  it('refuses what is not an http URL and ignores a bad stored value', () => {
    expect(setAgentUrl('127.0.0.1:17100 x')).toBe(false);
    expect(normalizeAgentUrl('ftp://x')).toBeNull();
    localStorage.setItem(AGENT_URL_KEY, 'nonsense');
    expect(agentUrl()).toBe(DEFAULT_AGENT_URL);
  });

  it('calls the remembered address, cross-origin without credentials', async () => {
    setAgentUrl('http://127.0.0.1:18000');
    const f = reply(200, '{"agent":{"version":"1"},"devices":[]}');
    vi.stubGlobal('fetch', f);
    await status();
    const [url, init] = f.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:18000/api/status');
    expect(init?.mode).toBe('cors');
    expect(init?.credentials).toBe('omit');
  });
});

describe('agent errors', () => {
  it('keeps the agent\'s code, Chinese message and field', async () => {
    vi.stubGlobal('fetch', reply(422,
      '{"error":{"code":"NO_CARD","message":"未检测到身份证,请将证件放在读卡区","field":""},"request_id":"a1"}'));
    const e = await readIdCard().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('NO_CARD');
    expect((e as ApiError).status).toBe(422);
    expect((e as ApiError).message).toBe('未检测到身份证,请将证件放在读卡区');
  });

  it('maps a 403 with field Origin as it is', async () => {
    vi.stubGlobal('fetch', reply(403, '{"error":{"code":"FORBIDDEN","message":"来源不被允许","field":"Origin"}}'));
    const e = (await status().catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('FORBIDDEN');
    expect(e.field).toBe('Origin');
  });

  it('gives a Chinese message when the body is not the error shape', async () => {
    vi.stubGlobal('fetch', reply(503, 'busy'));
    const e = (await readIdCard().catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('HTTP_503');
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says AGENT_UNREACHABLE when nothing listens', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const e = (await status().catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('AGENT_UNREACHABLE');
    expect(e.status).toBe(0);
    expect(e.message).toContain('yichuang-agent');
  });
});

describe('agent timeouts', () => {
  it('gives up the status after 3 s and a card read after 15 s', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hanging());
    const s = status().catch((x: unknown) => x);
    await vi.advanceTimersByTimeAsync(AGENT_TIMEOUTS.status - 1);
    const c = readIdCard().catch((x: unknown) => x);
    await vi.advanceTimersByTimeAsync(1);
    expect(((await s) as ApiError).code).toBe('AGENT_TIMEOUT');
    await vi.advanceTimersByTimeAsync(AGENT_TIMEOUTS.card - 2);
    let settled = false;
    void c.then(() => { settled = true; });
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(((await c) as ApiError).code).toBe('AGENT_TIMEOUT');
    expect(((await c) as ApiError).message).toContain('读身份证');
  });

  it('waits two minutes for a scan', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hanging());
    const p = scan().catch((x: unknown) => x);
    let settled = false;
    void p.then(() => { settled = true; });
    await vi.advanceTimersByTimeAsync(AGENT_TIMEOUTS.scan - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(((await p) as ApiError).code).toBe('AGENT_TIMEOUT');
  });
});

describe('agent calls', () => {
  it('answers a scan as a PDF blob with its page count', async () => {
    const f = reply(200, new Blob(['%PDF-1.4'], { type: 'application/pdf' }),
      { 'Content-Type': 'application/pdf', 'X-Scan-Pages': '3' });
    vi.stubGlobal('fetch', f);
    const s = await scan({ dpi: 200, mode: 'gray', source: 'adf' });
    expect(s.pages).toBe(3);
    expect(s.pdf.type).toBe('application/pdf');
    const [url, init] = f.mock.calls[0]!;
    expect(url).toBe(`${DEFAULT_AGENT_URL}/api/scan?format=pdf`);
    expect(JSON.parse(String(init?.body))).toEqual({ dpi: 200, mode: 'gray', source: 'adf' });
  });

  it('prints a PDF with the queue, title and copies, and reads the job', async () => {
    const f = reply(202, '{"id":7,"queue":"yc-pdf","state":"pending"}');
    vi.stubGlobal('fetch', f);
    const j = await printPdf(new Blob(['%PDF'], { type: 'application/pdf' }), { queue: 'yc-pdf', title: '受理回执', copies: 2 });
    expect(j).toEqual({ id: 7, queue: 'yc-pdf', state: 'pending' });
    const [url, init] = f.mock.calls[0]!;
    expect(url).toBe(`${DEFAULT_AGENT_URL}/api/print?queue=yc-pdf&title=${encodeURIComponent('受理回执')}&copies=2`);
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/pdf');
    vi.stubGlobal('fetch', reply(200, '{"id":7,"queue":"yc-pdf","state":"completed"}'));
    expect((await job(7)).state).toBe('completed');
  });
});
