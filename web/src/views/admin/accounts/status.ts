import type { Account } from '@/api/accounts';

export interface StatusTag {
  key: string;
  text: string;
  type: 'success' | 'warning' | 'danger' | 'info';
}

export function isLocked(a: Pick<Account, 'locked_until'>, now: number): boolean {
  if (!a.locked_until) return false;
  const until = Date.parse(a.locked_until);
  return !Number.isNaN(until) && until > now;
}

// The tags of the 状态 column, most serious first.
export function accountStatusTags(
  a: Pick<Account, 'active' | 'locked_until' | 'must_change_password' | 'totp_enabled'>,
  now: number = Date.now(),
): StatusTag[] {
  const tags: StatusTag[] = [];
  if (!a.active) tags.push({ key: 'disabled', text: '停用', type: 'danger' });
  if (isLocked(a, now)) tags.push({ key: 'locked', text: '锁定', type: 'warning' });
  if (a.must_change_password) tags.push({ key: 'password', text: '需改密', type: 'warning' });
  if (a.totp_enabled) tags.push({ key: 'totp', text: '已绑定动态口令', type: 'success' });
  if (tags.length === 0) tags.push({ key: 'normal', text: '正常', type: 'info' });
  return tags;
}
