// Kiosk devices: the printer address a hall manager types.

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
