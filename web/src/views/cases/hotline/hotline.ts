// The telephone line's helpers (issue 11, item 5; policy 三(六): the
// telephone is one of the channels of the one service system): the caller's
// number as the server takes it, the question sent to the answer search, the
// guide lines quoted into the answer, and the calls of the day.
import type { Consultation } from '@/api/cases';
import type { CatalogAnswer } from '@/api/catalog';
import { shanghaiDate } from '@/utils/time';

// The server refuses a question over 100 characters (docs/api/catalog.md).
export const MAX_QUERY_CHARS = 100;
// The server's limits on a consultation (cases service, check_text).
export const MAX_QUESTION_CHARS = 1000;
export const MAX_ANSWER_CHARS = 2000;

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0D\uFF0B]/g;

// A number as a caller ID display or a person reads it: full-width digits
// and dashes made ASCII, spaces dropped, a +86 / 0086 country code removed
// before a mobile number.
export function normalizePhone(text: string): string {
  const ascii = text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  const m = /^(?:\+86|0086)-?(1\d{10})$/.exec(ascii);
  return m?.[1] ?? ascii;
}

// What is wrong with a caller's number, or '' when the server takes it: the
// same rule as privacy::validate_contact_phone (a mobile 1[3-9] and 9 more
// digits; a landline 0 + area code, one optional dash after it, 10 to 12
// digits in all). An empty number is fine: the field is optional.
export function callerPhoneProblem(text: string): string {
  const phone = normalizePhone(text);
  if (phone === '') return '';
  if (phone.startsWith('1')) {
    return /^1[3-9]\d{9}$/.test(phone) ? '' : '手机号码应为 11 位数字,以 13 至 19 开头';
  }
  const digits = phone.replace('-', '');
  const dash = phone.indexOf('-');
  const ok = /^0\d{9,11}$/.test(digits) && (dash === -1 || dash === 3 || dash === 4);
  return ok ? '' : '来电号码应为 11 位手机号码,或带区号的固定电话(如 010-65123456)';
}

// The text sent as ?q=: blanks collapsed, at most 100 characters (code
// points, so a rare character is never cut in half). '' means "no search".
export function answerQuery(text: string): string {
  const q = text.replace(/\s+/g, ' ').trim();
  return Array.from(q).slice(0, MAX_QUERY_CHARS).join('').trim();
}

const END_PUNCTUATION = /[。;;,,、.\s]+$/u;

// An answer's guide lines as text to read out and keep in the log:
// 【item name】 then one line per label, in the order the labels come,
// several texts of one label joined with ";".
//   【失业保险金申领】
//   受理条件:缴费满1年;已办理失业登记。
//   申请材料:失业保险金申领登记表(原件1份)。
export function quoteAnswer(answer: Pick<CatalogAnswer, 'name' | 'lines'>): string {
  const byLabel = new Map<string, string[]>();
  for (const line of answer.lines) {
    const text = line.text.trim().replace(END_PUNCTUATION, '');
    if (!text) continue;
    const label = line.label.trim() || '说明';
    const texts = byLabel.get(label) ?? [];
    if (!texts.includes(text)) texts.push(text);
    byLabel.set(label, texts);
  }
  const out = [`【${answer.name.trim()}】`];
  for (const [label, texts] of byLabel) {
    const body = texts.join(';');
    out.push(`${label}:${body}${body.endsWith('…') ? '' : '。'}`);
  }
  return out.join('\n');
}

// The answer with a quote added on a new line; the same quote twice is kept once.
export function appendQuote(answer: string, quote: string): string {
  const before = answer.trimEnd();
  if (!quote) return answer;
  if (before === '') return quote;
  if (before.includes(quote)) return answer;
  return `${before}\n${quote}`;
}

// The telephone calls among consultations, recorded on the day of `now`
// (Asia/Shanghai), in the order given (newest first from the server).
export function todaysCalls(items: readonly Consultation[], now: Date): Consultation[] {
  const today = shanghaiDate(now);
  return items.filter((c) => c.channel === 'phone' && shanghaiDate(new Date(c.created_at)) === today);
}

// The first line of an answer, cut for the collapsed row.
export function answerPreview(answer: string, chars = 40): string {
  const first = answer.trim().split('\n')[0] ?? '';
  const cps = Array.from(first);
  const cut = cps.length > chars ? `${cps.slice(0, chars).join('')}…` : first;
  return answer.trim().includes('\n') && !cut.endsWith('…') ? `${cut}…` : cut;
}
