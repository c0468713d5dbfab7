import { describe, expect, it } from 'vitest';
import { KIOSK_LETTERS, MAX_LETTERS, deleteLetter, lettersFromQuery, pressLetter, queryFromLetters } from './keyboard';

describe('the kiosk keyboard', () => {
  it('has the 26 letters', () => {
    expect(KIOSK_LETTERS).toHaveLength(26);
    expect(KIOSK_LETTERS.join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('builds the initials one tap at a time, up to a limit', () => {
    let s = '';
    for (const l of ['S', 'y', 'D', 'J']) s = pressLetter(s, l);
    expect(s).toBe('SYDJ');
    expect(queryFromLetters(s)).toBe('sydj');
    expect(deleteLetter(s)).toBe('SYD');
    expect(deleteLetter('')).toBe('');
    expect(pressLetter('ABCDEFGHIJKL', 'M')).toHaveLength(MAX_LETTERS);
    expect(pressLetter('A', '删')).toBe('A');
  });

  it('shows the letters of a search in the address, and nothing for other searches', () => {
    expect(lettersFromQuery('sydj')).toBe('SYDJ');
    expect(lettersFromQuery('失业')).toBe('');
    expect(lettersFromQuery('sy dj')).toBe('');
    expect(lettersFromQuery('')).toBe('');
  });
});
