// Showing a TOTP secret so that people can type it into an authenticator app.

// "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP" (upper case, groups of 4).
export function groupSecret(secret: string, size = 4): string {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += size) groups.push(clean.slice(i, i + size));
  return groups.join(' ');
}

// A 6-digit code as typed: spaces and dashes that apps show are dropped.
export function normalizeTotpCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isTotpCode(input: string): boolean {
  return /^\d{6}$/.test(normalizeTotpCode(input));
}

// Recovery codes look like "7KQ4-MX9P-2D"; accept lower case and spaces.
export function normalizeRecoveryCode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, '');
}
