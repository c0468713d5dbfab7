import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { useLatestRead } from './useLatestRead';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('useLatestRead', () => {
  it('lets only the newest read land', async () => {
    const [a, b] = [deferred<string>(), deferred<string>()];
    const queue = [a, b];
    const r = useLatestRead(() => queue.shift()!.promise, '');
    const first = r.load();
    const second = r.load();
    b.resolve('new');
    expect(await second).toBe(true);
    a.resolve('old');
    expect(await first).toBe(false);
    expect(r.data.value).toBe('new');
    expect(r.loading.value).toBe(false);
  });

  it('shows the failure of the newest read only, and keeps the last data', async () => {
    const [a, b] = [deferred<string>(), deferred<string>()];
    const queue = [a, b];
    const r = useLatestRead(() => queue.shift()!.promise, 'kept');
    const first = r.load();
    const second = r.load();
    a.reject(new ApiError(500, 'INTERNAL', '旧的失败'));
    await first;
    expect(r.error.value).toBe('');
    b.reject(new ApiError(503, 'UNAVAILABLE', '服务暂时不可用'));
    expect(await second).toBe(false);
    expect(r.error.value).toContain('服务暂时不可用');
    expect(r.data.value).toBe('kept');
  });
});
