import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SCHEMA_IN_USE_NOTIFICATION, SchemaInUse } from '../../server/src/protocol';
import { LspClient } from './lspClient';

// A schema of the user's own: <domain> holds a <name> and a <colour> that is red or blue.
const DOMAIN_RNG = `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="domain">
  <element name="name"><text/></element>
  <element name="colour"><choice><value>red</value><value>blue</value></choice></element>
</element></start></grammar>`;
const RED = '<domain>\n  <name>web01</name>\n  <colour>red</colour>\n</domain>\n';
const GREEN = RED.replace('red', 'green');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-lsp-schema-'));
const schemas = path.join(root, 'schemas');
const cacheDirectory = path.join(root, 'cache');
fs.mkdirSync(schemas);
fs.writeFileSync(path.join(schemas, 'domain.rng'), DOMAIN_RNG);

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  fs.rmSync(root, { recursive: true, force: true });
});

async function startServer(cache = cacheDirectory): Promise<LspClient> {
  const client = await LspClient.start({ cacheDirectory: cache }, [SCHEMA_IN_USE_NOTIFICATION]);
  clients.push(client);
  return client;
}

function schemaInUse(client: LspClient, accept: (inUse: SchemaInUse) => boolean): Promise<SchemaInUse> {
  return client.waitForNotification<SchemaInUse>(SCHEMA_IN_USE_NOTIFICATION, accept);
}

test('libvirtXml.schema.path switches validation to the user schema, and a bad path falls back to the bundled one', async () => {
  const client = await startServer();
  const bundled = await schemaInUse(client, (inUse) => inUse.location === 'bundled');
  assert.equal(bundled.error, undefined);
  assert.match(bundled.description, /^libvirt \d+\.\d+\.\d+ \(bundled\)$/);

  const uri = 'file:///colour.xml';
  const underBundled = await client.open(uri, RED);
  assert.ok(
    underBundled.diagnostics.some((d) => /colour/.test(String(d.message))),
    'the bundled schema knows no <colour>',
  );

  const switched = schemaInUse(client, (inUse) => inUse.location === schemas);
  const revalidated = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  await client.configure({ schema: { path: schemas } });
  assert.deepEqual(await switched, { description: `libvirt schema from ${schemas}`, libvirt: 'unknown', location: schemas });
  await revalidated;

  const green = await client.open('file:///green.xml', GREEN);
  assert.equal(green.diagnostics.length, 1);
  const [diagnostic] = green.diagnostics;
  assert.match(String(diagnostic.message), /red.*blue/);
  const line = GREEN.split('\n')[2];
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: line.indexOf('green') }, end: { line: 2, character: line.indexOf('green') + 5 } });

  const missing = path.join(root, 'missing');
  const fellBack = schemaInUse(client, (inUse) => inUse.error !== undefined);
  const bundledAgain = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => /colour/.test(String(d.message))));
  await client.configure({ schema: { path: missing } });
  const inUse = await fellBack;
  assert.equal(inUse.location, 'bundled');
  assert.equal(inUse.description, bundled.description);
  assert.equal(inUse.error, `${missing} is not a directory`);
  await bundledAgain;
  assert.ok(client.logs.some((log) => log.includes(`${missing} is not a directory`)), 'the reason is in the log too');
});

test('a second server start takes the compiled schema from the cache', async () => {
  const cache = path.join(root, 'cache of its own');
  for (const expected of [': 1 file, compiled', `: 1 file, from the cache in ${cache}`]) {
    const client = await startServer(cache);
    const loaded = schemaInUse(client, (inUse) => inUse.location === schemas);
    await client.configure({ schema: { path: schemas } });
    await loaded;
    assert.ok(client.logs.some((log) => log.endsWith(expected)), client.logs.join('\n'));
  }
});

test('a user schema with a backtracking pattern checks long values at once (issue 11, item 4)', async () => {
  const hostile = path.join(root, 'hostile schemas');
  fs.mkdirSync(hostile);
  fs.writeFileSync(
    path.join(hostile, 'domain.rng'),
    `<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><start><element name="domain">
      <element name="name"><data type="string"><param name="pattern">(a+)+b</param></data></element>
    </element></start></grammar>`,
  );
  const client = await startServer(path.join(root, 'hostile cache'));
  const loaded = schemaInUse(client, (inUse) => inUse.location === hostile);
  await client.configure({ schema: { path: hostile } });
  await loaded;
  // V8's RegExp took 10 s on 32 a's, twice as long for each more: the server would not answer.
  const published = await client.open('file:///hostile.xml', `<domain><name>${'a'.repeat(40)}</name></domain>\n`);
  assert.equal(published.diagnostics.length, 1);
  const long = await client.open('file:///long.xml', `<domain><name>${'a'.repeat(100_000)}b</name></domain>\n`);
  assert.deepEqual(long.diagnostics, []);
});
