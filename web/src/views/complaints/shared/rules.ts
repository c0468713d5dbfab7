// el-form rules of the complaint forms (citizen and intake), built on the
// booking form's checks so both say the same; the server checks again.
import type { FormItemRule } from 'element-plus';
import { idNumberProblem } from '@/views/appointments/shared/validate';
import { contentProblem } from './steps';

export { nameRule } from '@/views/appointments/shared/rules';

function rule(problem: (text: string) => string, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_r, value: unknown, callback) => {
      const text = problem(typeof value === 'string' ? value : '');
      if (text) callback(new Error(text));
      else callback();
    },
  };
}

// A mobile or a landline (with its area code): answers and call-backs go there.
export function phoneProblem(text: string): string {
  const s = text.replace(/[\s-]/g, '');
  if (!s) return '请留下联系电话,以便答复和回访';
  return /^(1[3-9]\d{9}|0\d{9,11}|\d{7,8})$/.test(s) ? '' : '请输入手机号码或带区号的固定电话';
}

export function windowProblem(text: string): string {
  const s = text.trim();
  if (!s) return '';
  return /^[1-9]\d{0,2}$/.test(s) ? '' : '窗口号为 1 到 999 的数字';
}

export const phoneRule = rule(phoneProblem);
export const contentRule = rule(contentProblem);
export const windowRule = rule(windowProblem);
export const optionalIdRule = rule((t) => (t.trim() ? idNumberProblem(t) : ''));
export const categoryRule: FormItemRule = { required: true, message: '请选择问题类别', trigger: 'change' };

export const windowNumber = (text: string): number | undefined => (text.trim() ? Number(text.trim()) : undefined);
export const normalizePhone = (text: string): string => text.replace(/[\s-]/g, '');
