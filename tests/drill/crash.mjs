// The crash drill (issue 13, item 2): concurrent writers on a real server,
// SIGKILL at a random moment, restart on the same data dir, again and again.
// Every write answered 2xx must be in the database at the end; the time from
// the kill to the restarted server answering /api/health is measured.
//
// Writes of four kinds, as a hall produces them: case intakes (with an
// Idempotency-Key, applicant sealed, audit entry), acceptance of an
// acknowledged case (a transition), consultations, and queue tickets.
//
//   node tests/drill/crash.mjs [kills=200] [workers=16]   prints one JSON line
// YICHUANG_BIN names the server (make bench: the release build).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, signIn } from '../api/client.mjs';

const ITEM = 'BJ-JYCY-007';  // 就业困难人员认定: intake, then review steps
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Runs the drill; resolves with the figures. `log` gets one line per round.
export async function crashDrill({ bin = process.env.YICHUANG_BIN, kills = 200, workers = 16,
  log = () => {} } = {}) {
  let srv = await startServer({ bin, seed: true, removeDataDir: false, pollMs: 5 });
  const dataDir = srv.dataDir;
  const db = path.join(dataDir, 'yichuang.db');
  const acked = { cases: new Map(), materials: new Map(), accepted: new Set(), consultations: new Set(), tickets: new Set() };
  let sent = 0;
  let cut = 0;          // no answer: the connection died with the server
  const refused = [];   // an answer other than 2xx before the kill
  const restartMs = [];
  let n = 0;
  try {
    for (let round = 0; round < kills; round++) {
      const clerk = await signIn(srv.url, 'clerk');
      const sites = await clerk.get('/api/org/sites');
      const hall = sites.body.items.find((s) => s.unit_code === '110101001' && s.kind === 'hall');
      let dying = false;
      const call = async (method, pathname, body, headers) => {
        sent++;
        try {
          const a = await clerk.request(method, pathname, { json: body, headers });
          if (a.status >= 200 && a.status < 300) return a;
          // A refusal while the server dies (503 during shutdown) is not a
          // loss; anything refused before the kill is a drill failure.
          if (!dying) refused.push(`${method} ${pathname} ${a.status} ${a.text.slice(0, 200)}`);
        } catch {
          cut++;
        }
        return null;
      };
      const worker = async (w) => {
        let k = 0;
        while (!dying) {
          const kind = (w + k++) % 4;
          if (kind === 0 || kind === 1) {
            const i = n++;
            const applicant = { kind: 'person', id_number: nthResidentId('110101', 3000 + (i % 17000)),
              name: '演练', phone: `139${String(10000000 + i).slice(-8)}` };
            const a = await call('POST', '/api/cases', { item_code: ITEM, site_id: hall.id, applicant },
              { 'Idempotency-Key': crypto.randomUUID() });
            if (a) acked.cases.set(a.body.id, a.body.case_no);
            if (a && kind === 1) {
              // The clerk judges each material (one write each), then accepts.
              let judged = true;
              for (const m of a.body.materials.filter((x) => x.state === 'pending')) {
                if (dying) break;
                const state = m.required ? 'received' : 'not_applicable';
                const j = await call('PUT', `/api/cases/${a.body.id}/materials/${m.idx}`,
                  m.required ? { state, form: 'original' } : { state });
                if (j) acked.materials.set(`${a.body.id}:${m.idx}`, state);
                else judged = false;
              }
              if (judged && !dying) {
                const b = await call('POST', `/api/cases/${a.body.id}/accept`);
                if (b) acked.accepted.add(a.body.id);
              }
            }
          } else if (kind === 2) {
            const a = await call('POST', '/api/consultations',
              { site_id: hall.id, question: `演练咨询 ${round}-${w}-${k}`, answer: '已答复' },
              { 'Idempotency-Key': crypto.randomUUID() });
            if (a) acked.consultations.add(a.body.id);
          } else {
            const a = await call('POST', `/api/hall/sites/${hall.id}/tickets`, { group: 'employment' },
              { 'Idempotency-Key': crypto.randomUUID() });
            if (a) acked.tickets.add(a.body.id);
          }
        }
      };
      const running = Array.from({ length: workers }, (_, w) => worker(w));
      await sleep(100 + crypto.randomInt(300));
      dying = true;
      const t0 = performance.now();
      await srv.kill('SIGKILL');
      await Promise.all(running);
      srv = await startServer({ bin, dataDir, removeDataDir: false, pollMs: 5 });
      restartMs.push(performance.now() - t0);
      log(`round ${round + 1}/${kills}: sent ${sent}, acknowledged ${acked.cases.size + acked.materials.size +
        acked.accepted.size + acked.consultations.size + acked.tickets.size}, restart ${restartMs.at(-1).toFixed(0)} ms`);
    }
    await srv.stop();

    // Count what the database holds of what was acknowledged.
    const q = (sql) => {
      const out = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`sqlite3: ${out.stderr}`);
      return out.stdout.trim();
    };
    const ids = (sql) => new Set(q(sql).split('\n').filter(Boolean).map(Number));
    const cases = ids('SELECT id FROM service_case');
    const notDraft = ids("SELECT id FROM service_case WHERE status <> 'intake'");
    const consultations = ids('SELECT id FROM consultation');
    const materials = new Map(q("SELECT case_id || ':' || idx || '|' || state FROM case_material").split('\n')
      .filter(Boolean).map((l) => l.split('|')));
    const tickets = ids('SELECT id FROM ticket');
    const missing = [
      ...[...acked.cases.keys()].filter((id) => !cases.has(id)).map((id) => `case ${id}`),
      ...[...acked.materials].filter(([k, state]) => materials.get(k) !== state).map(([k]) => `material ${k}`),
      ...[...acked.accepted].filter((id) => !notDraft.has(id)).map((id) => `acceptance of case ${id}`),
      ...[...acked.consultations].filter((id) => !consultations.has(id)).map((id) => `consultation ${id}`),
      ...[...acked.tickets].filter((id) => !tickets.has(id)).map((id) => `ticket ${id}`),
    ];
    const integrity = q('PRAGMA integrity_check');
    const audit = spawnSync(bin, ['audit', 'verify'], { cwd: dataDir, encoding: 'utf8',
      env: { ...process.env, YICHUANG_DATABASE_KIND: 'sqlite', YICHUANG_DATABASE_SQLITE_PATH: db } });
    const sorted = [...restartMs].sort((a, b) => a - b);
    return {
      kills,
      workers,
      sent,
      acknowledged: acked.cases.size + acked.materials.size + acked.accepted.size + acked.consultations.size + acked.tickets.size,
      acknowledged_by_kind: { intakes: acked.cases.size, judgements: acked.materials.size, acceptances: acked.accepted.size,
        consultations: acked.consultations.size, tickets: acked.tickets.size },
      lost: missing.length,
      lost_examples: missing.slice(0, 10),
      cut_off: cut,
      refused: refused.length,
      refused_examples: refused.slice(0, 5),
      integrity,
      audit_ok: audit.status === 0,
      audit_output: audit.status === 0 ? '' : (audit.stdout + audit.stderr).slice(0, 500),
      restart_ms_p50: Math.round(percentile(sorted, 50)),
      restart_ms_p99: Math.round(percentile(sorted, 99)),
      restart_ms_max: Math.round(sorted.at(-1) ?? 0),
    };
  } finally {
    await srv.stop().catch(() => {});
    if (process.env.YICHUANG_KEEP_TEST_DIRS !== '1') await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kills = Number(process.argv[2] ?? 200);
  const workers = Number(process.argv[3] ?? 16);
  const r = await crashDrill({ kills, workers, log: (l) => process.stderr.write(`crash drill: ${l}\n`) });
  console.log(JSON.stringify(r));
  process.exitCode = r.lost === 0 && r.refused === 0 && r.integrity === 'ok' && r.audit_ok ? 0 : 1;
}
