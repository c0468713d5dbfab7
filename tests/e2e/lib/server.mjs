// Starts a private `yichuang serve` for a test: a free port on 127.0.0.1, a
// temporary data dir, SQLite unless the caller's env says otherwise. Stops it
// by its own PID only.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

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

async function waitHealthy(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`yichuang exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`yichuang did not become healthy within ${ms} ms`);
}

// seed: run `yichuang seed-demo` first (the demo city, halls and one
// account per role; see scripts/run-demo for the logins).
export async function startServer({ bin = process.env.YICHUANG_BIN, webRoot, env = {}, seed = false } = {}) {
  if (!bin) throw new Error('YICHUANG_BIN must name the yichuang binary (make test sets it)');
  const root = webRoot ?? process.env.YICHUANG_WEB_ROOT ?? path.join(repoRoot, 'web/dist');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-test-'));
  const port = await freePort();
  const token = crypto.randomBytes(24).toString('hex');
  const logPath = path.join(dataDir, 'server.log');
  const log = createWriteStream(logPath);
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
    if (out.status !== 0) throw new Error(`seed-demo failed: ${out.stderr}`);
  }
  const child = spawn(bin, ['serve'], { cwd: dataDir, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, 30000);
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(logPath, 'utf8').catch(() => '');
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`${e.message}\n--- server log ---\n${text}`);
  }
  let stopping = null;
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
        if (child.exitCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        const code = await exited;
        clearTimeout(timer);
        log.end();
        if (process.env.YICHUANG_KEEP_TEST_DIRS !== '1') await rm(dataDir, { recursive: true, force: true });
        return code;
      })();
      return stopping;
    },
  };
}
