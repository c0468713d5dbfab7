// Starts a private yichuang-agent for a test (issue 8): a free port on
// 127.0.0.1, a temporary dir holding agent.toml, the token file and the
// simulated ID card reader (yc-idcard-sim on a pseudo-terminal, steered by
// its control file). Other devices come from the caller: PC/SC env
// (tests/agent/lib/pcsc.mjs), SANE_CONFIG_DIR (sane.mjs), a private cupsd
// (cups.mjs). Everything is stopped by its own PID.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot } from '../../e2e/lib/server.mjs';

export const agentBin = process.env.YICHUANG_AGENT_BIN ?? path.join(repoRoot, 'build/test/src/agent/yichuang-agent');
export const idcardSimBin = process.env.YICHUANG_IDCARD_SIM_BIN ?? path.join(repoRoot, 'build/test/tools/devsim/yc-idcard-sim');

async function waitFor(check, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} not ready within ${ms} ms`);
}

function stopChild(child, ms = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
    }, ms);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    try { process.kill(child.pid, 'SIGTERM'); } catch { resolve(); }
  });
}

/**
 * @param {object} o
 * @param {string} o.serverUrl        the yichuang server (its origin is allowed)
 * @param {string[]} [o.origins]      more allowed origins
 * @param {string} [o.token]          a device token to pair with (written to the token file)
 * @param {boolean} [o.idcard=true]   start the simulated ID card reader
 * @param {string} [o.idcardControl]  initial control lines for the reader
 * @param {object} [o.env]            extra env (PCSCLITE_CSOCK_NAME, SANE_CONFIG_DIR, ...)
 * @param {object} [o.cups]           {server, queue}
 * @param {string} [o.ticketPrinter]  tcp://127.0.0.1:port
 * @param {boolean} [o.sscard=true]   enable the PC/SC reader
 * @param {boolean} [o.scanner=true]  enable SANE
 * @param {number} [o.heartbeatSeconds=10]
 */
export async function startAgent(o) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yc-agent-'));
  const port = await freePort();
  const tty = path.join(dir, 'idcard.tty');
  const control = path.join(dir, 'idcard.ctl');
  let sim = null;
  if (o.idcard !== false) {
    await writeFile(control, o.idcardControl ?? 'card=present\n');
    sim = spawn(idcardSimBin, ['--link', tty, '--control', control], { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitFor(() => existsSync(tty), 5000, 'yc-idcard-sim');
  }
  const toml = [
    '[agent]',
    `port = ${port}`,
    `allowed_origins = ${JSON.stringify(o.origins ?? [])}`,
    'log_level = "warn"',
    '[server]',
    `url = ${JSON.stringify(o.serverUrl)}`,
    `heartbeat_seconds = ${o.heartbeatSeconds ?? 10}`,
    '[idcard]',
    `port = ${JSON.stringify(sim ? tty : '')}`,
    'timeout_ms = 1500',
    '[sscard]',
    `enabled = ${o.sscard !== false}`,
    '[scanner]',
    `enabled = ${o.scanner !== false}`,
    '[printer]',
    `cups_server = ${JSON.stringify(o.cups?.server ?? '')}`,
    `queue = ${JSON.stringify(o.cups?.queue ?? '')}`,
    `ticket_printer = ${JSON.stringify(o.ticketPrinter ?? '')}`,
    '',
  ].join('\n');
  const config = path.join(dir, 'agent.toml');
  await writeFile(config, toml);
  if (o.token) await writeFile(path.join(dir, 'agent.token'), `${o.token}\n`, { mode: 0o600 });

  const log = createWriteStream(path.join(dir, 'agent.log'));
  const child = spawn(agentBin, ['--config', config, 'serve'], {
    env: { ...process.env, ...(o.env ?? {}), ...(o.cups?.server ? { CUPS_SERVER: o.cups.server } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const origin = new URL(o.serverUrl).origin;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`yichuang-agent exited with ${child.exitCode}; see ${dir}/agent.log`);
    try {
      const res = await fetch(`${url}/api/status`, { headers: { Origin: origin } });
      return res.status === 200;
    } catch {
      return false;
    }
  }, 15000, 'yichuang-agent');

  return {
    url,
    port,
    dir,
    config,
    /** Replaces the simulated reader's control file (see tools/devsim/idcard_sim.hpp). */
    async idcard(lines) {
      await writeFile(control, lines);
    },
    async stop() {
      await stopChild(child);
      await stopChild(sim);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
