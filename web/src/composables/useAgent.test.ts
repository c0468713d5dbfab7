import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus, DeviceStatus } from '@/api/agent';
import { JOB_WAIT_MS, lightOf, printAndFollow, windowProblem } from './useAgent';

const dev = (device: DeviceStatus['device'], state: DeviceStatus['state']): DeviceStatus =>
  ({ device, state, detail: '', model: '' });

function agentStatus(devices: DeviceStatus[], windowNo: number | null = 3, siteId: number | null = 1): AgentStatus {
  return {
    agent: {
      version: '1.0', paired: true, device_name: '3 号窗口电脑', site_id: siteId, site_name: '东华门', window_id: 9,
      window_no: windowNo, last_contact_ms: 0, problem: '',
    },
    devices,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('lightOf', () => {
  it('is grey without an answer from the agent', () => {
    expect(lightOf(null)).toBe('grey');
  });

  it('is green when every configured device is ready; disabled ones do not count', () => {
    expect(lightOf(agentStatus([dev('idcard', 'ready'), dev('sscard', 'disabled'), dev('printer', 'ready')]))).toBe('green');
    expect(lightOf(agentStatus([]))).toBe('green');
  });

  it('is amber when a device is absent or failing', () => {
    expect(lightOf(agentStatus([dev('idcard', 'ready'), dev('scanner', 'absent')]))).toBe('amber');
    expect(lightOf(agentStatus([dev('printer', 'error')]))).toBe('amber');
  });
});

describe('windowProblem', () => {
  it('warns when the agent serves another window or hall', () => {
    const s = agentStatus([], 3, 1);
    expect(windowProblem(s, 1, 3)).toBe('');
    expect(windowProblem(s, 1, null)).toBe('');
    expect(windowProblem(s, 1, 4)).toContain('3 号窗口');
    expect(windowProblem(s, 2, 3)).toContain('服务场所');
    expect(windowProblem(agentStatus([], null), 1, 4)).toBe('');
    const unpaired = agentStatus([], null, 0);
    unpaired.agent.window_no = '';
    expect(windowProblem(unpaired, 1, 4)).toBe('');
    expect(windowProblem(null, 1, 4)).toBe('');
    const asText = agentStatus([], null, 1);
    asText.agent.window_no = '3';
    expect(windowProblem(asText, 1, 3)).toBe('');
    expect(windowProblem(asText, 1, 4)).toContain('当前选择的是 4 号窗口');
  });
});

describe('printAndFollow', () => {
  function jobs(states: string[]) {
    const answers = [...states];
    return vi.fn(async (url: string) => {
      const state = answers.shift() ?? 'processing';
      return new Response(JSON.stringify({ id: 5, queue: 'q', state }), { status: url.includes('/api/print?') ? 202 : 200 });
    });
  }

  it('follows the job every second until it is printed', async () => {
    const f = jobs(['pending', 'processing', 'completed']);
    vi.stubGlobal('fetch', f);
    const waits: number[] = [];
    const out = await printAndFollow(new Blob(['%PDF']), '受理回执', async (ms) => { waits.push(ms); });
    expect(out.ok).toBe(true);
    expect(waits).toEqual([1000, 1000]);
    expect(f).toHaveBeenCalledTimes(3);
  });

  it('reports a failed job', async () => {
    vi.stubGlobal('fetch', jobs(['pending', 'aborted']));
    const out = await printAndFollow(new Blob(['%PDF']), '受理回执', async () => undefined);
    expect(out).toMatchObject({ ok: false, message: expect.stringContaining('打印失败') });
  });

  it('gives up following after a minute', async () => {
    vi.stubGlobal('fetch', jobs([]));
    let t = 0;
    const out = await printAndFollow(new Blob(['%PDF']), '受理回执', async (ms) => { t += ms; }, () => t);
    expect(out.ok).toBe(false);
    expect(t).toBe(JOB_WAIT_MS);
  });
});
