// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) for signing in as the demo
// administrators; checked against the RFC's test vector in identity.test.mjs.
import crypto from 'node:crypto';

export function totp(secret, unixSeconds = Math.floor(Date.now() / 1000), digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = crypto.createHmac('sha1', Buffer.from(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

// The demo administrators' shared secret (scripts/run-demo prints its Base32).
export const demoTotpSecret = 'yichuang-demo-totp-1';
export const demoPassword = 'Yichuang@2026';
