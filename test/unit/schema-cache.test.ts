import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { MAX_CACHE_ENTRY_BYTES, SchemaCache, defaultCacheDirectory } from '../../server/src/schema/schemaCache';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-schema-cache-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Another user's uid: the tests that chown need root (CI runs as root) and skip otherwise. */
const OTHER_UID = 65534;
const asRoot = process.getuid?.() === 0 ? false : 'needs root, to give a file to another user';

let made = 0;
/** A new cache directory that passes the checks. */
function freshCache(): SchemaCache {
  const opened = SchemaCache.open(path.join(root, `cache-${made++}`));
  assert.ok(opened instanceof SchemaCache, JSON.stringify(opened));
  return opened;
}

function problemOf(result: unknown): string {
  assert.ok(typeof result === 'object' && result !== null && 'problem' in result, `a problem expected, got ${JSON.stringify(result)}`);
  return String(result.problem);
}

test('the default cache is per user, under $XDG_CACHE_HOME or ~/.cache, never the temporary directory', () => {
  assert.equal(defaultCacheDirectory({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me'), '/var/cache/me/libvirt-xml');
  // A relative XDG_CACHE_HOME is invalid (XDG base directory spec) and ignored.
  assert.equal(defaultCacheDirectory({ XDG_CACHE_HOME: 'cache' }, '/home/me'), '/home/me/.cache/libvirt-xml');
  assert.equal(defaultCacheDirectory({ TMPDIR: '/tmp' }, '/home/me'), '/home/me/.cache/libvirt-xml');
});

test('an entry written is read back; the directory is 0700, the entry 0600, no temporary file is left', () => {
  const cache = freshCache();
  assert.equal(cache.read('a.json'), undefined, 'no entry yet');
  cache.write('a.json', '{"model":"ünïcode"}');
  assert.deepEqual(cache.read('a.json'), { payload: '{"model":"ünïcode"}' });
  assert.deepEqual(fs.readdirSync(cache.directory), ['a.json']);
  assert.equal(fs.statSync(cache.directory).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(cache.directory, 'a.json')).mode & 0o777, 0o600);
  const [header] = fs.readFileSync(path.join(cache.directory, 'a.json'), 'utf8').split('\n');
  assert.match(header, /^libvirt-xml-schema-cache sha256=[0-9a-f]{64}$/);
  cache.write('a.json', 'replaced');
  assert.deepEqual(cache.read('a.json'), { payload: 'replaced' });
});

test('a cache directory others can write to, or that is a link or not a directory, is not used and says why', () => {
  const shared = path.join(root, 'shared');
  fs.mkdirSync(shared, { mode: 0o700 });
  for (const mode of [0o770, 0o777, 0o1777, 0o702]) {
    fs.chmodSync(shared, mode);
    assert.equal(problemOf(SchemaCache.open(shared)), `not using the schema cache ${shared}: others can write to it (mode ${(mode & 0o777).toString(8)}); run chmod go-w on it`);
  }
  fs.chmodSync(shared, 0o755);
  assert.ok(SchemaCache.open(shared) instanceof SchemaCache, 'readable by others is fine: only writing plants');

  const link = path.join(root, 'link');
  fs.symlinkSync(freshCache().directory, link);
  assert.match(problemOf(SchemaCache.open(link)), /: it is a symbolic link$/);
  const file = path.join(root, 'a-file');
  fs.writeFileSync(file, '');
  assert.match(problemOf(SchemaCache.open(file)), /^not using the schema cache .*a-file: EEXIST/);
  assert.equal(problemOf(SchemaCache.open('relative/cache')), 'not using the schema cache relative/cache: it is not an absolute path');
});

test("another user's cache directory is not used", { skip: asRoot }, () => {
  const theirs = path.join(root, 'theirs');
  fs.mkdirSync(theirs, { mode: 0o755 });
  fs.chownSync(theirs, OTHER_UID, OTHER_UID);
  assert.equal(problemOf(SchemaCache.open(theirs)), `not using the schema cache ${theirs}: it belongs to uid ${OTHER_UID}, not to this user (uid 0); remove it`);
});

test('an entry that is not a regular file of ours, is too large or does not match its hash is ignored, and reading it never blocks', { timeout: 60_000 }, () => {
  const cache = freshCache();
  const at = (name: string) => path.join(cache.directory, name);
  const ignored = (name: string) => problemOf(cache.read(name)).replace(`ignored the schema cache entry ${at(name)}: `, '');

  fs.symlinkSync('/dev/zero', at('zero.json'));
  assert.equal(ignored('zero.json'), 'it is a symbolic link');
  // Even a link to a good entry: a link is not what the cache writes.
  cache.write('good.json', 'good');
  fs.symlinkSync(at('good.json'), at('link.json'));
  assert.equal(ignored('link.json'), 'it is a symbolic link');

  assert.equal(spawnSync('mkfifo', [at('fifo.json')]).status, 0, 'mkfifo');
  assert.equal(ignored('fifo.json'), 'it is not a regular file');
  fs.mkdirSync(at('directory.json'));
  assert.equal(ignored('directory.json'), 'it is not a regular file');

  // Sparse: large without using the disk.
  fs.writeFileSync(at('huge.json'), '');
  fs.truncateSync(at('huge.json'), MAX_CACHE_ENTRY_BYTES + 1);
  assert.equal(ignored('huge.json'), `it is larger than the bound of ${MAX_CACHE_ENTRY_BYTES} bytes (${MAX_CACHE_ENTRY_BYTES + 1} bytes)`);

  const written = fs.readFileSync(at('good.json'), 'utf8');
  fs.writeFileSync(at('tampered.json'), written.replace('good', 'evil'));
  assert.equal(ignored('tampered.json'), 'its content does not match the SHA-256 in its header');
  fs.writeFileSync(at('cut.json'), written.slice(0, -1));
  assert.equal(ignored('cut.json'), 'its content does not match the SHA-256 in its header');
  fs.writeFileSync(at('bare.json'), 'good');
  assert.equal(ignored('bare.json'), 'it has no libvirt-xml-schema-cache header');

  assert.throws(() => cache.write('too-big.json', 'x'.repeat(MAX_CACHE_ENTRY_BYTES)), /over the cache's bound/);
  assert.equal(fs.existsSync(at('too-big.json')), false);
});

test("an entry of another user's, or a device, is ignored", { skip: asRoot }, () => {
  const cache = freshCache();
  const at = (name: string) => path.join(cache.directory, name);
  cache.write('theirs.json', 'payload');
  fs.chownSync(at('theirs.json'), OTHER_UID, OTHER_UID);
  assert.match(problemOf(cache.read('theirs.json')), new RegExp(`: it belongs to uid ${OTHER_UID}, not to this user \\(uid 0\\)$`));
  // /dev/zero's own device numbers, made in place of an entry: never opened.
  assert.equal(spawnSync('mknod', [at('zero.json'), 'c', '1', '5']).status, 0, 'mknod');
  assert.match(problemOf(cache.read('zero.json')), /: it is not a regular file$/);
});
