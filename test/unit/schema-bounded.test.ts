import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { COMPILE_LIMITS, compileGrammar } from '../../server/src/schema/compileGrammar';
import { SchemaFileReader, readRegularFile } from '../../server/src/schema/schemaFiles';
import { loadUnlessItCrashedBefore, loadUserSchemaInWorker, schemaError } from '../../server/src/schema/userSchemaLoader';
import { words } from '../../server/src/messages/words';
import { HOSTILE_SCHEMAS, dieWhileLoading, makeHostileSchemas, temporaryDirectory } from './helpers/hostileSchemas';

/** A load's failure, as a stand-in load answers. */
const failed = (message: string) => schemaError(words('userSchema.compileError', { message }));
/** The English error of a load that failed. */
const errorOf = (result: object): string | undefined => ('error' in result ? (result.error as string) : undefined);

const NS = 'xmlns="http://relaxng.org/ns/structure/1.0"';
const root = temporaryDirectory('libvirt-xml-bounded-');
after(() => fs.rmSync(root, { recursive: true, force: true }));

let made = 0;
/** A fresh directory under root with the given files. */
function directoryWith(files: Record<string, string>): string {
  const directory = path.join(root, `schema-${made++}`);
  fs.mkdirSync(directory);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, name), text);
  return directory;
}

