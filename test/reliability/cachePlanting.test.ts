/**
 * Planting the compiled-schema cache, as another local user would (issue 11): `domxml check
 * --schema DIR` (the bundled CLI as a process) and the server over stdio must not believe an
 * entry they did not write themselves, must not hang on a FIFO or eat memory on /dev/zero, and
 * must say why they ignored it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SCHEMA_IN_USE_NOTIFICATION, SchemaInUse } from '../../server/src/protocol';
import { MAX_CACHE_ENTRY_BYTES, SchemaCache } from '../../server/src/schema/schemaCache';
import { LspClient } from '../lsp/lspClient';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const OTHER_UID = 65534;
const asRoot = process.getuid?.() === 0 ? false : 'needs root, to give a directory to another user';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-cache-planting-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function writeFile(relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

// The user's schema: <domain> holds a <name> and a <colour> that is red or blue.
const STRICT = path.dirname(
  writeFile(
    'strict/domain.rng',
    `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="domain">
      <element name="name"><text/></element>
      <element name="colour"><choice><value>red</value><value>blue</value></choice></element>
    </element></start></grammar>`,
  ),
);
// What the attacker's model accepts: any element, any attribute, any text.
const ANYTHING = path.dirname(
  writeFile(
    'anything/domain.rng',
    `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>
      <define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></define>
    </grammar>`,
  ),
);
const FOUR_ERRORS = writeFile('four-errors.xml', "<domain type='kvm'>\n  <name>web01</name>\n  <colour>green</colour>\n  <memory>1</memory>\n  <vcpu>2</vcpu>\n</domain>\n");
// Prints the process's peak resident memory at exit: spawnSync reports none.
const PEAK_MEMORY = writeFile('peak-memory.js', "process.on('exit', () => process.stderr.write(`peak memory: ${process.resourceUsage().maxRSS} KiB\\n`));\n");

interface Run {
  status: number | null;
  errors: number;
  stderr: string;
  peakKiB: number;
}

/** `domxml check --schema STRICT FOUR_ERRORS` with the cache under `cacheHome`. */
function checkWithCache(cacheHome: string): Run {
  const result = spawnSync(process.execPath, ['--require', PEAK_MEMORY, CLI, 'check', '--schema', STRICT, FOUR_ERRORS], {
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
    encoding: 'utf8',
    // A hang guard, not a speed check: a planted FIFO used to block for good.
    timeout: 60_000,
  });
  assert.equal(result.error, undefined, 'the check finished');
  const peak = /peak memory: (\d+) KiB/.exec(result.stderr);
  assert.ok(peak, result.stderr);
  return { status: result.status, errors: (result.stdout.match(/: error: /g) ?? []).length, stderr: result.stderr, peakKiB: Number(peak[1]) };
}

let homes = 0;
/** A fresh $XDG_CACHE_HOME, and the cache directory the CLI makes in it. */
function freshCacheHome(): { home: string; cache: string } {
  const home = path.join(root, `home-${homes++}`);
  fs.mkdirSync(home, { mode: 0o700 });
  return { home, cache: path.join(home, 'libvirt-xml') };
}

/** The single entry a run left in `cache`: [name, payload]. */
function onlyEntry(cache: string): [string, string] {
  const names = fs.readdirSync(cache);
  assert.equal(names.length, 1, names.join(', '));
  const read = (SchemaCache.open(cache) as SchemaCache).read(names[0]);
  assert.ok(read && 'payload' in read, JSON.stringify(read));
  return [names[0], read.payload];
}

// The clean run: the document's 4 errors, and the entry the CLI writes for STRICT.
const clean = freshCacheHome();
const baseline = checkWithCache(clean.home);
const [ENTRY_NAME, strictPayload] = onlyEntry(clean.cache);
// The attacker's entry: STRICT's, file hashes and all, with the model of ANYTHING.
const anythingHome = freshCacheHome();
spawnSync(process.execPath, [CLI, 'check', '--schema', ANYTHING, FOUR_ERRORS], { env: { ...process.env, XDG_CACHE_HOME: anythingHome.home }, timeout: 60_000 });
const PLANTED = JSON.stringify({ ...JSON.parse(strictPayload), model: JSON.parse(onlyEntry(anythingHome.cache)[1]).model });

test('the document has 4 errors, and a planted model would hide them if it were believed', () => {
  assert.equal(baseline.status, 1);
  assert.equal(baseline.errors, 4, baseline.stderr);
  assert.equal(checkWithCache(clean.home).errors, 4, 'from the cache, the same');
  // This user's own cache is trusted: the planted model, with a matching hash, makes the
  // document clean. So the tests below, where it must not be believed, can fail.
  const own = freshCacheHome();
  (SchemaCache.open(own.cache) as SchemaCache).write(ENTRY_NAME, PLANTED);
  const believed = checkWithCache(own.home);
  assert.equal(believed.status, 0, believed.stderr);
  assert.equal(believed.errors, 0);
});

