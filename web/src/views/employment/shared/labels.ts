// Tag colours and short texts shared by the employment pages.
import type { EmploymentStatus } from '@/api/employment';

export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

export const STATUS_TAG: Record<EmploymentStatus, TagType> = {
  employed: 'success', unemployed: 'warning', flexible: 'primary', hardship: 'danger',
};

// "8000–12000 元/月", "面议" when neither bound is given.
export function salaryText(min: number | null, max: number | null): string {
  if (min === null && max === null) return '面议';
  if (min !== null && max !== null) return min === max ? `${min} 元/月` : `${min}–${max} 元/月`;
  return min !== null ? `${min} 元/月起` : `最高 ${max} 元/月`;
}

// "2026-12-03": today or earlier means the visit is due.
export function visitText(nextDay: string, due: boolean): string {
  if (!nextDay) return '无需回访';
  return due ? `待回访(${nextDay})` : `下次回访 ${nextDay}`;
}
