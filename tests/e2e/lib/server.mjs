// Starts a private `yichuang serve` for a test: a free port on 127.0.0.1, a
// temporary data dir, SQLite unless the caller's env says otherwise. Stops it
// by its own PID only. A crash test can kill() it and start another server
// on the same data dir (database, key file, scans) to see what survived.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { personalDataIn } from './pii.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, ms, pollMs = 100) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`yichuang exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`yichuang did not become healthy within ${ms} ms`);
}

// seed: run `yichuang seed-demo` first (the demo city, halls and one
// account per role; see scripts/run-demo for the logins).
// dataDir: reuse an existing data dir (e.g. of a killed server) instead of a
// new temporary one; port: listen there instead of on a free port.
// removeDataDir: whether stop() deletes the data dir; by default only a dir
// this call created. The log is appended to, so restarts keep one server.log.
// pollMs: how often /api/health is asked while the server starts (a crash
// drill measures the time to serve again with a short one).
export async function startServer({ bin = process.env.YICHUANG_BIN, webRoot, env = {}, seed = false,
  dataDir: reuseDir, port: wantedPort, removeDataDir, pollMs } = {}) {
  if (!bin) throw new Error('YICHUANG_BIN must name the yichuang binary (make test sets it)');
  const root = webRoot ?? process.env.YICHUANG_WEB_ROOT ?? path.join(repoRoot, 'web/dist');
  const dataDir = reuseDir ?? await mkdtemp(path.join(os.tmpdir(), 'yichuang-test-'));
  const cleanUp = (removeDataDir ?? !reuseDir) && process.env.YICHUANG_KEEP_TEST_DIRS !== '1';
  const port = wantedPort ?? await freePort();
  const token = crypto.randomBytes(24).toString('hex');
  const logPath = path.join(dataDir, 'server.log');
  const log = createWriteStream(logPath, { flags: 'a' });
  const serverEnv = {
    ...process.env,
    YICHUANG_SERVER_LISTEN: '127.0.0.1',
    YICHUANG_SERVER_PORT: String(port),
    YICHUANG_SERVER_WEB_ROOT: root,
    YICHUANG_DATABASE_KIND: 'sqlite',
    YICHUANG_DATABASE_SQLITE_PATH: path.join(dataDir, 'yichuang.db'),
    YICHUANG_EVENTS_PUBLISH_TOKEN: token,
    YICHUANG_LOG_LEVEL: 'info',
    ...env,
  };
  if (seed) {
    const { spawnSync } = await import('node:child_process');
    const out = spawnSync(bin, ['seed-demo'], { cwd: dataDir, env: serverEnv, encoding: 'utf8', timeout: 60000 });
    if (out.status !== 0) {
      log.end();
      if (cleanUp) await rm(dataDir, { recursive: true, force: true });
      throw new Error(`seed-demo failed: ${out.error?.message ?? out.stderr}`);
    }
  }
  const child = spawn(bin, ['serve'], { cwd: dataDir, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, 30000, pollMs);
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(logPath, 'utf8').catch(() => '');
    if (cleanUp) await rm(dataDir, { recursive: true, force: true });
    throw new Error(`${e.message}\n--- server log ---\n${text}`);
  }
  let stopping = null;
  const logClosed = () => new Promise((resolve) => log.end(resolve));
  return {
    url,
    port,
    token,
    dataDir,
    pid: child.pid,
    logPath,
    // SIGTERM to this PID, then SIGKILL after 15 s; resolves with the exit code.
    stop() {
      if (stopping) return stopping;
      stopping = (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        const code = await exited;
        clearTimeout(timer);
        await logClosed();
        // No personal data in the log, whatever the test did (issue 13, item 5).
        const { readFile } = await import('node:fs/promises');
        const leaks = personalDataIn(await readFile(logPath, 'utf8').catch(() => ''));
        if (cleanUp) await rm(dataDir, { recursive: true, force: true });
        if (leaks.length > 0) {
          throw new Error(`the server log holds personal data: ${leaks.slice(0, 5)
            .map((l) => `${l.kind} ${l.masked} (line ${l.line})`).join(', ')}`);
        }
        return code;
      })();
      return stopping;
    },
    // Sends `signal` to this PID at once (default SIGKILL: a crash, nothing
    // flushed or closed by the server) and resolves with the exit code or
    // signal name once it is gone. The data dir is kept, for a restart.
    kill(signal = 'SIGKILL') {
      if (stopping) return stopping;
      stopping = (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        const code = await exited;
        await logClosed();
        return code;
      })();
      return stopping;
    },
  };
}
