// The pad's device token (docs/api/evaluation.md): a hall manager registers
// the window's pad and opens /pad/pair#<token> on it once. It is kept apart
// from a kiosk's token (a tablet may have served as both), under its own
// key, with the kiosk's rules for what a token looks like (device-token.ts).
import type { KeyValueStorage } from '@/stores/accessibility';
import { TOKEN_KEY, browserStorage, readToken, writeToken } from '@/views/kiosk/shared/device-token';

export const PAD_TOKEN_KEY = 'yichuang.pad.token';

// device-token.ts reads and writes TOKEN_KEY; this view of the storage puts
// that key under the pad's own.
export function padStorage(storage: KeyValueStorage | undefined): KeyValueStorage | undefined {
  if (!storage) return undefined;
  const key = (k: string) => (k === TOKEN_KEY ? PAD_TOKEN_KEY : k);
  return {
    getItem: (k) => storage.getItem(key(k)),
    setItem: (k, v) => storage.setItem(key(k), v),
  };
}

export const readPadToken = (storage = browserStorage()): string => readToken(padStorage(storage));
export const writePadToken = (token: string, storage = browserStorage()): boolean => writeToken(padStorage(storage), token);
