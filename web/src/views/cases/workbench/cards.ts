// What the window shows of a card read at the desk.

// "110105********002X": the region and the last four, for a toast; never the whole number.
export function maskIdNumber(id: string): string {
  const t = id.trim();
  if (t.length <= 8) return '*'.repeat(t.length);
  return `${t.slice(0, 6)}${'*'.repeat(t.length - 10)}${t.slice(-4)}`;
}

// Why the document camera cannot be used, for people (a getUserMedia
// failure; null: the browser offers no camera access at all).
export function cameraProblem(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (e === null) return '当前页面无法使用摄像头:请通过 https 或本机地址打开系统,并使用新版浏览器';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return '浏览器未获准使用摄像头。请点击地址栏左侧的网站设置,允许使用摄像头后重试';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return '未检测到高拍仪或摄像头,请检查连接线后重试';
  if (name === 'NotReadableError' || name === 'AbortError') return '摄像头正被其他程序占用或无法启动,请关闭其他程序后重试';
  return '无法打开摄像头,请检查高拍仪后重试';
}
