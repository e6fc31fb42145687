/** Replacing a file: through a temporary file, keeping link, mode and owner, and never over a newer save. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { NotReplacedError, readForReplace, replaceFile, writeFileAtomically } from '../../server/src/safeWrite';

const isRoot = process.getuid?.() === 0;

/** Runs `body` in a fresh directory holding `web01.xml`, and removes it afterwards. */
function inDirectory(body: (directory: string, file: string) => void): void {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-write-'));
  try {
    const file = path.join(directory, 'web01.xml');
    fs.writeFileSync(file, '<domain/>');
    body(directory, file);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

test('a new file is renamed over the old one: a link followed and kept, the mode kept, nothing left over', () => {
  inDirectory((directory, target) => {
    const link = path.join(directory, 'link.xml');
    fs.chmodSync(target, 0o640);
    fs.symlinkSync('web01.xml', link);
    const inode = fs.statSync(target).ino;
    replaceFile(readForReplace(link), '<domain type="kvm"/>');
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readlinkSync(link), 'web01.xml');
    assert.equal(fs.readFileSync(target, 'utf8'), '<domain type="kvm"/>');
    assert.equal(fs.statSync(target).mode & 0o7777, 0o640);
    assert.notEqual(fs.statSync(target).ino, inode, 'a new file was renamed over the old one');
    assert.deepEqual(fs.readdirSync(directory).sort(), ['link.xml', 'web01.xml']);
  });
});

test('the owner and the special mode bits are kept (as root, the file given to another user)', { skip: !isRoot && 'only root can give a file to another owner' }, () => {
  inDirectory((_directory, file) => {
    fs.chownSync(file, 65534, 65534);
    fs.chmodSync(file, 0o2751);
    replaceFile(readForReplace(file), '<domain type="kvm"/>');
    const stats = fs.statSync(file);
    assert.deepEqual([stats.uid, stats.gid, stats.mode & 0o7777], [65534, 65534, 0o2751]);
  });
});

/** Reads the file, lets `meanwhile` change it, then tries to replace it: it must refuse and leave what `meanwhile` left. */
function assertNotReplacedAfter(meanwhile: (file: string, directory: string) => void, named = 'web01.xml'): void {
  inDirectory((directory) => {
    fs.symlinkSync('web01.xml', path.join(directory, 'link.xml'));
    const read = readForReplace(path.join(directory, named));
    meanwhile(path.join(directory, 'web01.xml'), directory);
    const left = fs.existsSync(path.join(directory, 'web01.xml')) ? fs.readFileSync(path.join(directory, 'web01.xml'), 'utf8') : undefined;
    const names = fs.readdirSync(directory).sort();
    assert.throws(() => replaceFile(read, '<domain type="fixed"/>'), (error) => error instanceof NotReplacedError && / since it was read$/.test(error.message));
    assert.equal(fs.existsSync(path.join(directory, 'web01.xml')) ? fs.readFileSync(path.join(directory, 'web01.xml'), 'utf8') : undefined, left);
    assert.deepEqual(fs.readdirSync(directory).sort(), names, 'no temporary file is left');
  });
}

test('a file saved between the read and the replace is left as the other writer saved it', () => {
  assertNotReplacedAfter((file) => fs.writeFileSync(file, '<domain type="saved"/>'));
});

test('a same-size save with the old modification time put back is still seen', () => {
  assertNotReplacedAfter((file) => {
    const { atime, mtime } = fs.statSync(file);
    fs.writeFileSync(file, '<DOMAIN/>');
    fs.utimesSync(file, atime, mtime);
  });
});

test('an editor that saves by renaming a new file over it, or a deletion, is seen', () => {
  assertNotReplacedAfter((file, directory) => {
    fs.writeFileSync(path.join(directory, 'new'), '<domain/>');
    fs.renameSync(path.join(directory, 'new'), file);
  });
  assertNotReplacedAfter((file) => fs.rmSync(file));
});

test('a link pointed elsewhere meanwhile is seen', () => {
  assertNotReplacedAfter((_file, directory) => {
    fs.writeFileSync(path.join(directory, 'other.xml'), '<domain/>');
    fs.rmSync(path.join(directory, 'link.xml'));
    fs.symlinkSync('other.xml', path.join(directory, 'link.xml'));
  }, 'link.xml');
});

test('a mode changed meanwhile is seen (it would otherwise be put back)', () => {
  assertNotReplacedAfter((file) => fs.chmodSync(file, 0o600));
});

test('what cannot be replaced without a loss is refused: a FIFO (without blocking), a file with hard links', () => {
  inDirectory((directory, file) => {
    const fifo = path.join(directory, 'pipe.xml');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => readForReplace(fifo), (error) => error instanceof NotReplacedError && error.message === 'is not a regular file');
    fs.linkSync(file, path.join(directory, 'hard.xml'));
    assert.throws(() => replaceFile(readForReplace(file), '<x/>'), /has 2 hard links/);
    assert.equal(fs.readFileSync(file, 'utf8'), '<domain/>');
  });
});

test('a read-only file stays so, although its directory is writable', { skip: isRoot && 'root may write any file' }, () => {
  inDirectory((_directory, file) => {
    fs.chmodSync(file, 0o444);
    assert.throws(() => replaceFile(readForReplace(file), '<x/>'), { code: 'EACCES' });
    assert.equal(fs.readFileSync(file, 'utf8'), '<domain/>');
  });
});

test('writeFileAtomically writes a new file or a whole new version with the mode asked, and leaves no temporary file', () => {
  inDirectory((directory, file) => {
    const made = path.join(directory, 'made.json');
    writeFileAtomically(made, '{"a":1}\n', 0o600);
    assert.equal(fs.readFileSync(made, 'utf8'), '{"a":1}\n');
    assert.equal(fs.statSync(made).mode & 0o777, 0o600);
    writeFileAtomically(file, '<domain type="kvm"/>');
    assert.equal(fs.readFileSync(file, 'utf8'), '<domain type="kvm"/>');
    // A write that cannot happen (here: the content is not writable data) leaves what was there.
    assert.throws(() => writeFileAtomically(made, Symbol('not data') as unknown as string));
    assert.equal(fs.readFileSync(made, 'utf8'), '{"a":1}\n');
    assert.deepEqual(fs.readdirSync(directory).sort(), ['made.json', 'web01.xml']);
  });
});
