// The kiosk's on-screen letter keyboard: people tap the first letters of an
// item's pinyin ("失业登记" is S Y D J) and the server matches them against
// the names' pinyin initials. Pure, so it is tested without a browser.

export const KIOSK_LETTERS: readonly string[] = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
export const MAX_LETTERS = 12;

export function pressLetter(current: string, letter: string): string {
  const l = letter.toUpperCase();
  if (!/^[A-Z]$/.test(l) || current.length >= MAX_LETTERS) return current;
  return current + l;
}

export function deleteLetter(current: string): string {
  return current.slice(0, -1);
}

// The letters a search in the address stands for; "" when it is not a run of
// letters (a search typed elsewhere).
export function lettersFromQuery(q: string): string {
  return /^[A-Za-z]{1,12}$/.test(q) ? q.toUpperCase() : '';
}

// What is sent: the server compares lower-case initials.
export function queryFromLetters(letters: string): string {
  return letters.toLowerCase();
}
