// A private nginx for tests: its own prefix directory under a temp dir,
// `daemon off`, stopped by its own PID (never by name).
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const nginxBin = process.env.YICHUANG_NGINX_BIN ?? '/usr/sbin/nginx';

// The main-context lines every test nginx needs: error log, pid and temp
// paths inside `dir`, so nothing touches /var.
export function nginxPreamble(dir) {
  return `worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 1024; }
`;
}

export function tempPaths(dir) {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${dir}/${t};`).join('\n');
}

// Starts nginx with `config` (the whole nginx.conf text) in `dir`, waits
// until `ready()` resolves true, and returns { pid, stop() }.
export async function startNginx(dir, config, ready, ms = 20000) {
  await mkdir(dir, { recursive: true });
  // Run as root, nginx's workers are `nobody`: they must reach the temp paths.
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, 'nginx.conf'), config);
  const child = spawn(nginxBin, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf'),
    '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) {
      const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx exited with ${child.exitCode}: ${stderr}\n${log}`);
    }
    if (await ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`nginx did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let stopping = null;
  return {
    pid: child.pid,
    errorLog: () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => ''),
    // SIGTERM (nginx's fast stop) to this PID, SIGKILL after 10 s.
    stop() {
      if (stopping) return stopping;
      stopping = (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      })();
      return stopping;
    },
  };
}
