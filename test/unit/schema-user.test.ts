import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { documentFindings } from '../../server/src/features/diagnostics';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { compileGrammar } from '../../server/src/schema/compileGrammar';
import { Schema } from '../../server/src/schema/schema';
import { SchemaCache } from '../../server/src/schema/schemaCache';
import { chooseSchema, detectLibvirtVersion, loadUserSchema, requestedSchemaDirectory } from '../../server/src/schema/userSchema';
import { Analysis } from '../../server/src/features/analysis';
import { render } from '../../server/src/messages/words';

const RNG = 'xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"';
const DOMAIN_RNG = `<grammar ${RNG}><include href="common.rng"/><start><element name="domain"><ref name="name"/><ref name="colour"/></element></start></grammar>`;
const commonRng = (colours: string[]) =>
  `<grammar ${RNG}><define name="name"><element name="name"><data type="NCName"/></element></define>` +
  `<define name="colour"><element name="colour"><choice>${colours.map((c) => `<value>${c}</value>`).join('')}</choice></element></define></grammar>`;

const temporary: string[] = [];
after(() => {
  for (const directory of temporary) fs.rmSync(directory, { recursive: true, force: true });
});

/** A fresh schema directory with the given files, and an empty cache directory beside it. */
function setUp(files: Record<string, string>): { schemas: string; cache: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-user-schema-'));
  temporary.push(root);
  const schemas = path.join(root, 'schemas');
  fs.mkdirSync(schemas);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(schemas, name), text);
  return { schemas, cache: path.join(root, 'cache') };
}

function load(schemas: string, cache: string) {
  const result = loadUserSchema(schemas, cache);
  if ('error' in result) assert.fail(result.error);
  return result;
}

/** The findings' codes and messages for `xml` under `schema`. */
function check(schema: Schema, xml: string): string[] {
  return documentFindings(new Analysis(ParsedDocument.parse(xml), { limits: { maxProblems: 100, maxFileSizeMB: 16 }, schema: schema, host: undefined })).map((f) => `${f.code}: ${f.message}`);
}

function cacheFiles(cache: string): string[] {
  return fs.readdirSync(cache);
}

test('domain.rng and its includes compile into a schema that validates, and describes where it came from', () => {
  const { schemas, cache } = setUp({ 'domain.rng': DOMAIN_RNG, 'common.rng': commonRng(['red', 'blue']) });
  const loaded = load(schemas, cache);
  assert.equal(loaded.cached, false);
  assert.equal(loaded.files, 2);
  assert.equal(loaded.cacheProblem, undefined);
  assert.deepEqual(loaded.schema.origin, { libvirt: 'unknown', location: schemas });
  assert.equal(loaded.schema.describe(), `libvirt schema from ${schemas}`);
  assert.deepEqual(check(loaded.schema, '<domain><name>web01</name><colour>red</colour></domain>'), []);
  const [finding, ...rest] = check(loaded.schema, '<domain><name>web01</name><colour>green</colour></domain>');
  assert.match(finding, /red.*blue/);
  assert.deepEqual(rest, []);
  assert.equal(cacheFiles(cache).length, 1, 'one cache file, no temporary files left');
});

test('a second load uses the cache and validates the same', () => {
  const { schemas, cache } = setUp({ 'domain.rng': DOMAIN_RNG, 'common.rng': commonRng(['red', 'blue']) });
  const compiled = load(schemas, cache);
  const cached = load(schemas, cache);
  assert.equal(cached.cached, true);
  assert.equal(cached.files, 2);
  for (const xml of ['<domain><name>a</name><colour>blue</colour></domain>', '<domain><name>a b</name><colour>x</colour><extra/></domain>', '<domain/>']) {
    assert.deepEqual(check(cached.schema, xml), check(compiled.schema, xml), xml);
  }
});

test('changing an included file invalidates the cache', () => {
  const { schemas, cache } = setUp({ 'domain.rng': DOMAIN_RNG, 'common.rng': commonRng(['red', 'blue']) });
  load(schemas, cache);
  fs.writeFileSync(path.join(schemas, 'common.rng'), commonRng(['red', 'green']));
  const changed = load(schemas, cache);
  assert.equal(changed.cached, false);
  assert.deepEqual(check(changed.schema, '<domain><name>a</name><colour>green</colour></domain>'), []);
  const again = load(schemas, cache);
  assert.equal(again.cached, true);
  assert.deepEqual(check(again.schema, '<domain><name>a</name><colour>green</colour></domain>'), []);
  assert.equal(cacheFiles(cache).length, 1, 'the entry is replaced, not added to');
});

