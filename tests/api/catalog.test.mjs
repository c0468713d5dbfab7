// The catalog over HTTP with the seeded demo items (issue 5): search, one
// guide on every channel, and the printable PDF checked with poppler
// (pdftotext) and zbar (the QR code decodes to the online guide's URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../e2e/lib/server.mjs';

let server;
before(async () => { server = await startServer({ seed: true }); });
after(async () => { await server?.stop(); });

const get = async (p) => {
  const res = await fetch(server.url + p);
  return { status: res.status, body: await res.json() };
};
const names = (items) => items.map((i) => i.name);

test('search: 失业 finds 失业登记 and 失业保险金申领; synonyms, pinyin initials, life events', async () => {
  const unemployment = await get('/api/catalog/items?q=' + encodeURIComponent('失业'));
  assert.equal(unemployment.status, 200);
  assert.ok(names(unemployment.body.items).includes('失业登记'));
  assert.ok(names(unemployment.body.items).includes('失业保险金申领'));
  const synonym = await get('/api/catalog/items?q=' + encodeURIComponent('失业金'));
  assert.ok(names(synonym.body.items).includes('失业保险金申领'));
  const initials = await get('/api/catalog/items?q=sydj');
  assert.deepEqual(names(initials.body.items), ['失业登记']);
  const rare = await get('/api/catalog/items?q=' + encodeURIComponent('𠮷'));
  assert.equal(rare.status, 200);
  assert.deepEqual(rare.body.items, []);
  const street = await get('/api/catalog/items?category=labor_relations&level=street');
  assert.ok(street.body.items.length >= 5);
  assert.ok(street.body.items.every((i) => i.category === 'labor_relations' && i.service_level === 'street'));
  const bad = await get('/api/catalog/items?category=weather');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'category');
});

test('one item as JSON carries the twelve fields and their labels', async () => {
  const list = await get('/api/catalog/items?q=sydj');
  const { status, body } = await get('/api/catalog/items/' + list.body.items[0].code);
  assert.equal(status, 200);
  for (const f of ['name', 'type', 'legal_basis', 'levels', 'service_objects', 'time_limit', 'conditions',
    'materials', 'process', 'result', 'fee', 'body']) assert.ok(f in body.document, f);
  assert.equal(body.version.status, 'published');
  assert.equal((await get('/api/catalog/items/BJ-NONE-001')).status, 404);
});

test('the guide PDF shows the name and the twelve field labels, and its QR code opens the online guide', async () => {
  const list = await get('/api/catalog/items?q=sydj');
  const code = list.body.items[0].code;
  const res = await fetch(`${server.url}/api/catalog/items/${code}/guide.pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = path.join(server.dataDir, 'guide.pdf');
  await writeFile(pdf, Buffer.from(await res.arrayBuffer()));
  const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' });
  assert.match(fonts.stdout, /NotoSansCJK/);
  assert.match(fonts.stdout, /yes\s+yes/);  // embedded, subset
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /失业登记/);
  for (const label of ['事项名称', '事项类型', '设定依据', '行使层级', '服务对象', '办结时限', '受理条件',
    '申请材料', '办理流程', '办理结果', '收费标准', '实施主体']) assert.ok(text.includes(label), label);
  const png = path.join(server.dataDir, 'page');
  assert.equal(spawnSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', pdf, png]).status, 0);
  const scan = spawnSync('zbarimg', ['--quiet', '--raw', `${png}-1.png`], { encoding: 'utf8' });
  assert.equal(scan.stdout.trim(), `${server.url}/guides/${code}`);
});

test('exports: our JSON, EU CPSV-AP and schema.org JSON-LD of the items in force', async () => {
  const all = await get('/api/catalog/items');
  const ours = await get('/api/catalog/export');
  assert.equal(ours.status, 200);
  assert.equal(ours.body.items.length, all.body.items.length);
  assert.ok(ours.body.items.every((i) => i.document.code && i.version >= 1));
  const cpsv = await fetch(`${server.url}/api/catalog/export?format=cpsv-ap`);
  assert.match(cpsv.headers.get('content-type'), /application\/ld\+json/);
  const graph = (await cpsv.json())['@graph'];
  assert.equal(graph.length, all.body.items.length);
  const one = graph.find((g) => g['dct:title']['@value'] === '失业登记');
  assert.equal(one['@type'], 'cpsv:PublicService');
  assert.equal(one['@id'], `${server.url}/guides/${one['dct:identifier']}`);
  assert.ok(one['cv:hasInput'].length > 0);
  const schema = await (await fetch(`${server.url}/api/catalog/export?format=schema.org`)).json();
  assert.equal(schema['@context'], 'https://schema.org');
  assert.ok(schema['@graph'].every((g) => g['@type'] === 'GovernmentService' && g.provider.name));
  assert.equal((await get('/api/catalog/export?format=xml')).status, 400);
});
