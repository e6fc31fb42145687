import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeExactText } from '../../server/src/cli/files';

test('a fixed file is written through a temporary file renamed over it: mode kept, a link followed, nothing left over', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-write-'));
  try {
    const target = path.join(directory, 'web01.xml');
    const link = path.join(directory, 'link.xml');
    fs.writeFileSync(target, '<domain/>');
    fs.chmodSync(target, 0o640);
    fs.symlinkSync(target, link);
    const before = fs.statSync(target).ino;
    writeExactText(link, { text: '<domain type="kvm"/>', byteOrderMark: true });
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readFileSync(target, 'utf8'), '\ufeff<domain type="kvm"/>');
    assert.equal(fs.statSync(target).mode & 0o777, 0o640);
    assert.notEqual(fs.statSync(target).ino, before, 'a new file was renamed over the old one');
    assert.deepEqual(fs.readdirSync(directory).sort(), ['link.xml', 'web01.xml']);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});
