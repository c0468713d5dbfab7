// Check digits of the identifiers people type at the window, so a typo is
// caught before the server is asked (the server checks them again).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

// Upper case without spaces: "11010519491231002x " -> "11010519491231002X".
export function normalizeId(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

// 公民身份号码 (GB 11643-1999): 17 digits, a valid birth date, the check character.
export function isResidentId(text: string): boolean {
  const s = normalizeId(text);
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const year = Number(s.slice(6, 10));
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === s[17];
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// 统一社会信用代码 (GB 32100-2015): 18 characters without I O Z S V, the last a check character.
export function isCreditCode(text: string): boolean {
  const s = normalizeId(text);
  if (s.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(s[i] ?? '');
    if (v < 0) return false;
    sum += v * (CREDIT_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] === s[17];
}

// The problem with an identifier, in words; "" when it looks right.
export function idProblem(text: string, kind: 'person' | 'employer'): string {
  const s = normalizeId(text);
  if (!s) return kind === 'person' ? '请输入身份证号码' : '请输入统一社会信用代码';
  if (s.length !== 18) return `应为 18 位,当前 ${s.length} 位`;
  if (kind === 'person') return isResidentId(s) ? '' : '身份证号码有误(校验位或出生日期不对),请核对';
  return isCreditCode(s) ? '' : '统一社会信用代码有误(校验位不对),请核对';
}

// Mobile or landline, loosely: digits with an optional area-code dash.
export function isPhone(text: string): boolean {
  return /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/.test(text.trim());
}
