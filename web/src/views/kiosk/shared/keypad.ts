// The kiosk's on-screen number pad (the kiosk has no keyboard): what each
// field takes, one tap at a time, and how it is shown while typed. Pure, so
// it is tested without a browser, like the letter keyboard of the guides.
//
//   code  预约码: 8 digits
//   id    公民身份号码: 17 digits, then a digit or X (GB 11643)
//   case  办件编号 20250124-000001: its digits; the dash comes by itself

export type KeypadKind = 'code' | 'id' | 'case';

export const KEYPAD_MAX: Record<KeypadKind, number> = { code: 8, id: 18, case: 20 };

export const DIGITS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

// Whether `key` may come next: X only as the last character of an ID number.
export function keyAllowed(current: string, key: string, kind: KeypadKind): boolean {
  if (current.length >= KEYPAD_MAX[kind]) return false;
  if (/^\d$/.test(key)) return true;
  return kind === 'id' && key.toUpperCase() === 'X' && current.length === KEYPAD_MAX.id - 1;
}

export function pressKey(current: string, key: string, kind: KeypadKind): string {
  return keyAllowed(current, key, kind) ? current + key.toUpperCase() : current;
}

export function deleteKey(current: string): string {
  return current.slice(0, -1);
}

// Whether the field is complete enough to send (the ID's check digit is
// checked by its page, which says what is wrong).
export function keypadComplete(value: string, kind: KeypadKind): boolean {
  switch (kind) {
    case 'code': return /^\d{8}$/.test(value);
    case 'id': return /^\d{17}[\dX]$/.test(value);
    case 'case': return /^\d{9,20}$/.test(value);
  }
}

// As people read it: "1234 5678", "110105 19491231 002X", "20250124-000001".
export function keypadDisplay(value: string, kind: KeypadKind): string {
  switch (kind) {
    case 'code': return value.length > 4 ? `${value.slice(0, 4)} ${value.slice(4)}` : value;
    case 'id': return [value.slice(0, 6), value.slice(6, 14), value.slice(14)].filter((p) => p !== '').join(' ');
    case 'case': return caseNoFromDigits(value);
  }
}

// The case number the server knows: the date's 8 digits, a dash, the rest.
export function caseNoFromDigits(digits: string): string {
  return digits.length > 8 ? `${digits.slice(0, 8)}-${digits.slice(8)}` : digits;
}
