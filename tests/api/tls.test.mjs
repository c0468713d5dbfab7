// The TLS policy of deploy/nginx-tls.conf (issue 13, item 5): nginx started
// with that very file and a throwaway self-signed certificate must speak
// TLS 1.3 and TLS 1.2 with ECDHE and AES-GCM or ChaCha20, refuse TLS 1.0 and
// 1.1 and CBC suites with RSA key exchange, and send HSTS.
//
// A refusal only means something if the probe could have succeeded: a
// second server block with a deliberately weak policy must accept the very
// same weak handshakes (otherwise the client, not nginx, refused them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { freePort, repoRoot } from '../e2e/lib/server.mjs';
import { nginxPreamble, startNginx } from './nginx.mjs';

let dir;
let nginx;
let strict;  // port of the server block with deploy/nginx-tls.conf
let weak;    // port of the control block

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-tls-'));
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8', timeout: 60000 });
  assert.equal(made.status, 0, made.stderr);
  [strict, weak] = [await freePort(), await freePort()];
  const conf = path.join(dir, 'nginx');
  const cert = `ssl_certificate ${dir}/cert.pem;\n    ssl_certificate_key ${dir}/key.pem;`;
  const config = `${nginxPreamble(conf)}
http {
  access_log off;
  server {
    listen 127.0.0.1:${strict} ssl;
    ${cert}
    include ${path.join(repoRoot, 'deploy/nginx-tls.conf')};
    location / { return 200 "ok\\n"; }
  }
  server {
    listen 127.0.0.1:${weak} ssl;
    ${cert}
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    ssl_ciphers AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0;
    location / { return 200 "ok\\n"; }
  }
}
`;
  nginx = await startNginx(conf, config, () => handshake(strict, {}).then((r) => r.ok));
});

after(async () => {
  await nginx?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// One TLS handshake: {ok, protocol, cipher} or {ok: false, error}.
function handshake(port, { min, max, ciphers }) {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1', port, rejectUnauthorized: false,
      minVersion: min ?? 'TLSv1', maxVersion: max ?? 'TLSv1.3',
      // The client offers even what OpenSSL's default security level forbids.
      ciphers: ciphers ?? 'DEFAULT:@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      const r = { ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().standardName ?? socket.getCipher().name };
      socket.end();
      resolve(r);
    });
    socket.once('error', (e) => resolve({ ok: false, error: e.code ?? e.message }));
  });
}

test('TLS 1.3 connects', async () => {
  const r = await handshake(strict, { min: 'TLSv1.3', max: 'TLSv1.3' });
  assert.ok(r.ok, r.error);
  assert.equal(r.protocol, 'TLSv1.3');
});

test('TLS 1.2 connects with ECDHE and AES-GCM or ChaCha20, whatever the client prefers', async () => {
  const r = await handshake(strict, { min: 'TLSv1.2', max: 'TLSv1.2' });
  assert.ok(r.ok, r.error);
  assert.equal(r.protocol, 'TLSv1.2');
  assert.match(r.cipher, /^TLS_ECDHE_(RSA|ECDSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)$/);
  for (const cipher of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']) {
    const one = await handshake(strict, { min: 'TLSv1.2', max: 'TLSv1.2', ciphers: cipher });
    assert.ok(one.ok, `${cipher}: ${one.error}`);
  }
});

test('TLS 1.0 and 1.1 are refused (and the probe can tell)', async () => {
  for (const v of ['TLSv1', 'TLSv1.1']) {
    const control = await handshake(weak, { min: v, max: v });
    assert.ok(control.ok, `the control block accepts ${v}: ${control.error}`);
    assert.equal(control.protocol, v);
    const r = await handshake(strict, { min: v, max: v });
    assert.equal(r.ok, false, `${v} must be refused`);
  }
});

test('a CBC suite with RSA key exchange (AES128-SHA) is refused (and the probe can tell)', async () => {
  const opts = { min: 'TLSv1.2', max: 'TLSv1.2', ciphers: 'AES128-SHA:@SECLEVEL=0' };
  const control = await handshake(weak, opts);
  assert.ok(control.ok, `the control block accepts AES128-SHA: ${control.error}`);
  assert.match(control.cipher, /RSA_WITH_AES_128_CBC_SHA|AES128-SHA/);
  assert.equal((await handshake(strict, opts)).ok, false);
});

test('answers carry HSTS', async () => {
  const headers = await new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: strict, path: '/', rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.headers);
    }).on('error', reject);
  });
  assert.match(headers['strict-transport-security'] ?? '', /^max-age=(\d+)/);
  assert.ok(Number(/max-age=(\d+)/.exec(headers['strict-transport-security'])[1]) >= 31536000, 'at least a year');
});
