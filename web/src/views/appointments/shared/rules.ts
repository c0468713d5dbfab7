// el-form rules from the checks in validate.ts, so both pages say the same.
import type { FormItemRule } from 'element-plus';
import { codeProblem, idNumberProblem, mobileProblem, nameProblem } from './validate';

function rule(problem: (text: string) => string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_r, value: unknown, callback) => {
      const text = problem(typeof value === 'string' ? value : '');
      if (text) callback(new Error(text));
      else callback();
    },
  };
}

export const nameRule = rule(nameProblem);
export const idNumberRule = rule(idNumberProblem);
export const mobileRule = rule(mobileProblem);
export const codeRule = rule(codeProblem);
