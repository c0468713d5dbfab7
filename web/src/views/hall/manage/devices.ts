// Devices of a hall: the printer address a hall manager types for a kiosk,
// and what 大厅管理 shows and sends for a window PC's agent and a window's
// evaluation pad (评价器, docs/api/evaluation.md).
import { DEVICE_KIND_LABELS, type Device, type DeviceInput, type DeviceKind } from '@/api/hall';

// The kinds registered here: api/hall.ts's, and the pad (api/evaluation.ts).
export type ManagedKind = DeviceKind | 'pad';
export const PAD_LABEL = '窗口评价器';

export const isPad = (d: { kind: string }): boolean => d.kind === 'pad';
// Agents and pads belong to one window.
export const hasWindow = (kind: string): boolean => kind === 'agent' || kind === 'pad';

export function deviceKindLabel(kind: string): string {
  if (kind === 'pad') return PAD_LABEL;
  return (DEVICE_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

// "" when the text is empty (no printer) or host:port (a host name or IPv4
// address, a port 1-65535); else the message.
export function checkPrinter(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  const m = /^([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):(\d{1,5})$/.exec(t);
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) return '打印机地址应形如 192.168.1.50:9100';
  return '';
}

// The printer column: its address, or that there is none.
export function printerText(printer: string | null | undefined): string {
  return printer ? printer : '无(屏幕显示号码)';
}

// The body of a registration: a kiosk's printer, or an agent's window.
export function deviceInput(form: { kind: DeviceKind; name: string; printer: string; window_id: number | null }): DeviceInput {
  if (form.kind === 'agent') {
    const input: DeviceInput = { kind: 'agent', name: form.name };
    if (form.window_id !== null) input.window_id = form.window_id;
    return input;
  }
  const input: DeviceInput = { kind: 'kiosk', name: form.name };
  if (form.printer) input.printer = form.printer;
  return input;
}

// "3 号窗口" as named; the number first when the name does not start with it.
export function windowLabel(w: { number: number; name: string }): string {
  return w.name.startsWith(`${w.number}`) ? w.name : `${w.number} 号 ${w.name}`;
}

// The command that pairs a window PC's agent (docs/api/agent.md "Pairing").
export function agentPairCommand(token: string): string {
  return `yichuang-agent pair --config /etc/yichuang/agent.toml --token ${token}`;
}

// The window column: an agent's or a pad's window; kiosks serve the whole hall.
export function deviceWindowText(d: { kind: string; window_no?: Device['window_no'] }): string {
  if (!hasWindow(d.kind)) return '—';
  return d.window_no !== null && d.window_no !== undefined ? `${d.window_no} 号窗口` : '未指定';
}
