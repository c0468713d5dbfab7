// Small rules of the 数据交换 page, kept apart so they can be tested.

// The server's rule (docs/api/exchange.md): https, or plain http only to a
// relay on the same host.
export function isAllowedWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}

// A delivery's body for people: indented when it is JSON, as sent otherwise.
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

// The last error beyond the status tag: "" when it only repeats the status.
export function deliveryError(d: { last_status: number | null; last_error: string }): string {
  return d.last_status !== null && d.last_error === `HTTP ${d.last_status}` ? '' : d.last_error;
}

export const SIGNING_RULE = 'X-Yichuang-Signature = sha256=HMAC-SHA256(密钥, 时间戳 + "." + 请求体)';
