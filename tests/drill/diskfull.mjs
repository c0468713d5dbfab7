// Disk full and read-only (issue 13, item 3). The database and the scans
// live on a small private ext4 filesystem in a loop device; the server's key
// file and its log stay on the ordinary disk. The drill fills the filesystem
// to the last byte, frees it, then has the kernel turn it read-only the way
// it does after an I/O error (ext4 errors=remount-ro, through ext4's
// trigger_fs_error), and checks that:
//   - a write that cannot be stored never answers 2xx (every 2xx is in the
//     database afterwards: a "false 2xx" is one that is not);
//   - such writes answer 503 with STORAGE_FULL / READ_ONLY, a Chinese message
//     and Retry-After; no 500;
//   - the server stays up and reads keep working;
//   - writes succeed again, without a restart, once space returns; after the
//     read-only fault, after the operator's fsck and a restart.
//
//   node tests/drill/diskfull.mjs        prints one JSON line
// Needs root (losetup, mount). YICHUANG_BIN names the server.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, signIn } from '../api/client.mjs';

const ITEM = 'BJ-JYCY-007';
const DISK_MB = 48;

function sh(cmd, args) {
  const out = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: out.status === 0, text: `${out.stdout ?? ''}${out.stderr ?? ''}`.trim() };
}

// Fills the filesystem of `dir` until the kernel says ENOSPC: big chunks,
// then ever smaller ones down to one byte.
function fill(file) {
  const fd = openSync(file, 'a');
  let written = 0;
  try {
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (e) {
          if (e.code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

export async function diskFullDrill({ bin = process.env.YICHUANG_BIN, log = () => {} } = {}) {
  const base = await mkdtemp(path.join(os.tmpdir(), 'yichuang-diskfull-'));
  const mnt = path.join(base, 'mnt');
  const image = path.join(base, 'disk.img');
  await mkdir(mnt);
  sh('truncate', ['-s', `${DISK_MB}M`, image]);
  // No blocks reserved for root: the server runs as root here.
  const made = sh('mkfs.ext4', ['-q', '-m', '0', image]);
  const loop = made.ok ? sh('losetup', ['-f', '--show', image]) : made;
  const mounted = loop.ok ? sh('mount', ['-o', 'errors=remount-ro', loop.text, mnt]) : loop;
  if (!mounted.ok) {
    if (loop.ok && made.ok) sh('losetup', ['-d', loop.text]);
    await rm(base, { recursive: true, force: true });
    return { skipped: `cannot mount a loop filesystem here (${mounted.text})` };
  }
  const device = loop.text;
  const mount = () => sh('mount', ['-o', 'errors=remount-ro', device, mnt]);
  const db = path.join(mnt, 'yichuang.db');
  const env = { YICHUANG_DATABASE_SQLITE_PATH: db, YICHUANG_CASES_FILES_DIR: path.join(mnt, 'files'),
    YICHUANG_LOG_LEVEL: 'warn' };
  let srv;
  const stored = { cases: new Set(), files: new Set(), consultations: new Set(), tickets: new Set() };
  const phases = {};
  const problems = [];
  let n = 0;
  try {
    srv = await startServer({ bin, seed: true, env, removeDataDir: false });
    const clerk = await signIn(srv.url, 'clerk');
    const hall = (await clerk.get('/api/org/sites')).body.items
      .find((s) => s.unit_code === '110101001' && s.kind === 'hall');

    // One round of writes of every kind; returns the answers by status.
    const writes = async (phase, count) => {
      const seen = {};
      const note = (kind, a) => {
        const key = `${a.status}${a.body?.error ? ` ${a.body.error.code}` : ''}`;
        seen[key] = (seen[key] ?? 0) + 1;
        if (a.status >= 500 && a.status !== 503) problems.push(`${phase} ${kind}: ${a.status} ${a.text.slice(0, 200)}`);
        if (a.status === 503) {
          if (!/[\u4e00-\u9fff]/.test(a.body?.error?.message ?? '')) problems.push(`${phase} ${kind}: 503 without a Chinese message`);
          if (!a.headers.get('retry-after')) problems.push(`${phase} ${kind}: 503 without Retry-After`);
        }
        return a.status >= 200 && a.status < 300;
      };
      for (let i = 0; i < count; i++) {
        const k = n++;
        const applicant = { kind: 'person', id_number: nthResidentId('110101', 21000 + k), name: '演练',
          phone: `139${String(20000000 + k).slice(-8)}` };
        const c = await clerk.post('/api/cases', { item_code: ITEM, site_id: hall.id, applicant },
          { headers: { 'Idempotency-Key': crypto.randomUUID() } });
        if (note('intake', c)) stored.cases.add(c.body.id);
        const q = await clerk.post('/api/consultations', { site_id: hall.id, question: `磁盘演练 ${k}`, answer: '已答复' },
          { headers: { 'Idempotency-Key': crypto.randomUUID() } });
        if (note('consultation', q)) stored.consultations.add(q.body.id);
        const t = await clerk.post(`/api/hall/sites/${hall.id}/tickets`, { group: 'employment' },
          { headers: { 'Idempotency-Key': crypto.randomUUID() } });
        if (note('ticket', t)) stored.tickets.add(t.body.id);
        const target = [...stored.cases].at(-1);
        if (target) {
          // A 256 KiB scan: the file is written before the row that names it.
          const scan = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), crypto.randomBytes(256 * 1024)]);
          const f = await clerk.request('POST', `/api/cases/${target}/files?material=0`, { bytes: scan, type: 'image/jpeg' });
          if (note('scan', f)) stored.files.add(f.body.id);
        }
      }
      return seen;
    };
    const reads = async () => {
      const answers = await Promise.all(['/api/health', '/api/cases?limit=20', '/api/consultations',
        `/api/hall/sites/${hall.id}/board`].map(async (p) => (await clerk.get(p)).status));
      return answers.filter((s) => s === 200).length === answers.length;
    };

    phases.before = await writes('before', 3);
    const filler = path.join(mnt, 'filler');
    const filled = fill(filler);
    log(`filled ${filled} bytes`);
    phases.full = await writes('full', 20);
    // The first refusals can leave a little room (a rolled-back WAL frame):
    // fill again and write again, so the last writes meet a truly full disk.
    fill(filler);
    phases.full_again = await writes('full', 10);
    const readsWhenFull = await reads();
    const upWhenFull = (await fetch(`${srv.url}/api/health`)).status;
    await unlink(filler);
    phases.space_back = await writes('space back', 3);

    // The kernel's answer to an I/O error: the filesystem turns read-only
    // under the running server (open files and all).
    sh('sync', []);
    try {
      await writeFile(`/sys/fs/ext4/${path.basename(device)}/trigger_fs_error`, '1');
    } catch (e) {
      problems.push(`trigger_fs_error: ${e.message}`);
    }
    phases.read_only = await writes('read-only', 5);
    const readsWhenRo = await reads();
    // Each refusal says what happened: a full disk is not a read-only one.
    for (const [phase, want] of [['full', 'STORAGE_FULL'], ['full_again', 'STORAGE_FULL'], ['read_only', 'READ_ONLY']])
      for (const key of Object.keys(phases[phase]))
        if (!key.startsWith('2') && key !== `503 ${want}`) problems.push(`${phase}: answered ${key}, expected 503 ${want}`);
    const upWhenRo = (await fetch(`${srv.url}/api/health`)).status;
    // What an operator does: stop, unmount, fsck, mount, start.
    await srv.stop();
    sh('umount', [mnt]);
    const fsck = sh('e2fsck', ['-fy', device]);
    if (!mount().ok) problems.push('mount after fsck failed');
    srv = await startServer({ bin, dataDir: srv.dataDir, env, removeDataDir: false });
    const clerkAgain = await signIn(srv.url, 'clerk');
    clerk.cookie = clerkAgain.cookie;
    clerk.csrf = clerkAgain.csrf;
    clerk.url = clerkAgain.url;
    phases.rw_back = await writes('after fsck', 3);
    await srv.stop();

    const q = (sql) => spawnSync('sqlite3', [db, sql], { encoding: 'utf8' }).stdout.trim();
    const ids = (sql) => new Set(q(sql).split('\n').filter(Boolean).map(Number));
    const have = { cases: ids('SELECT id FROM service_case'), files: ids('SELECT id FROM case_file'),
      consultations: ids('SELECT id FROM consultation'), tickets: ids('SELECT id FROM ticket') };
    const falseOk = Object.entries(stored).flatMap(([k, set]) => [...set].filter((id) => !have[k].has(id)).map((id) => `${k} ${id}`));
    // Every scan row names a file that is on disk.
    const names = q('SELECT stored_name FROM case_file').split('\n').filter(Boolean);
    const onDisk = new Set(await readdir(path.join(mnt, 'files'), { recursive: true }).catch(() => []));
    const missingFiles = names.filter((s) => ![...onDisk].some((f) => f.endsWith(s)));
    const audit = spawnSync(bin, ['audit', 'verify'], { cwd: srv.dataDir, encoding: 'utf8',
      env: { ...process.env, YICHUANG_DATABASE_KIND: 'sqlite', YICHUANG_DATABASE_SQLITE_PATH: db } });
    const ok2xx = (p) => Object.entries(p).filter(([k]) => k.startsWith('2')).reduce((s, [, v]) => s + v, 0);
    const refused = (p, code) => p[`503 ${code}`] ?? 0;
    return {
      disk_mb: DISK_MB,
      phases,
      acknowledged: Object.values(stored).reduce((s, set) => s + set.size, 0),
      false_2xx: falseOk.length,
      false_2xx_examples: falseOk.slice(0, 10),
      refused_full: refused(phases.full, 'STORAGE_FULL') + refused(phases.full_again, 'STORAGE_FULL'),
      refused_read_only: refused(phases.read_only, 'READ_ONLY'),
      stored_when_full: ok2xx(phases.full_again),
      reads_when_full: readsWhenFull,
      reads_when_read_only: readsWhenRo,
      health_when_read_only: upWhenRo,
      fsck: fsck.ok ? 'clean' : fsck.text.split('\n').slice(-2).join(' '),
      health_when_full: upWhenFull,
      writes_after_space: ok2xx(phases.space_back),
      writes_after_rw: ok2xx(phases.rw_back),
      files_missing: missingFiles.length,
      integrity: q('PRAGMA integrity_check'),
      audit_ok: audit.status === 0,
      problems,
    };
  } finally {
    await srv?.stop().catch(() => {});
    sh('umount', [mnt]);
    sh('losetup', ['-d', device]);
    const dataDir = srv?.dataDir;
    if (process.env.YICHUANG_KEEP_TEST_DIRS !== '1') {
      await rm(base, { recursive: true, force: true });
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  }
}

export function drillPassed(r) {
  return !r.skipped && r.false_2xx === 0 && r.problems.length === 0 && r.refused_full > 0 && r.refused_read_only > 0 &&
    r.reads_when_full && r.reads_when_read_only && r.health_when_full === 200 && r.health_when_read_only === 200 && r.writes_after_space > 0 &&
    r.writes_after_rw > 0 && r.files_missing === 0 && r.integrity === 'ok' && r.audit_ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await diskFullDrill({ log: (l) => process.stderr.write(`disk-full drill: ${l}\n`) });
  console.log(JSON.stringify(r));
  process.exitCode = drillPassed(r) ? 0 : 1;
}