/** Plants `PLANTED` (with a hash that matches it) in a cache directory set up by `prepare`, and checks. */
function checkPlanted(prepare: (cache: string) => void): Run {
  const planted = freshCacheHome();
  (SchemaCache.open(planted.cache) as SchemaCache).write(ENTRY_NAME, PLANTED);
  prepare(planted.cache);
  return checkWithCache(planted.home);
}

function assertFourErrors(run: Run, why: RegExp): void {
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.errors, 4, run.stderr);
  assert.match(run.stderr, why);
}

test("a planted entry in another user's cache directory is not believed", { skip: asRoot }, () => {
  const run = checkPlanted((cache) => {
    fs.chmodSync(cache, 0o755);
    fs.chownSync(cache, OTHER_UID, OTHER_UID);
    fs.chownSync(path.join(cache, ENTRY_NAME), OTHER_UID, OTHER_UID);
  });
  assertFourErrors(run, new RegExp(`domxml: not using the schema cache .*: it belongs to uid ${OTHER_UID}, not to this user`));
});

test('a planted entry in a cache directory others can write to is not believed', () => {
  for (const mode of [0o777, 0o775]) {
    assertFourErrors(
      checkPlanted((cache) => fs.chmodSync(cache, mode)),
      new RegExp(`domxml: not using the schema cache .*: others can write to it \\(mode ${mode.toString(8)}\\)`),
    );
  }
});

test('a tampered entry whose content no longer matches its hash is ignored', () => {
  const run = checkPlanted((cache) => {
    const file = path.join(cache, ENTRY_NAME);
    const [header] = fs.readFileSync(path.join(clean.cache, ENTRY_NAME), 'utf8').split('\n');
    fs.writeFileSync(file, `${header}\n${PLANTED}`);
  });
  assertFourErrors(run, /domxml: ignored the schema cache entry .*: its content does not match the SHA-256 in its header/);
});

test('a FIFO, a link to /dev/zero and an oversized file as the entry are ignored, without a hang, in bounded memory', () => {
  const fifo = checkPlanted((cache) => {
    fs.rmSync(path.join(cache, ENTRY_NAME));
    assert.equal(spawnSync('mkfifo', [path.join(cache, ENTRY_NAME)]).status, 0, 'mkfifo');
  });
  assertFourErrors(fifo, /: it is not a regular file/);

  const zero = checkPlanted((cache) => {
    fs.rmSync(path.join(cache, ENTRY_NAME));
    fs.symlinkSync('/dev/zero', path.join(cache, ENTRY_NAME));
  });
  assertFourErrors(zero, /: it is a symbolic link/);

  const huge = checkPlanted((cache) => fs.truncateSync(path.join(cache, ENTRY_NAME), MAX_CACHE_ENTRY_BYTES + 1));
  assertFourErrors(huge, /: it is larger than the bound of/);

  // Each compiles the schema as the clean run did, and reads nothing more: its peak memory is
  // the clean run's, give or take (reading /dev/zero used to take 2 GB).
  for (const run of [fifo, zero, huge]) assert.ok(run.peakKiB < baseline.peakKiB + 64 * 1024, `${run.peakKiB} KiB against ${baseline.peakKiB} KiB`);
});

test('the server logs why it does not use a cache directory others can write to, and compiles the schema', async () => {
  const cache = path.join(root, 'server-cache');
  fs.mkdirSync(cache, { mode: 0o700 });
  fs.chmodSync(cache, 0o777);
  const client = await LspClient.start({ cacheDirectory: cache }, [SCHEMA_IN_USE_NOTIFICATION]);
  try {
    const inUse = client.waitForNotification<SchemaInUse>(SCHEMA_IN_USE_NOTIFICATION, (notice) => notice.location === STRICT);
    await client.configure({ schema: { path: STRICT } });
    assert.equal((await inUse).error, undefined);
    assert.ok(client.logs.some((log) => log === `not using the schema cache ${cache}: others can write to it (mode 777); run chmod go-w on it`), client.logs.join('\n'));
    assert.ok(client.logs.some((log) => log.endsWith(': 1 file, compiled')), client.logs.join('\n'));
    assert.deepEqual(fs.readdirSync(cache), [], 'nothing written there either');
  } finally {
    await client.stop();
  }
});
