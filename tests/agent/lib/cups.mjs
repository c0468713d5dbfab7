// A private cupsd for browser and API tests (issue 8), started with
// tools/devsim/cups-sim: 127.0.0.1:<free port>, queue yc-pdf backed by
// cups-pdf, whose PDFs land in <dir>/out. Stopped by the PID in
// <dir>/cupsd.pid, then the script itself by its own PID.
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function pdfsIn(dir) {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.pdf')).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/**
 * @param {object} o
 * @param {string} o.script  path of tools/devsim/cups-sim
 * @param {string} o.dir     an empty directory the scheduler may own
 * @returns {Promise<{server: string, queue: string, outDir: string,
 *   waitForPdf: (timeoutMs?: number) => Promise<string>, stop: () => Promise<void>}>}
 */
export async function startCups({ script, dir }) {
  const child = spawn('bash', [script, 'start', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.once('exit', () => { exited = true; });

  const envFile = path.join(dir, 'env');
  const deadline = Date.now() + 30000;
  while (!existsSync(envFile)) {
    if (exited) throw new Error(`cups-sim exited before cupsd was ready (see ${dir}/log/error_log)`);
    if (Date.now() > deadline) {
      try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
      throw new Error('cups-sim: cupsd not ready within 30 s');
    }
    await sleep(100);
  }
  const env = Object.fromEntries(
    readFileSync(envFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
  const outDir = env.YC_CUPS_OUT;
  // PDFs already returned (or present at start) are not "new".
  const seen = new Set(pdfsIn(outDir));

  return {
    server: env.CUPS_SERVER,
    queue: env.YC_CUPS_QUEUE,
    outDir,
    /** Resolves with the path of the next PDF cups-pdf finishes. */
    async waitForPdf(timeoutMs = 30000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        for (const f of pdfsIn(outDir)) {
          if (seen.has(f)) continue;
          // cups-pdf runs gs into the final name: wait until the file is whole.
          const text = readFileSync(f, 'latin1');
          if (!text.trimEnd().endsWith('%%EOF')) continue;
          seen.add(f);
          return f;
        }
        await sleep(200);
      }
      throw new Error(`no new PDF in ${outDir} within ${timeoutMs} ms`);
    },
    async stop() {
      await new Promise((resolve) => execFile('bash', [script, 'stop', dir], { timeout: 10000 }, () => resolve()));
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