/** The message compileGrammar throws for in-memory files, or '' when it compiles. */
function compileError(files: Record<string, string>, limits = COMPILE_LIMITS): string {
  try {
    compileGrammar('/s/domain.rng', (file) => {
      const text = files[path.basename(file)];
      if (text === undefined) throw new Error('no such file');
      return text;
    }, limits);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** domain.rng refers to level0.rng twice, level0 to level1 twice, ...: 2^levels copies of the leaf. */
function exponential(levels: number): Record<string, string> {
  const files: Record<string, string> = { 'domain.rng': `<element name="domain" ${NS}><externalRef href="level0.rng"/></element>` };
  for (let i = 0; i < levels; i++) {
    const next = `<externalRef href="level${i + 1}.rng"/>`;
    files[`level${i}.rng`] = `<choice ${NS}>${next}<group>${next}<empty/></group></choice>`;
  }
  files[`level${levels}.rng`] = `<element name="leaf" ${NS}><text/></element>`;
  return files;
}

test('only regular files are read: devices, FIFOs and directories are refused without blocking', () => {
  const fifo = path.join(root, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  assert.throws(() => readRegularFile(fifo, 1000), /is a FIFO, not a regular file/);
  assert.throws(() => readRegularFile('/dev/zero', 1000), /is a character device, not a regular file/);
  assert.throws(() => readRegularFile(root, 1000), /is a directory, not a regular file/);
  const file = path.join(root, 'ten-bytes');
  fs.writeFileSync(file, '0123456789');
  assert.equal(readRegularFile(file, 10).toString(), '0123456789');
  assert.throws(() => readRegularFile(file, 9), /is larger than 9 bytes/);
});

test('the files of one compile share a byte budget', () => {
  const directory = directoryWith({ 'a.rng': 'a'.repeat(40), 'b.rng': 'b'.repeat(40), 'c.rng': 'c'.repeat(40) });
  const reader = new SchemaFileReader(100);
  assert.equal(reader.read(path.join(directory, 'a.rng')).length, 40);
  assert.equal(reader.read(path.join(directory, 'b.rng')).length, 40);
  assert.throws(() => reader.read(path.join(directory, 'c.rng')), /is larger than the 0\.0 MB left of the 0\.0 MB a schema's files may hold in all/);
});

test('include and externalRef loops are errors, also through an element; a file used twice is not a loop', () => {
  const grammar = (inner: string) => `<grammar ${NS}>${inner}</grammar>`;
  assert.match(
    compileError({ 'domain.rng': grammar('<include href="a.rng"/><start><element name="domain"><empty/></element></start>'), 'a.rng': grammar('<include href="domain.rng"/>') }),
    /a\.rng: the includes loop: domain\.rng → a\.rng → domain\.rng/,
  );
  assert.match(compileError({ 'domain.rng': `<element name="domain" ${NS}><externalRef href="domain.rng"/></element>` }), /the externalRefs loop: domain\.rng → domain\.rng/);
  assert.match(
    compileError({ 'domain.rng': `<element name="domain" ${NS}><externalRef href="a.rng"/></element>`, 'a.rng': `<element name="a" ${NS}><externalRef href="domain.rng"/></element>` }),
    /a\.rng: the externalRefs loop: domain\.rng → a\.rng → domain\.rng/,
  );
  // A diamond (two paths to one file) is fine.
  assert.equal(compileError(exponential(2)), '');
});

test('nesting, size and time are capped', () => {
  const chain: Record<string, string> = { 'domain.rng': `<element name="domain" ${NS}><externalRef href="f1.rng"/></element>` };
  for (let i = 1; i < 5; i++) chain[`f${i}.rng`] = `<externalRef ${NS} href="f${i + 1}.rng"/>`;
  chain['f5.rng'] = `<empty ${NS}/>`;
  assert.equal(compileError(chain, { ...COMPILE_LIMITS, maxNesting: 6 }), '');
  assert.match(compileError(chain, { ...COMPILE_LIMITS, maxNesting: 3 }), /f2\.rng: externalRefs nest more than 3 files deep/);

  assert.match(compileError(exponential(30)), /the grammar is too large: it expands to more than 500000 patterns and definitions/);
  assert.match(compileError(exponential(30), { ...COMPILE_LIMITS, maxSteps: Infinity, timeBudgetMs: 50 }), /compiling took longer than 0\.05 s, and was stopped/);
});

test("libvirt's own schema fits the limits with room to spare", (t) => {
  const libvirt = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'libvirt-schemas', '12.8.0');
  if (!fs.existsSync(libvirt)) return t.skip('../shared/libvirt-schemas is not here');
  const reader = new SchemaFileReader();
  const grammar = compileGrammar(path.join(libvirt, 'domain.rng'), (file) => reader.read(file), { ...COMPILE_LIMITS, maxNesting: 8, maxSteps: COMPILE_LIMITS.maxSteps / 20 });
  assert.ok(grammar.elements.length > 500);
});

test('in the worker: a good schema loads, every hostile one is an error that says why', async () => {
  const good = directoryWith({ 'domain.rng': `<element name="domain" ${NS}><element name="name"><text/></element></element>` });
  const loaded = await loadUserSchemaInWorker(good, path.join(root, 'cache'));
  assert.ok('schema' in loaded, JSON.stringify(loaded));
  assert.equal(loaded.schema.grammar.elements.length, 2);
  assert.deepEqual(loaded.schema.origin, { libvirt: 'unknown', location: good });

  const hostile = makeHostileSchemas(fs.mkdtempSync(path.join(root, 'hostile-')));
  assert.equal(hostile.length, HOSTILE_SCHEMAS.length);
  for (const { name, directory, reason } of hostile) {
    const result = await loadUserSchemaInWorker(directory, path.join(root, 'cache'));
    assert.ok('error' in result, name);
    assert.match(result.error, reason, name);
  }
});

test("the worker's heap limit and timeout stop what the compile's own limits would let run", async () => {
  const directory = directoryWith(exponential(30));
  const cache = path.join(root, 'cache');
  assert.equal(errorOf(await loadUserSchemaInWorker(directory, cache, 'unknown', { limits: { timeoutMs: 100, maxHeapMb: 512 } })), 'compiling took longer than 0.1 s, and was stopped');
  assert.equal(errorOf(await loadUserSchemaInWorker(directory, cache, 'unknown', { limits: { timeoutMs: 60_000, maxHeapMb: 16 } })), 'compiling needed more than 16 MB of memory, and was stopped');
  const cancelled = new AbortController();
  cancelled.abort();
  assert.deepEqual(await loadUserSchemaInWorker(directory, cache, 'unknown', { signal: cancelled.signal }), schemaError(words('userSchema.cancelled')));
});

test('a schema whose load killed the process is not loaded again until its directory changes', async () => {
  const directory = directoryWith({ 'domain.rng': `<element name="domain" ${NS}><empty/></element>` });
  const state = path.join(root, 'state');
  const diedPid = dieWhileLoading(directory, state);
  assert.equal(fs.readdirSync(state).length, 1, 'the marker is left behind');

  let loads = 0;
  const load = async () => {
    loads++;
    return failed('loaded');
  };
  const skipped = await loadUnlessItCrashedBefore(directory, state, load);
  assert.ok('error' in skipped);
  assert.match(skipped.error, new RegExp(`^loading this schema stopped the language server \\(at \\d{4}-.*\\), so it is not loaded again until a file in ${directory} changes$`));
  assert.equal(loads, 0);

  fs.writeFileSync(path.join(directory, 'domain.rng'), `<element name="domain" ${NS}><text/></element>`);
  assert.deepEqual(await loadUnlessItCrashedBefore(directory, state, load), failed('loaded'));
  assert.equal(loads, 1);
  assert.equal(fs.readdirSync(state).filter((name) => !fs.readFileSync(path.join(state, name), 'utf8').includes(`"pid":${diedPid}`)).length, 0, 'a load that ends clears its marker');
});

test('a load under way in another running process is no crash', async () => {
  const directory = directoryWith({ 'domain.rng': `<element name="domain" ${NS}><empty/></element>` });
  const state = path.join(root, 'state of a running process');
  let markers: string[] = [];
  await loadUnlessItCrashedBefore(directory, state, async () => {
    markers = fs.readdirSync(state);
    return failed('first');
  });
  assert.equal(markers.length, 1, 'the marker exists while the load runs');
  // The same marker left by a process that still runs (this one's parent).
  fs.writeFileSync(path.join(state, markers[0]), JSON.stringify({ pid: process.ppid, directory, started: 'now' }));
  assert.deepEqual(await loadUnlessItCrashedBefore(directory, state, async () => failed('loaded')), failed('loaded'));
});
