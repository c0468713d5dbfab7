import { describe, expect, it } from 'vitest';
import { caseNoFromDigits, deleteKey, keyAllowed, keypadComplete, keypadDisplay, pressKey, type KeypadKind } from './keypad';

function type(keys: string, kind: KeypadKind, from = ''): string {
  let s = from;
  for (const k of keys) s = pressKey(s, k, kind);
  return s;
}

describe('the kiosk number pad', () => {
  it('takes a booking code of 8 digits and no more', () => {
    expect(type('123456789', 'code')).toBe('12345678');
    expect(type('12X4', 'code')).toBe('124');
    expect(keypadComplete('12345678', 'code')).toBe(true);
    expect(keypadComplete('1234567', 'code')).toBe(false);
  });

  it('takes X only as the 18th character of an ID number', () => {
    expect(type('X1', 'id')).toBe('1');
    expect(type('11010519491231002x', 'id')).toBe('11010519491231002X');
    expect(type('110105194912310021', 'id')).toBe('110105194912310021');
    expect(type('11010519491231002X9', 'id')).toBe('11010519491231002X');
    expect(keyAllowed('1101051949123100', 'X', 'id')).toBe(false);
    expect(keypadComplete('11010519491231002X', 'id')).toBe(true);
    expect(keypadComplete('1101051949123100X', 'id')).toBe(false);
  });

  it('ignores other keys and deletes one character at a time', () => {
    expect(pressKey('12', '-', 'case')).toBe('12');
    expect(pressKey('12', '删除', 'code')).toBe('12');
    expect(deleteKey('123')).toBe('12');
    expect(deleteKey('')).toBe('');
  });

  it('shows what was typed in readable groups', () => {
    expect(keypadDisplay('1234', 'code')).toBe('1234');
    expect(keypadDisplay('12345678', 'code')).toBe('1234 5678');
    expect(keypadDisplay('110105', 'id')).toBe('110105');
    expect(keypadDisplay('11010519491231002X', 'id')).toBe('110105 19491231 002X');
    expect(keypadDisplay('20250124000001', 'case')).toBe('20250124-000001');
    expect(keypadDisplay('', 'id')).toBe('');
  });

  it('puts the dash of a case number back', () => {
    expect(caseNoFromDigits('20250124000001')).toBe('20250124-000001');
    expect(caseNoFromDigits('20250124')).toBe('20250124');
    expect(caseNoFromDigits('202501241234567')).toBe('20250124-1234567');
    expect(keypadComplete('20250124000001', 'case')).toBe(true);
    expect(keypadComplete('20250124', 'case')).toBe(false);
  });
});