test('a corrupt cache entry is ignored and rewritten', () => {
  const { schemas, cache } = setUp({ 'domain.rng': DOMAIN_RNG, 'common.rng': commonRng(['red', 'blue']) });
  load(schemas, cache);
  const [file] = cacheFiles(cache);
  const entries = SchemaCache.open(cache) as SchemaCache;
  const written = fs.readFileSync(path.join(cache, file), 'utf8');
  const { payload } = entries.read(file) as { payload: string };
  const cases: [string, RegExp][] = [
    [written.slice(0, 1000), /its content does not match the SHA-256 in its header/], // cut off
    [written.replace('"cacheFormat":1', '"cacheFormat": 1'), /its content does not match the SHA-256 in its header/],
    [payload, /it has no libvirt-xml-schema-cache header/],
  ];
  for (const [garbage, why] of cases) {
    fs.writeFileSync(path.join(cache, file), garbage);
    const recompiled = load(schemas, cache);
    assert.equal(recompiled.cached, false);
    assert.match(recompiled.cacheProblem ?? '', why);
    assert.equal(load(schemas, cache).cached, true, 'rewritten');
  }
  // With a header that matches, but not a compiled schema.
  for (const garbage of ['{"cacheFormat": 1, "files": [', '{"cacheFormat":1,"files":[],"model":{}}', 'null']) {
    entries.write(file, garbage);
    const recompiled = load(schemas, cache);
    assert.equal(recompiled.cached, false, garbage);
    assert.match(recompiled.cacheProblem ?? '', /ignored the schema cache entry .*: it is not a compiled schema/);
    assert.equal(load(schemas, cache).cached, true, `rewritten after ${garbage}`);
  }
  // Parseable but wrong inside: the model cannot be rebuilt.
  const entry = JSON.parse((entries.read(file) as { payload: string }).payload) as { model: { patterns: unknown[] } };
  entry.model.patterns = [['no such pattern']];
  entries.write(file, JSON.stringify(entry));
  const rebuilt = load(schemas, cache);
  assert.equal(rebuilt.cached, false);
  assert.match(rebuilt.cacheProblem ?? '', /ignored the schema cache entry /);
  assert.deepEqual(check(rebuilt.schema, '<domain><name>a</name><colour>red</colour></domain>'), []);
});

test('a cache that cannot be written costs only the cache', () => {
  const { schemas, cache } = setUp({ 'domain.rng': DOMAIN_RNG, 'common.rng': commonRng(['red']) });
  fs.writeFileSync(cache, 'a file where the cache directory should be');
  const loaded = load(schemas, cache);
  assert.match(loaded.cacheProblem ?? '', /not using the schema cache .*: EEXIST/);
  assert.equal(load(schemas, cache).cached, false);
});

test('what cannot be used is an error that says why', () => {
  const missing = setUp({});
  const nowhere = loadUserSchema(path.join(missing.schemas, 'nowhere'), missing.cache);
  assert.ok('error' in nowhere);
  assert.equal(nowhere.error, `${path.join(missing.schemas, 'nowhere')} is not a directory`);
  assert.equal(render(nowhere.errorWords, 'zh'), `${path.join(missing.schemas, 'nowhere')} 不是目录`);
  const empty = loadUserSchema(missing.schemas, missing.cache);
  assert.ok('error' in empty);
  assert.equal(empty.error, `${missing.schemas} has no domain.rng`);

  const brokenInclude = setUp({ 'domain.rng': DOMAIN_RNG });
  const noInclude = loadUserSchema(brokenInclude.schemas, brokenInclude.cache);
  assert.ok('error' in noInclude);
  assert.match(noInclude.error, /common\.rng: cannot be read/);

  const notXml = setUp({ 'domain.rng': '<grammar' });
  const notWellFormed = loadUserSchema(notXml.schemas, notXml.cache);
  assert.ok('error' in notWellFormed);
  assert.match(notWellFormed.error, /domain\.rng: is not well-formed XML/);

  const badType = setUp({
    'domain.rng': `<grammar ${RNG}><start><element name="domain"><attribute name="at"><data type="colourName"/></attribute><data type="int"><param name="colour">red</param></data></element></start></grammar>`,
  });
  const unsupported = loadUserSchema(badType.schemas, badType.cache);
  assert.ok('error' in unsupported);
  assert.match(unsupported.error, /uses data types this extension cannot check: <data type="colourName">: .*; <data type="int">: .*colour/);
  assert.deepEqual(cacheFiles(badType.cache), [], 'nothing is cached for a schema that failed');
});

