// The window PC's device agent as the workbench sees it: its last status,
// read every 10 s while a page holds the light, shared by every component
// (the desk's light, the card buttons, the scan and print buttons).
import { computed, onBeforeUnmount, onMounted, reactive, readonly, type DeepReadonly } from 'vue';
import {
  agentUrl, agentWindowNo, job as readJob, jobEnded, printPdf, PRINT_JOB_STATE_LABELS, setAgentUrl, status as readStatus,
  type AgentStatus, type DeviceKind, type PrintJob,
} from '@/api/agent';
import { ApiError, describeError } from '@/api/client';

export type AgentLight = 'green' | 'amber' | 'grey';

export const POLL_MS = 10000;

export const LIGHT_LABELS: Record<AgentLight, string> = {
  green: '设备就绪', amber: '部分设备异常', grey: '未连接设备助手',
};

// green: every configured device is ready; amber: some is absent or failing;
// grey: the agent did not answer (or has not been asked yet).
export function lightOf(s: DeepReadonly<AgentStatus> | null): AgentLight {
  if (s === null) return 'grey';
  return s.devices.some((d) => d.state === 'absent' || d.state === 'error') ? 'amber' : 'green';
}

// The warning when the agent serves another window than the clerk's; "".
export function windowProblem(s: DeepReadonly<AgentStatus> | null, siteId: number | null, windowNumber: number | null): string {
  const a = s?.agent;
  const no = a ? agentWindowNo(a) : null;
  if (!a || no === null) return '';
  if (siteId !== null && a.site_id && a.site_id !== siteId) {
    return `本机设备助手登记在“${a.site_name}”${no} 号窗口,与当前选择的服务场所不一致`;
  }
  if (windowNumber !== null && no !== windowNumber) {
    return `本机设备助手登记在 ${no} 号窗口,当前选择的是 ${windowNumber} 号窗口`;
  }
  return '';
}

export const JOB_POLL_MS = 1000;
export const JOB_WAIT_MS = 60000;

export type PrintOutcome =
  | { ok: true; job: PrintJob }
  | { ok: false; job: PrintJob; message: string };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// Sends the PDF to the agent's printer and follows the job (every second, at
// most a minute) until it ends; a job still queued then is reported as such.
// Errors of the agent are thrown as ApiErrors.
export async function printAndFollow(pdf: Blob, title: string,
  wait: (ms: number) => Promise<void> = sleep, now: () => number = Date.now): Promise<PrintOutcome> {
  let j = await printPdf(pdf, { title });
  const deadline = now() + JOB_WAIT_MS;
  while (!jobEnded(j.state)) {
    if (now() >= deadline) {
      return { ok: false, job: j, message: `“${title}”已送往打印机,但一分钟内未打印完成(${PRINT_JOB_STATE_LABELS[j.state] ?? j.state}),请检查打印机` };
    }
    await wait(JOB_POLL_MS);
    j = await readJob(j.id);
  }
  if (j.state === 'completed') return { ok: true, job: j };
  return { ok: false, job: j, message: `“${title}”${PRINT_JOB_STATE_LABELS[j.state] ?? j.state},请检查打印机后重试` };
}

const state = reactive({
  url: agentUrl(),
  status: null as AgentStatus | null,
  error: '',          // why the last check failed ("" when it answered)
  checking: false,
  checkedAt: 0,
});
let holders = 0;
let timer: ReturnType<typeof setInterval> | null = null;
let checks = 0;

async function check(): Promise<void> {
  const n = ++checks;
  state.checking = true;
  try {
    const s = await readStatus();
    if (n !== checks) return;
    state.status = s;
    state.error = '';
  } catch (e) {
    if (n !== checks) return;
    state.status = null;
    state.error = e instanceof ApiError ? e.message : describeError(e);
  } finally {
    if (n === checks) {
      state.checking = false;
      state.checkedAt = Date.now();
    }
  }
}

function changeUrl(text: string): boolean {
  if (!setAgentUrl(text)) return false;
  state.url = agentUrl();
  void check();
  return true;
}

// Whether the agent says the device is ready (false when unknown).
function ready(device: DeviceKind): boolean {
  return state.status?.devices.some((d) => d.device === device && d.state === 'ready') ?? false;
}

// Whether the agent has the device configured (reported and not disabled).
function configured(device: DeviceKind): boolean {
  return state.status?.devices.some((d) => d.device === device && d.state !== 'disabled') ?? false;
}

function hold() {
  holders++;
  if (holders === 1) {
    void check();
    timer = setInterval(() => void check(), POLL_MS);
  }
}

function release() {
  holders = Math.max(0, holders - 1);
  if (holders === 0 && timer !== null) {
    clearInterval(timer);
    timer = null;
  }
}

// poll: keep the status fresh while the calling component is mounted.
export function useAgent(options: { poll?: boolean } = {}) {
  if (options.poll) {
    onMounted(hold);
    onBeforeUnmount(release);
  }
  const light = computed(() => lightOf(state.status));
  return { state: readonly(state), light, check, changeUrl, ready, configured };
}
