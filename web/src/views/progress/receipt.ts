// The acceptance receipt's QR code holds <public url>/progress/<case no>?t=<token>.
// A kiosk's scanner types it like a keyboard and ends with Enter; this reads
// the case number and token back out of what was typed.

export interface ReceiptCode {
  caseNo: string;
  token: string;
}

export function parseReceiptCode(text: string): ReceiptCode | null {
  const s = text.trim();
  let url: URL;
  try {
    url = new URL(s, 'http://receipt.invalid');
  } catch {
    return null;
  }
  const m = /\/progress\/([^/?#]+)\/?$/.exec(url.pathname);
  const token = url.searchParams.get('t') ?? '';
  if (!m || !token) return null;
  let caseNo: string;
  try {
    caseNo = decodeURIComponent(m[1] ?? '');
  } catch {
    return null;
  }
  if (!/^[0-9A-Za-z-]{1,40}$/.test(caseNo) || !/^[A-Za-z0-9._~-]{1,200}$/.test(token)) return null;
  return { caseNo, token };
}

// Keys from a scanner, gathered until Enter. A pause longer than `gapMs`
// starts over, so stray taps on a (rare) real keyboard do not pile up.
export interface ScanBuffer {
  key(key: string, at: number): string | null;  // the finished text on Enter, else null
}

export function createScanBuffer(gapMs = 500, maxLength = 500): ScanBuffer {
  let text = '';
  let last = 0;
  return {
    key(key, at) {
      if (at - last > gapMs) text = '';
      last = at;
      if (key === 'Enter') {
        const done = text;
        text = '';
        return done === '' ? null : done;
      }
      if (key.length === 1 && text.length < maxLength) text += key;
      return null;
    },
  };
}
