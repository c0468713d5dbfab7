import { beforeEach, describe, expect, it, vi } from 'vitest';

const confirm = vi.fn<(message: string, title: string, ok?: string) => Promise<boolean>>();
vi.mock('@/utils/feedback', () => ({ confirmAction: (...a: [string, string, string?]) => confirm(...a) }));

const { useRecordDrawer } = await import('./useRecordDrawer');

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => { resolve = res; });
  return { promise, resolve };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('useRecordDrawer', () => {
  beforeEach(() => confirm.mockReset());

  it('drops the answer for a record no longer shown', async () => {
    const reads = new Map([[1, deferred<string>()], [2, deferred<string>()]]);
    const d = useRecordDrawer((id) => reads.get(id)!.promise);
    d.open(1);
    d.open(2);
    reads.get(2)!.resolve('second');
    reads.get(1)!.resolve('first');
    await flush();
    expect(d.detail.value).toBe('second');
    expect(d.loading.value).toBe(false);
  });

  it('reveals only after the confirmation, and forgets on closing', async () => {
    const call = vi.fn(async (id: number) => `person ${id}`);
    const d = useRecordDrawer(async (id) => `record ${id}`, { call, message: '将记入审计日志', title: '查看' });
    d.open(7);
    confirm.mockResolvedValueOnce(false);
    await d.reveal();
    expect(call).not.toHaveBeenCalled();
    expect(d.revealed.value).toBeNull();
    confirm.mockResolvedValueOnce(true);
    await d.reveal();
    expect(confirm).toHaveBeenLastCalledWith('将记入审计日志', '查看', '确认查看');
    expect(d.revealed.value).toBe('person 7');
    d.forget();
    expect(d.revealed.value).toBeNull();
    expect(d.detail.value).toBeNull();
  });
});
