// The restore drill (issue 13, item 6): `yichuang backup` while eight clerks
// keep taking in cases and uploading scans, then `yichuang restore` into a new
// data dir (SQLite) or a new database (PostgreSQL), and a server on it. Every
// write acknowledged before the backup began must be there, the restored row
// counts must equal the manifest's, and the audit chain must verify.
//
// SQLite always; PostgreSQL when YICHUANG_BACKUP_ENGINE=postgresql (the
// api_backup_postgres ctest, with the private cluster of YICHUANG_TEST_PG_URL).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, signIn } from './client.mjs';

const bin = process.env.YICHUANG_BIN;
const engine = process.env.YICHUANG_BACKUP_ENGINE ?? 'sqlite';
const pgUrl = process.env.YICHUANG_TEST_PG_URL;
const WRITERS = 8;
// 即办件 (no back-office step): 失业登记.
const ITEM = 'BJ-JYCY-001';
const KEY_FILE = 'var/keys/yichuang.keys';

const cleanups = [];
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function psql(url, sql) {
  const exe = existsSync('/usr/lib/postgresql/15/bin/psql') ? '/usr/lib/postgresql/15/bin/psql' : 'psql';
  const out = spawnSync(exe, ['-qAtX', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`psql: ${out.error?.message ?? out.stderr}`);
  return out.stdout.trim();
}

function sqlite(file, sql) {
  const out = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`sqlite3: ${out.error?.message ?? out.stderr}`);
  return out.stdout.trim();
}

// A database of its own in the test cluster, dropped at the end.
function newPgDatabase(prefix) {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  psql(pgUrl, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  cleanups.push(async () => psql(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  // The same URL with another database (WHATWG URL refuses an empty host).
  const m = /^(postgres(?:ql)?:\/\/[^/]*)\/[^?]*(.*)$/.exec(pgUrl);
  assert.ok(m, `a postgresql:// URL: ${pgUrl}`);
  return `${m[1]}/${name}${m[2]}`;
}

// The environment of a `yichuang` command on a data dir, as startServer gives
// the server: the database of `db` and the dir's var/ (keys, files).
function databaseEnv(dataDir, db) {
  return engine === 'postgresql'
    ? { YICHUANG_DATABASE_KIND: 'postgresql', YICHUANG_DATABASE_POSTGRES_URL: db }
    : { YICHUANG_DATABASE_KIND: 'sqlite', YICHUANG_DATABASE_SQLITE_PATH: path.join(dataDir, 'yichuang.db') };
}

// Runs `yichuang <args>` in dataDir; resolves with its exit code and output.
function yichuang(args, dataDir, env) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: dataDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function applicant(n) {
  return {
    kind: 'person',
    id_number: nthResidentId('110105', n),
    name: `备份测试${String.fromCharCode(0x4e00 + (n % 500))}`,
    phone: `137${String((30000000 + n * 7919) % 100000000).padStart(8, '0')}`,
  };
}

const png = () => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), crypto.randomBytes(256)]);

// Counts of every table, read by the engine's own client: not by yichuang.
function tableCounts(tables, dataDir, db) {
  const out = {};
  for (const name of tables) {
    const sql = `SELECT COUNT(*) FROM "${name}"`;
    out[name] = Number(engine === 'postgresql' ? psql(db, sql) : sqlite(path.join(dataDir, 'yichuang.db'), sql));
  }
  return out;
}

