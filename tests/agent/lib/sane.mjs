// The SANE configuration for tests (issue 8): tools/devsim/sane enables only
// the "test" backend (device test:0, a colour pattern on 210 x 297 mm, an ADF
// holding 10 sheets), so no test ever probes real scanners. Pass the result
// in the agent's environment; SANE reads it once, at sane_init.
import path from 'node:path';

/** @param {string} repoRoot @returns {{SANE_CONFIG_DIR: string}} */
export function saneEnv(repoRoot) {
  return { SANE_CONFIG_DIR: path.join(repoRoot, 'tools/devsim/sane') };
}
