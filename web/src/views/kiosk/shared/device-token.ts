// The kiosk's device token (docs/api/hall.md "Kiosk"): a hall manager
// registers the kiosk and opens the pairing link /kiosk/pair#<token> on it
// once; the token stays in the kiosk browser's localStorage and goes with
// every kiosk call as `Authorization: Device <token>`. The fragment never
// reaches a server or its logs. Pure, with the storage passed in, so it is
// tested without a browser.
import type { KeyValueStorage } from '@/stores/accessibility';

export const TOKEN_KEY = 'yichuang.kiosk.token';

// URL-safe characters only, of a sane length: anything else is not a token
// (a mangled or truncated link) and is refused before the server is asked.
const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{8,512}$/;

export function isToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

// The token in a pairing link's fragment: "#<token>", also "#token=<token>";
// "" when there is none or it does not look like one.
export function tokenFromHash(hash: string): string {
  let text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.startsWith('token=')) text = text.slice('token='.length);
  try {
    text = decodeURIComponent(text).trim();
  } catch {
    return '';
  }
  return isToken(text) ? text : '';
}

export function readToken(storage: KeyValueStorage | undefined): string {
  try {
    const value = storage?.getItem(TOKEN_KEY) ?? '';
    return isToken(value) ? value : '';
  } catch {
    return '';  // storage refused (private mode): the kiosk counts as unpaired
  }
}

// false when the browser refused to keep it (the pairing page says so).
export function writeToken(storage: KeyValueStorage | undefined, token: string): boolean {
  if (!storage || !isToken(token)) return false;
  try {
    storage.setItem(TOKEN_KEY, token);
    return storage.getItem(TOKEN_KEY) === token;
  } catch {
    return false;
  }
}

export function browserStorage(): KeyValueStorage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}
