/**
 * `domxml` when the file system works against it: a full disk, a save made while `fix` runs, links,
 * an unreadable directory. Nothing may be lost or cut, and the exit status must say what happened.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestContext, after, before, test } from 'node:test';
import { BAD_PLACEMENT, FIXABLE, RunOptions, VALID, runDomxml } from '../lsp/domxmlProcess';

const FIXED = FIXABLE.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'");
const isRoot = process.getuid?.() === 0;

let workDir: string;
before(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-failures-'));
});
after(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

const domxml = (args: string[], options: Partial<RunOptions> = {}) => runDomxml(args, { cwd: workDir, ...options });
const at = (relative: string): string => path.join(workDir, relative);

function write(relative: string, text: string): string {
  fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
  fs.writeFileSync(at(relative), text);
  return relative;
}

test('fix on a link named on the command line: the target is fixed, the link kept, mode and owner kept', () => {
  write('linked/real/web01.xml', FIXABLE);
  fs.chmodSync(at('linked/real/web01.xml'), 0o640);
  if (isRoot) fs.chownSync(at('linked/real/web01.xml'), 65534, 65534);
  fs.symlinkSync('real/web01.xml', at('linked/web01.xml'));
  const run = domxml(['fix', 'linked/web01.xml']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(fs.readlinkSync(at('linked/web01.xml')), 'real/web01.xml');
  assert.equal(fs.readFileSync(at('linked/real/web01.xml'), 'utf8'), FIXED);
  const stats = fs.statSync(at('linked/real/web01.xml'));
  assert.equal(stats.mode & 0o7777, 0o640);
  if (isRoot) assert.deepEqual([stats.uid, stats.gid], [65534, 65534]);
  assert.deepEqual(fs.readdirSync(at('linked/real')), ['web01.xml'], 'no temporary file is left');
});

test('a save made while fix runs is kept: fix leaves the file, says so and exits 2', () => {
  const file = write('race/web01.xml', FIXABLE);
  const saved = VALID.replace('web01', 'saved-meanwhile');
  // Preloaded into the checker: when fix creates its temporary file (it has read the document and
  // fixed it, and has not replaced it yet), another writer saves the document.
  const hook = write(
    'race/save-meanwhile.cjs',
    `const fs = require('node:fs');
const open = fs.openSync;
fs.openSync = function (file, flags, ...rest) {
  const descriptor = open.call(this, file, flags, ...rest);
  if (flags === 'wx' && String(file).endsWith('.tmp')) {
    fs.openSync = open;
    fs.writeFileSync(process.env.SAVE_TO, process.env.SAVE_TEXT);
  }
  return descriptor;
};
`,
  );
  const run = domxml(['fix', file], { nodeArguments: ['--require', at(hook)], env: { ...process.env, SAVE_TO: at(file), SAVE_TEXT: saved } });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(fs.readFileSync(at(file), 'utf8'), saved, 'the save made meanwhile is what the file holds');
  assert.match(run.stderr, /^domxml: race\/web01\.xml changed since it was read: left as it is$/m);
  assert.match(run.stderr, /1 could not be fixed\n$/);
  assert.deepEqual(fs.readdirSync(at('race')).sort(), ['save-meanwhile.cjs', 'web01.xml'], 'no temporary file is left');
});

/** Mounts a tmpfs of `size` at a fresh directory for `body`, unmounted afterwards; the test skips where mounting is not allowed. */
function withSmallDisk(t: TestContext, size: string, body: (mount: string) => void): void {
  const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-full-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount], { encoding: 'utf8' });
    if (mounted.error || mounted.status !== 0) {
      t.skip(`cannot mount a tmpfs here (CI runs as root): ${mounted.error?.message ?? mounted.stderr.trim()}`);
      return;
    }
    try {
      body(mount);
    } finally {
      spawnSync('umount', [mount]);
    }
  } finally {
    fs.rmdirSync(mount);
  }
}

test('fix on a full disk: the original is intact byte for byte, no temporary file is left, exit 2', (t) => {
  withSmallDisk(t, '64k', (mount) => {
    // 40 KB: on a 64 KB disk, the fixed copy cannot be written beside it.
    const big = FIXABLE.replace('<devices>', `<!--${'padding '.repeat(5_000)}-->\n  <devices>`);
    const file = path.join(mount, 'big.xml');
    fs.writeFileSync(file, big);
    const before = fs.readFileSync(file);
    const run = domxml(['fix', file]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /cannot write .*big\.xml: no space left on device: left as it was/);
    assert.ok(fs.readFileSync(file).equals(before), 'the original is intact');
    assert.deepEqual(fs.readdirSync(mount), ['big.xml'], 'no temporary file is left');
    // With room again, the same run fixes it.
    fs.writeFileSync(file, FIXABLE);
    assert.equal(domxml(['fix', file]).status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
  });
});

test('a directory walk: links inside the tree are checked under their name, one out of it is skipped and said, exit 2', () => {
  write('walk/real/bad.xml', BAD_PLACEMENT);
  write('walk/real/guest.conf', BAD_PLACEMENT);
  write('outside.xml', BAD_PLACEMENT);
  fs.symlinkSync('real/bad.xml', at('walk/alias.xml'));
  fs.symlinkSync('real/guest.conf', at('walk/guest.xml'));
  fs.symlinkSync('../outside.xml', at('walk/out.xml'));
  fs.symlinkSync('loop.xml', at('walk/loop.xml'));
  const run = domxml(['check', 'walk']);
  assert.equal(run.status, 2, 'not everything could be checked');
  assert.deepEqual(
    run.lines.map((line) => line.split(': ')[0]),
    ['walk/guest.xml:4:19', 'walk/real/bad.xml:4:19'],
    'the link to a document reached anyway is checked once, under the name the walk reaches it by',
  );
  assert.equal(
    run.stderr,
    [
      `domxml: cannot read walk/loop.xml: a loop of symbolic links`,
      `domxml: skipped walk/out.xml: a symbolic link to ${fs.realpathSync(at('outside.xml'))}, outside walk (name it to check it)`,
      'domxml: checked 2 documents: 2 errors in 2 documents; 2 could not be checked',
      '',
    ].join('\n'),
  );
});

/** As root, permissions stop nobody's reads only: the checker then runs as nobody. */
const unprivileged: { user?: { uid: number; gid: number } } = isRoot ? { user: { uid: 65534, gid: 65534 } } : {};

test('an unreadable subdirectory is reported and the rest of the tree is checked, exit 2', () => {
  write('locked-tree/a/bad.xml', BAD_PLACEMENT);
  write('locked-tree/locked/hidden.xml', BAD_PLACEMENT);
  write('locked-tree/z/ok.xml', VALID);
  fs.chmodSync(workDir, 0o755); // for nobody to reach the tree
  fs.chmodSync(at('locked-tree/locked'), 0o000);
  try {
    const run = domxml(['check', 'locked-tree'], unprivileged);
    assert.equal(run.status, 2, run.stderr);
    assert.deepEqual(run.lines.map((line) => line.split(': ')[0]), ['locked-tree/a/bad.xml:4:19']);
    assert.equal(run.stderr, 'domxml: cannot read the directory locked-tree/locked: permission denied\ndomxml: checked 2 documents: 1 error in 1 document; 1 could not be checked\n');
  } finally {
    fs.chmodSync(at('locked-tree/locked'), 0o755);
  }
});
