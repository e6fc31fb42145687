/**
 * Issue 11's hostile schema directories (an externalRef cycle, /dev/zero, a FIFO, 40 MB, an
 * exponential pattern count), through the real interfaces: `domxml check --schema DIR` exits 2
 * with the reason in bounded memory, and the language server keeps answering with the bundled
 * schema and names the reason in libvirtXml/schemaInUse.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SCHEMA_IN_USE_NOTIFICATION, SchemaInUse } from '../../server/src/protocol';
import { dieWhileLoading, makeHostileSchemas, temporaryDirectory } from '../unit/helpers/hostileSchemas';
import { LspClient } from '../lsp/lspClient';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
/** Far above what loading any of them takes (under 250 MB), far below what they took before (4 to 5 GB). */
const MEMORY_BOUND_MB = 1024;

const root = temporaryDirectory('libvirt-xml-hostile-');
const hostile = makeHostileSchemas(root);
const document = path.join(root, 'web01.xml');
fs.writeFileSync(document, '<domain type="kvm"><name>web01</name><colour>red</colour></domain>\n');
// Prints the peak resident memory of the process it is loaded into, worker threads included.
const reportPeak = path.join(root, 'report-peak.js');
fs.writeFileSync(reportPeak, "process.on('exit', () => process.stderr.write(`peak ${process.resourceUsage().maxRSS} kB\\n`));\n");

after(() => fs.rmSync(root, { recursive: true, force: true }));

for (const { name, directory, reason } of hostile) {
  test(`domxml check --schema on ${name} exits 2 with the reason, in bounded memory`, () => {
    const run = spawnSync(process.execPath, ['--require', reportPeak, CLI, 'check', '--schema', directory, document], {
      encoding: 'utf8',
      // The compiled-schema cache goes under the temporary directory.
      env: { ...process.env, XDG_CACHE_HOME: root },
      timeout: 60_000,
    });
    assert.equal(run.error, undefined, 'no hang');
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`cannot use the schema in ${directory}: .*${reason.source}`));
    const peakKb = Number(/peak (\d+) kB/.exec(run.stderr)?.[1]);
    assert.ok(peakKb / 1024 < MEMORY_BOUND_MB, `peak ${Math.round(peakKb / 1024)} MB`);
  });
}

test('the language server keeps the bundled schema, keeps answering, and says why for every hostile schema', async () => {
  const client = await LspClient.start({ cacheDirectory: path.join(root, 'cache') }, [SCHEMA_IN_USE_NOTIFICATION]);
  try {
    const bundled = await client.waitForNotification<SchemaInUse>(SCHEMA_IN_USE_NOTIFICATION, (inUse) => inUse.location === 'bundled');
    const uri = 'file:///web01.xml';
    const opened = await client.open(uri, fs.readFileSync(document, 'utf8'));
    const bundledFindings = opened.diagnostics.map((d) => d.message);
    assert.ok(bundledFindings.some((message) => /colour/.test(String(message))), 'the bundled schema knows no <colour>');

    let version = 1;
    for (const { name, directory, reason } of hostile) {
      const inUse = client.waitForNotification<SchemaInUse>(SCHEMA_IN_USE_NOTIFICATION, (params) => params.error !== undefined && params.error.includes(directory), 60_000);
      await client.configure({ schema: { path: directory } });
      // Answered while the schema loads, or after it failed.
      const hover = await client.hover(uri, { line: 0, character: 2 });
      assert.match(JSON.stringify(hover), /domain/, name);
      const said = await inUse;
      assert.match(said.error ?? '', reason, name);
      assert.deepEqual({ ...said, error: undefined }, { ...bundled, error: undefined }, `${name}: the bundled schema stays`);
      const revalidated = await client.change(uri, ++version, []);
      assert.deepEqual(revalidated.diagnostics.map((d) => d.message), bundledFindings, name);
    }
    assert.ok(client.memoryMB('peak') < MEMORY_BOUND_MB, `peak ${Math.round(client.memoryMB('peak'))} MB`);
  } finally {
    await client.stop();
  }
});

test('a schema whose load killed the server before is skipped at the next start, and the status says so', async () => {
  const directory = path.join(root, 'killed-the-server');
  fs.mkdirSync(directory);
  fs.writeFileSync(path.join(directory, 'domain.rng'), '<element name="domain" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>');
  const cacheDirectory = path.join(root, 'cache of the killed server');
  dieWhileLoading(directory, cacheDirectory);

  const client = await LspClient.start({ cacheDirectory }, [SCHEMA_IN_USE_NOTIFICATION]);
  try {
    const inUse = client.waitForNotification<SchemaInUse>(SCHEMA_IN_USE_NOTIFICATION, (params) => params.error !== undefined);
    await client.configure({ schema: { path: directory } });
    const said = await inUse;
    assert.equal(said.location, 'bundled');
    assert.match(said.error ?? '', new RegExp(`^loading this schema stopped the language server \\(at .*\\), so it is not loaded again until a file in ${directory} changes$`));
  } finally {
    await client.stop();
  }
});
