// A short label for a session's browser, e.g. "Chrome 120 · Windows".
// Good enough to recognise one's own devices; the full string is shown on hover.
export function describeUserAgent(ua: string): string {
  if (!ua) return '未知';
  const browsers: [RegExp, string][] = [
    [/Edg\/(\d+)/, 'Edge'],
    [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[^ ]* .*Safari\//, 'Safari'],
  ];
  const systems: [RegExp, string][] = [
    [/Windows/, 'Windows'],
    [/Android/, 'Android'],
    [/iPhone|iPad|iOS/, 'iOS'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/UOS|uos/, '统信 UOS'],
    [/Kylin|kylin/, '麒麟'],
    [/Linux/, 'Linux'],
  ];
  let browser = '';
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) {
      browser = `${name} ${m[1] ?? ''}`.trim();
      break;
    }
  }
  const system = systems.find(([re]) => re.test(ua))?.[1] ?? '';
  const parts = [browser, system].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' · ') : ua.slice(0, 40);
}
