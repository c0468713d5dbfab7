// 好差评 as the rating screens show it (pad, kiosk, progress page) and as
// the staff lists read it: which reasons fit a level, what a bad rating
// still needs, which stages a citizen can still rate, and the words and
// colours of each level. Pure, so it is tested without a browser.
import {
  isBadLevel, type CaseEvaluationView, type CitizenChannel, type CitizenRectification, type EvaluationMeta, type Level,
  type LevelMeta, type ReasonMeta, type StageView,
} from '@/api/evaluation';

// "其他" fits either side (docs/api/evaluation.md).
export const OTHER_REASON = 'other';
export const COMMENT_MAX = 500;
export const PHONE_DIGITS = 11;
// Below this width the public page counts as the phone (掌上) channel.
export const MOBILE_MAX_WIDTH = 768;

// Colours people tell apart (and that carry white text at 4.5:1); the face
// says the same for those who do not see colours.
export const LEVEL_COLORS: Record<Level, string> = {
  5: '#17693a', 4: '#2e7d6b', 3: '#1f5aa6', 2: '#a85400', 1: '#b3261e',
};

export const levelsOf = (meta: EvaluationMeta | null): LevelMeta[] =>
  [...(meta?.levels ?? [])].sort((a, b) => b.level - a.level);

// The meta's own word on the side of a level; the contract's rule without it.
export function levelIsBad(meta: EvaluationMeta | null, level: Level): boolean {
  return meta?.levels.find((l) => l.level === level)?.bad ?? isBadLevel(level);
}

// The reasons offered for a level: its own side's, and 其他 last.
export function reasonsFor(meta: EvaluationMeta | null, level: Level | null): ReasonMeta[] {
  if (!meta || level === null) return [];
  const bad = levelIsBad(meta, level);
  const side = meta.reasons.filter((r) => r.code !== OTHER_REASON && r.bad === bad);
  return [...side, ...meta.reasons.filter((r) => r.code === OTHER_REASON)];
}

// The chosen reasons that still fit after the level changed.
export function keepFitting(chosen: readonly string[], fitting: readonly ReasonMeta[]): string[] {
  return chosen.filter((c) => fitting.some((r) => r.code === c));
}

export function toggled(chosen: readonly string[], code: string): string[] {
  return chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code];
}

// "" when the rating can be sent; else what is missing, in the server's words.
export function ratingProblem(bad: boolean, reasons: readonly string[], comment = ''): string {
  if (bad && reasons.length === 0 && comment.trim() === '') return '请选择不满意的原因,以便我们整改';
  if ([...comment].length > COMMENT_MAX) return `评价内容不超过 ${COMMENT_MAX} 字`;
  return '';
}

// A call-back number typed on the pad: "" (none) or a mobile number.
export function phoneProblem(phone: string): string {
  if (phone === '') return '';
  return /^1[3-9]\d{9}$/.test(phone) ? '' : '请输入 11 位手机号码,或清空不留';
}

// The progress page's channel: the receipt's QR link, else by screen width.
export function citizenChannel(fromReceipt: boolean, width: number): CitizenChannel {
  if (fromReceipt) return 'receipt';
  return width < MOBILE_MAX_WIDTH ? 'mobile' : 'web';
}

// Stages reached and not yet rated on this channel (the kiosk passes 'kiosk').
export function openStages(view: CaseEvaluationView | null, channel: string): StageView[] {
  return (view?.stages ?? []).filter((s) => s.reached && !(s.rated_channels as string[]).includes(channel));
}

// What the citizen reads about the rectification of a bad rating.
// An appeal of the unit (申诉复核, 四(三)) shows as its result only.
export function rectificationText(r: CitizenRectification): string {
  if (r.appeal?.state === 'upheld') return '经上级单位复核,申诉成立,该评价不计入考核';
  if (r.state === 'closed') return r.result ? `整改结果:${r.result}` : '已办结';
  if (r.appeal?.state === 'pending') return '责任单位已提出申诉,上级单位复核中';
  if (r.appeal?.state === 'rejected') return `经复核申诉不成立,继续整改,预计 ${r.due_day} 前答复`;
  return `待整改,预计 ${r.due_day} 前答复`;
}

export type TagType = 'success' | 'primary' | 'info' | 'warning' | 'danger';
export function levelTagType(level: number): TagType {
  if (level >= 4) return 'success';
  if (level === 3) return 'primary';
  return level === 2 ? 'warning' : 'danger';
}

// Reason codes as their names, "、"-joined; an unknown code as it is.
export function reasonNames(codes: readonly string[], meta: EvaluationMeta | null): string {
  return codes.map((c) => meta?.reasons.find((r) => r.code === c)?.name ?? c).join('、');
}

// 0.9653 -> "96.5%"; "—" when nothing was rated.
export function percentText(rate: number, total: number): string {
  if (total <= 0 || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
