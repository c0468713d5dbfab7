// A private PC/SC stack for browser and API tests (issue 8), started with
// tools/devsim/pcsc-sim: pcscd (in its own mount namespace, socket in
// <dir>/run/pcscd.comm) with the vsmartcard-vpcd reader "Virtual PCD 00 00",
// and the virtual social-security card yc-sscard-vcard plugged in on demand.
// Pass `env` to the agent (startAgent({ env })) so its pcsclite finds this
// pcscd; with `[sscard] reader = env.PCSC_SIM_READER` it picks this reader.
// Everything is stopped by the PIDs in <dir>, then the script by its own PID.
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function runScript(script, args, env, timeout) {
  return new Promise((resolve, reject) => {
    execFile('bash', [script, ...args], { env, timeout }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`pcsc-sim ${args[0]} failed: ${stderr || err.message}`));
      else resolve();
    });
  });
}

/**
 * @param {object} o
 * @param {string} o.vcardBin  path of the yc-sscard-vcard binary
 * @param {string} o.script    path of tools/devsim/pcsc-sim
 * @param {string} o.dir       an empty directory pcscd may own
 * @returns {Promise<{env: {PCSCLITE_CSOCK_NAME: string, VPCD_PORT: string, PCSC_SIM_READER: string},
 *   insertCard: (args?: string[]) => Promise<void>, ejectCard: () => Promise<void>,
 *   stop: () => Promise<void>}>}
 *
 * insertCard's args go to yc-sscard-vcard: --name 张三, --social-number ...,
 * --card-number, --sex 1|2, --nation 01..56, --birth YYYY-MM-DD, --issued,
 * --valid-to, --profile FILE, --no-psam (every READ RECORD answers 6982).
 * It resolves once pcscd has powered the card up (PC/SC clients see it).
 */
export async function startPcsc({ vcardBin, script, dir }) {
  const scriptEnv = { ...process.env, YC_SSCARD_VCARD: vcardBin };
  const child = spawn('bash', [script, 'start', dir], { env: scriptEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.once('exit', () => { exited = true; });

  const envFile = path.join(dir, 'env');
  const deadline = Date.now() + 20000;
  while (!existsSync(envFile)) {
    if (exited) throw new Error(`pcsc-sim exited before pcscd was ready (see ${dir}/pcscd.log)`);
    if (Date.now() > deadline) {
      await runScript(script, ['stop', dir], scriptEnv, 10000).catch(() => {});
      try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
      throw new Error('pcsc-sim: pcscd not ready within 20 s');
    }
    await sleep(50);
  }
  const env = Object.fromEntries(
    readFileSync(envFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );

  return {
    env,
    async insertCard(args = []) {
      await runScript(script, ['card', dir, ...args], scriptEnv, 20000);
    },
    async ejectCard() {
      await runScript(script, ['eject', dir], scriptEnv, 10000);
    },
    async stop() {
      await runScript(script, ['stop', dir], scriptEnv, 10000).catch(() => {});
      if (exited) return;
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
        }, 5000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        if (exited) { clearTimeout(timer); resolve(); }
      });
    },
  };
}