test(`restore drill (${engine}): backup under load, restore to a new place, nothing acknowledged before the backup is lost`, async (t) => {
  assert.ok(bin, 'YICHUANG_BIN must name the yichuang binary');
  if (engine === 'postgresql') assert.ok(pgUrl, 'YICHUANG_TEST_PG_URL must point at the private test cluster');
  const sourceDb = engine === 'postgresql' ? newPgDatabase('yc_backup_src') : null;
  const targetDb = engine === 'postgresql' ? newPgDatabase('yc_backup_dst') : null;
  const pgEnv = (db) => (db ? { YICHUANG_DATABASE_KIND: 'postgresql', YICHUANG_DATABASE_POSTGRES_URL: db } : {});

  const server = await startServer({ seed: true, env: pgEnv(sourceDb) });
  cleanups.push(() => server.stop());
  const clerk = await signIn(server.url, 'clerk');
  const hall = (await clerk.get('/api/org/sites')).body.items.find((s) => s.unit_code === '110101001' && s.kind === 'hall');
  assert.ok(hall, 'the clerk\'s hall');

  const countCases = () => Number(engine === 'postgresql'
    ? psql(sourceDb, 'SELECT COUNT(*) FROM service_case')
    : sqlite(path.join(server.dataDir, 'yichuang.db'), 'SELECT COUNT(*) FROM service_case'));
  const seeded = countCases();

  // The writers: intake after intake, a scan uploaded to every third case.
  // Each acknowledged write is kept with the moment its answer arrived.
  const acked = [];
  const refused = [];
  let stop = false;
  let n = 0;
  const writer = async () => {
    while (!stop) {
      const i = n++;
      const a = await clerk.post('/api/cases', { item_code: ITEM, site_id: hall.id, applicant: applicant(i) },
        { headers: { 'Idempotency-Key': crypto.randomUUID() } });
      if (a.status !== 201) {
        refused.push(`${a.status} ${a.text}`);
        continue;
      }
      acked.push({ kind: 'case', at: performance.now(), id: a.body.id, caseNo: a.body.case_no });
      if (i % 3 === 0) {
        const bytes = png();
        const f = await clerk.request('POST', `/api/cases/${a.body.id}/files?material=0`, { bytes, type: 'image/png' });
        if (f.status !== 201) refused.push(`${f.status} ${f.text}`);
        else acked.push({ kind: 'file', at: performance.now(), caseId: a.body.id, id: f.body.id, bytes });
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, writer);
  while (acked.length < 40 && refused.length === 0) await sleep(20);

  const backupDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'yichuang-backup-')), 'backup');
  cleanups.push(() => rm(path.dirname(backupDir), { recursive: true, force: true }));
  const backupStart = performance.now();
  const backup = await yichuang(['backup', '--to', backupDir], server.dataDir, databaseEnv(server.dataDir, sourceDb));
  const backupEnd = performance.now();
  stop = true;
  await Promise.all(writers);
  assert.equal(backup.code, 0, `${backup.stdout}\n${backup.stderr}`);
  assert.deepEqual(refused, [], 'no write was refused while the backup ran');
  assert.match(backup.stdout, /密钥文件.*不在备份中/, 'the reminder that the key file is kept apart');

  const before = acked.filter((w) => w.at < backupStart);
  const during = acked.filter((w) => w.at >= backupStart && w.at <= backupEnd);
  const manifest = JSON.parse(await readFile(path.join(backupDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.kind, engine);
  assert.ok(manifest.migration_level > 0);
  assert.match(manifest.database_sha256, /^[0-9a-f]{64}$/);
  assert.match(manifest.created_at, /Z$/);
  assert.ok(manifest.audit_head.seq > 0);
  const keyCopies = (await readdir(backupDir, { recursive: true })).filter((f) => f.endsWith('.keys'));
  assert.deepEqual(keyCopies, [], 'the key file is not in the backup');
  const sealed = (await readdir(path.join(backupDir, 'files'), { recursive: true })).filter((f) => f.endsWith('.sealed'));
  assert.equal(sealed.length, manifest.files.count);
  // The snapshot holds every case acknowledged before it and none that was
  // never written: between the two lies what committed during the backup.
  const cases = manifest.tables.service_case - seeded;
  assert.ok(cases >= before.filter((w) => w.kind === 'case').length, `${cases} new cases in the snapshot`);
  assert.ok(cases <= acked.filter((w) => w.kind === 'case').length, `${cases} new cases in the snapshot`);

  // Restore into a new place: a new data dir with the key file put back by
  // hand (it is not in the backup), and for PostgreSQL a new database.
  const restoredDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-restored-'));
  cleanups.push(() => rm(restoredDir, { recursive: true, force: true }));
  await mkdir(path.join(restoredDir, path.dirname(KEY_FILE)), { recursive: true });
  await copyFile(path.join(server.dataDir, KEY_FILE), path.join(restoredDir, KEY_FILE));
  await chmod(path.join(restoredDir, KEY_FILE), 0o600);
  const env = databaseEnv(restoredDir, targetDb);
  const restoreStart = performance.now();
  const restore = await yichuang(['restore', '--from', backupDir], restoredDir, env);
  const restoreSeconds = (performance.now() - restoreStart) / 1000;
  assert.equal(restore.code, 0, `${restore.stdout}\n${restore.stderr}`);
  assert.match(restore.stdout, /与备份清单一致/);

  t.diagnostic(`${engine}: ${acked.length} writes acknowledged, ${before.length} before the backup, ` +
    `${during.length} while it ran; backup ${((backupEnd - backupStart) / 1000).toFixed(2)} s ` +
    `(manifest: ${manifest.seconds.toFixed(2)} s), ${manifest.rows} rows in ${Object.keys(manifest.tables).length} tables, ` +
    `${manifest.files.count} files; restore ${restoreSeconds.toFixed(2)} s`);

  // Checked apart from the restore command's own checks: the engine's client
  // counts every table, and `yichuang audit verify` walks the chain.
  assert.deepEqual(tableCounts(Object.keys(manifest.tables), restoredDir, targetDb), manifest.tables);
  const verify = await yichuang(['audit', 'verify'], restoredDir, env);
  assert.equal(verify.code, 0, `${verify.stdout}\n${verify.stderr}`);
  assert.match(verify.stdout, /哈希链校验通过/);

  const restored = await startServer({ dataDir: restoredDir, env: pgEnv(targetDb) });
  cleanups.push(() => restored.stop());
  const health = await fetch(`${restored.url}/api/health`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).migration, manifest.migration_level);
  const after = await signIn(restored.url, 'clerk');
  for (const w of before.filter((x) => x.kind === 'case')) {
    const found = await after.get(`/api/cases?q=${w.caseNo}`);
    assert.deepEqual(found.body.items.map((x) => x.id), [w.id], `case ${w.caseNo}, acknowledged before the backup, is restored`);
  }
  for (const w of before.filter((x) => x.kind === 'file')) {
    const res = await fetch(`${restored.url}/api/cases/${w.caseId}/files/${w.id}`, { headers: { cookie: after.cookie } });
    assert.equal(res.status, 200, `scan ${w.id} of case ${w.caseId}`);
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(w.bytes), `scan ${w.id} reads back as uploaded`);
  }
  // The restored database takes new writes (its id sequences came along: a
  // new id, not one of a restored case; ids acknowledged only after the
  // snapshot may be given out again, as they are not in it).
  const next = await after.post('/api/cases', { item_code: ITEM, site_id: hall.id, applicant: applicant(n + 1) },
    { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  assert.equal(next.status, 201, next.text);
  assert.ok(before.every((w) => w.kind !== 'case' || w.id < next.body.id), `new case id ${next.body.id}`);
});

test(`backup and restore refuse to overwrite, and a changed backup is not restored (${engine})`, async () => {
  const sourceDb = engine === 'postgresql' ? newPgDatabase('yc_backup_src') : null;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-backup-src-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = databaseEnv(dataDir, sourceDb);
  const migrated = await yichuang(['migrate'], dataDir, env);
  assert.equal(migrated.code, 0, migrated.stderr);

  const work = await mkdtemp(path.join(os.tmpdir(), 'yichuang-backup-'));
  cleanups.push(() => rm(work, { recursive: true, force: true }));
  await writeFile(path.join(work, 'older.txt'), 'an earlier backup');
  const notEmpty = await yichuang(['backup', '--to', work], dataDir, env);
  assert.equal(notEmpty.code, 1);
  assert.match(notEmpty.stderr, /不为空/);
  assert.equal(await readFile(path.join(work, 'older.txt'), 'utf8'), 'an earlier backup', 'nothing overwritten');

  const dir = path.join(work, 'b');
  const made = await yichuang(['backup', '--to', dir], dataDir, env);
  assert.equal(made.code, 0, made.stderr);

  // Into the database it came from: refused, nothing changed.
  const occupied = await yichuang(['restore', '--from', dir], dataDir, env);
  assert.equal(occupied.code, 1);
  assert.match(occupied.stderr, engine === 'postgresql' ? /不是空的/ : /已存在/);

  // A changed database file is caught by its digest before anything is written.
  const file = path.join(dir, engine === 'postgresql' ? 'yichuang.dump' : 'yichuang.db');
  const bytes = await readFile(file);
  bytes[bytes.length - 100] ^= 0xff;
  await writeFile(file, bytes);
  const targetDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-restored-'));
  cleanups.push(() => rm(targetDir, { recursive: true, force: true }));
  const targetDb = engine === 'postgresql' ? newPgDatabase('yc_backup_dst') : null;
  const tampered = await yichuang(['restore', '--from', dir], targetDir, databaseEnv(targetDir, targetDb));
  assert.equal(tampered.code, 1);
  assert.match(tampered.stderr, /SHA-256 与清单不符/);
  if (engine === 'sqlite') assert.equal(existsSync(path.join(targetDir, 'yichuang.db')), false);
  else assert.equal(psql(targetDb, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"), '0');

  // No backup there at all.
  const none = await yichuang(['restore', '--from', path.join(work, 'absent')], targetDir, databaseEnv(targetDir, targetDb));
  assert.equal(none.code, 1);
  assert.match(none.stderr, /manifest\.json 不存在/);
});