test('the settings name a directory, the system one when asked for, or the bundled schema', () => {
  const system = setUp({ 'domain.rng': DOMAIN_RNG });
  const empty = setUp({});
  assert.equal(requestedSchemaDirectory({ schemaPath: '', useSystemSchemas: false }, system.schemas), undefined);
  assert.deepEqual(requestedSchemaDirectory({ schemaPath: '', useSystemSchemas: true }, system.schemas), { directory: system.schemas });
  assert.deepEqual(requestedSchemaDirectory({ schemaPath: ' /opt/libvirt/schemas/ ', useSystemSchemas: true }, system.schemas), {
    directory: '/opt/libvirt/schemas',
  });
  assert.deepEqual(requestedSchemaDirectory({ schemaPath: '~/schemas', useSystemSchemas: false }), { directory: path.join(os.homedir(), 'schemas') });
  assert.match((requestedSchemaDirectory({ schemaPath: 'schemas', useSystemSchemas: false }) as { error: string }).error, /must be an absolute directory/);
  assert.match(
    (requestedSchemaDirectory({ schemaPath: '', useSystemSchemas: true }, empty.schemas) as { error: string }).error,
    /useSystemSchemas is on, but .*domain\.rng does not exist/,
  );
});

test("libvirt's version comes from the path, or for the system directory from virsh", async () => {
  assert.equal(await detectLibvirtVersion('/home/me/libvirt-schemas/12.8.0'), '12.8.0');
  assert.equal(await detectLibvirtVersion('/opt/libvirt-11.2.0/share/libvirt/schemas'), '11.2.0');
  assert.equal(await detectLibvirtVersion('/home/me/schemas', '/usr/share/libvirt/schemas', [process.execPath, '-e', 'console.log("10.0.0")']), 'unknown');
  assert.equal(await detectLibvirtVersion('/usr/share/libvirt/schemas', '/usr/share/libvirt/schemas', [process.execPath, '-e', 'console.log("10.0.0")']), '10.0.0');
  assert.equal(await detectLibvirtVersion('/usr/share/libvirt/schemas', '/usr/share/libvirt/schemas', [process.execPath, '-e', 'console.log("oops")']), 'unknown');
  assert.equal(await detectLibvirtVersion('/usr/share/libvirt/schemas', '/usr/share/libvirt/schemas', [path.join(os.tmpdir(), 'no-such-virsh')]), 'unknown');
});

test('the schema chosen from the settings, or the bundled one with the reason', async () => {
  const bundled = new Schema(compileGrammar('/bundled.rng', () => `<element name="domain" ${RNG}><empty/></element>`), { libvirt: '12.8.0', location: 'bundled' });
  const { schemas, cache } = setUp({ 'domain.rng': DOMAIN_RNG, 'common.rng': commonRng(['red']) });
  const system = path.join(schemas, 'nowhere');

  const unset = await chooseSchema({ schemaPath: '', useSystemSchemas: false }, bundled, cache, system);
  assert.equal(unset.schema, bundled);
  assert.deepEqual(unset.inUse, { description: 'libvirt 12.8.0 (bundled)', libvirt: '12.8.0', location: 'bundled' });

  const user = await chooseSchema({ schemaPath: schemas, useSystemSchemas: false }, bundled, cache, system);
  assert.notEqual(user.schema, bundled);
  assert.deepEqual(user.inUse, { description: `libvirt schema from ${schemas}`, libvirt: 'unknown', location: schemas });
  assert.deepEqual(user.notes, [`libvirt schema from ${schemas}: 2 files, compiled`]);
  assert.deepEqual(check(user.schema!, '<domain><name>a</name><colour>red</colour></domain>'), []);

  const noSystem = await chooseSchema({ schemaPath: '', useSystemSchemas: true }, bundled, cache, system);
  assert.equal(noSystem.schema, bundled);
  assert.match(noSystem.inUse.error ?? '', /useSystemSchemas is on, but/);

  const broken = await chooseSchema({ schemaPath: system, useSystemSchemas: false }, undefined, cache, system);
  assert.equal(broken.schema, undefined);
  assert.deepEqual(broken.inUse, { description: 'no schema: well-formedness is checked only', libvirt: 'unknown', location: 'none', error: `${system} is not a directory` });
});
