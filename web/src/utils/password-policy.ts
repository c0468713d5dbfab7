// The password policy, checked in the browser before the server does the
// same (src/identity/model.cpp check_password_policy is the authority).

export const PASSWORD_POLICY_TEXT = '至少 10 位,包含大写字母、小写字母、数字、符号中的至少三类,不得包含用户名';

// An error message, or "" when the password passes.
export function checkPassword(password: string, loginName: string): string {
  const chars = Array.from(password);
  if (chars.length < 10) return '密码至少 10 个字符';
  if (chars.length > 128) return '密码不能超过 128 个字符';
  let upper = false, lower = false, digit = false, other = false;
  for (const c of chars) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  if (Number(upper) + Number(lower) + Number(digit) + Number(other) < 3) {
    return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  }
  if (chars.every((c) => c === chars[0])) return '密码不能由同一字符重复组成';
  if (loginName && password.toLowerCase().includes(loginName.toLowerCase())) return '密码不能包含登录名';
  return '';
}
