import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DirectoryEntry, PATH_LIMITS, PathQuery, ReadDirectory, ReadRequest, completePath, pathQueryAt } from '../../server/src/features/pathCompletion';
import { readLocalDirectory } from '../../server/src/localDirectories';
import { analysisOf } from './helpers/documents';

/** The query at the `|` of `marked`, with the document in /home/u/vms (null: an untitled document). */
function queryAt(marked: string, documentDirectory: string | null = '/home/u/vms'): { query: PathQuery | undefined; text: string; offset: number } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { query: pathQueryAt(analysisOf(text), offset, documentDirectory ?? undefined), text, offset };
}

const disk = (source: string) => `<domain type='kvm'>\n  <devices>\n    <disk type='file' device='disk'>\n      ${source}\n    </disk>\n  </devices>\n</domain>\n`;
const osWith = (child: string) => `<domain type='kvm'>\n  <os>\n    <type>hvm</type>\n    ${child}\n  </os>\n</domain>\n`;

test("in <disk><source file='…'> the typed directory is listed, what is typed of the name filters, and the value up to the cursor is replaced", () => {
  const { query, text, offset } = queryAt(disk("<source file='/var/lib/libvirt/images/we|'/>"));
  assert.ok(query);
  assert.equal(query.directory, '/var/lib/libvirt/images');
  assert.equal(query.partial, 'we');
  assert.equal(query.insertDirectory, '/var/lib/libvirt/images/');
  assert.equal(query.typedDirectory, '/var/lib/libvirt/images/');
  assert.equal(text.slice(query.replaceStart, query.replaceEnd), '/var/lib/libvirt/images/we');
  assert.equal(query.replaceEnd, offset);
  assert.equal(query.quote, "'");
  assert.equal(query.slashFollows, false);
});

test('in the middle of a path, the name under the cursor is replaced up to the next slash, which a folder then does not repeat', () => {
  const { query, text } = queryAt(disk('<source file="/var/li|b/libvirt/images/web01.qcow2"/>'));
  assert.ok(query);
  assert.equal(query.directory, '/var');
  assert.equal(query.partial, 'li');
  assert.equal(text.slice(query.replaceStart, query.replaceEnd), '/var/lib');
  assert.equal(query.slashFollows, true);
  assert.equal(query.quote, '"');
});

test('an unclosed value being typed is a path value too', () => {
  const { query } = queryAt("<domain type='kvm'>\n  <devices>\n    <disk type='file'>\n      <source file='/tmp/|");
  assert.equal(query?.directory, '/tmp');
  assert.equal(query?.partial, '');
});

test('the text of <kernel>, <initrd>, <loader>, <nvram>, <dtb> and <emulator>, and <nvram template>, are path values', () => {
  for (const marked of [
    osWith('<kernel>/boot/vm|</kernel>'),
    osWith('<initrd>/boot/vm|</initrd>'),
    osWith("<loader readonly='yes' type='pflash'>/boot/vm|</loader>"),
    osWith('<nvram>/boot/vm|</nvram>'),
    osWith('<dtb>/boot/vm|</dtb>'),
    osWith("<nvram template='/boot/vm|'>/var/lib/libvirt/qemu/nvram/web01_VARS.fd</nvram>"),
    `<domain type='kvm'>\n  <devices>\n    <emulator>/boot/vm|</emulator>\n  </devices>\n</domain>`,
    `<domain type='kvm'>\n  <devices>\n    <emulator>\n      /boot/vm|\n    </emulator>\n  </devices>\n</domain>`,
  ]) {
    const { query } = queryAt(marked);
    assert.equal(query?.directory, '/boot', marked);
    assert.equal(query?.partial, 'vm', marked);
  }
});

test('values that are not host paths get no path completion', () => {
  for (const marked of [
    disk("<source dev='/dev/s|'/>"),
    `<domain type='kvm'>\n  <devices>\n    <interface type='network'>\n      <source file='/tmp/|'/>\n    </interface>\n  </devices>\n</domain>`,
    osWith('<cmdline>/boot/|</cmdline>'),
    `<domain type='kvm'>\n  <name>/tmp/|</name>\n</domain>`,
    osWith('<kernel|>/boot/vmlinuz</kernel>'),
  ]) {
    assert.equal(queryAt(marked).query, undefined, marked);
  }
});

test("a relative path completes from the document's folder and is replaced by the absolute path libvirt needs", () => {
  const { query, text } = queryAt(disk("<source file='images/we|'/>"));
  assert.ok(query);
  assert.equal(query.directory, '/home/u/vms/images');
  assert.equal(query.insertDirectory, '/home/u/vms/images/');
  assert.equal(query.typedDirectory, 'images/');
  assert.equal(text.slice(query.replaceStart, query.replaceEnd), 'images/we');
  const empty = queryAt(osWith('<kernel>|</kernel>')).query;
  assert.equal(empty?.directory, '/home/u/vms');
  assert.equal(empty?.insertDirectory, '/home/u/vms/');
});

test('without a folder (untitled) only absolute paths complete; `~` is not expanded by libvirt, so it gets nothing', () => {
  assert.equal(queryAt(disk("<source file='images/we|'/>"), null).query, undefined);
  assert.equal(queryAt(disk("<source file='/tmp/|'/>"), null).query?.directory, '/tmp');
  assert.equal(queryAt(disk("<source file='~/vm|'/>")).query, undefined);
});

test('references are read as libvirt reads them, and what is inserted is escaped for the quote around it', async () => {
  const { query } = queryAt(disk("<source file='/srv/a&amp;b/c|'/>"));
  assert.ok(query);
  assert.equal(query.directory, '/srv/a&b');
  assert.equal(query.partial, 'c');
  const relative = queryAt(disk("<source file='c|'/>"), "/srv/it's").query;
  assert.ok(relative);
  assert.equal(relative.insertDirectory, '/srv/it&apos;s/');
  const { suggestions } = await completePath(query, fakeDirectory([{ name: "cat's & dog's.img", kind: 'file' }]));
  assert.equal(suggestions[0].insertText, '/srv/a&amp;b/cat&apos;s &amp; dog&apos;s.img');
});

/** A file system of one directory holding `entries`, which honours the request as the real one does. */
function fakeDirectory(entries: DirectoryEntry[]): ReadDirectory {
  return async (_directory, request) => {
    const kept = entries.filter((entry) => request.keep(entry.name)).slice(0, request.maxKept);
    return { entries: kept, complete: kept.length < request.maxKept };
  };
}

const ABSOLUTE: PathQuery = {
  directory: '/var/lib/libvirt/images',
  partial: '',
  insertDirectory: '/var/lib/libvirt/images/',
  typedDirectory: '/var/lib/libvirt/images/',
  replaceStart: 10,
  replaceEnd: 34,
  quote: "'",
  slashFollows: false,
};

test('entries come folders first, by name; hidden ones once a dot is typed; devices, FIFOs and sockets never', async () => {
  const read = fakeDirectory([
    { name: 'web01.qcow2', kind: 'file' },
    { name: 'Web02.qcow2', kind: 'file' },
    { name: 'iso', kind: 'directory' },
    { name: 'current', kind: 'symlink' },
    { name: '.snapshots', kind: 'directory' },
    { name: 'control.sock', kind: 'special' },
  ]);
  const all = await completePath(ABSOLUTE, read);
  assert.deepEqual(
    all.suggestions.map((s) => [s.label, s.kind, s.insertText]),
    [
      ['iso/', 'directory', '/var/lib/libvirt/images/iso/'],
      ['Web02.qcow2', 'file', '/var/lib/libvirt/images/Web02.qcow2'],
      ['current', 'symlink', '/var/lib/libvirt/images/current'],
      ['web01.qcow2', 'file', '/var/lib/libvirt/images/web01.qcow2'],
    ],
  );
  assert.equal(all.incomplete, false);
  assert.equal(all.suggestions[0].filterText, '/var/lib/libvirt/images/iso');
  assert.deepEqual(all.suggestions.map((s) => [s.replaceStart, s.replaceEnd]), Array(4).fill([10, 34]));
  assert.deepEqual(
    (await completePath({ ...ABSOLUTE, partial: 'we' }, read)).suggestions.map((s) => s.label),
    ['Web02.qcow2', 'web01.qcow2'],
    'what is typed filters, ignoring case',
  );
  assert.deepEqual((await completePath({ ...ABSOLUTE, partial: '.' }, read)).suggestions.map((s) => s.label), ['.snapshots/']);
  assert.equal((await completePath({ ...ABSOLUTE, slashFollows: true }, read)).suggestions[0].insertText, '/var/lib/libvirt/images/iso');
});

test('a directory of 100,000 entries: at most maxKept are offered, and the answer says there may be more', async () => {
  let read = 0;
  const huge: ReadDirectory = async (_directory, request) => {
    const entries: DirectoryEntry[] = [];
    for (; read < 100_000 && read < request.maxRead && entries.length < request.maxKept; read++) {
      const name = `disk${read}.img`;
      if (request.keep(name)) entries.push({ name, kind: 'file' });
    }
    return { entries, complete: read === 100_000 };
  };
  const result = await completePath(ABSOLUTE, huge);
  assert.equal(result.suggestions.length, PATH_LIMITS.maxKept);
  assert.equal(result.incomplete, true);
  assert.ok(read <= PATH_LIMITS.maxRead);
});

test('a read that never answers (a hung NFS mount) gives nothing, says so, and is told to stop', async () => {
  let asked: ReadRequest | undefined;
  const hung: ReadDirectory = (_directory, request) => {
    asked = request;
    return new Promise(() => undefined);
  };
  const result = await completePath(ABSOLUTE, hung, { ...PATH_LIMITS, timeoutMs: 20 });
  assert.deepEqual(result, { suggestions: [], incomplete: true });
  assert.equal(asked?.signal.aborted, true);
});

test('a directory that cannot be read gives nothing', async () => {
  const failing: ReadDirectory = async () => {
    throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
  };
  assert.deepEqual(await completePath(ABSOLUTE, failing), { suggestions: [], incomplete: false });
});

let temporary: string;
before(() => {
  temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'paths-'));
  fs.writeFileSync(path.join(temporary, 'web01.qcow2'), '');
  fs.mkdirSync(path.join(temporary, 'iso'));
  fs.symlinkSync('loop', path.join(temporary, 'loop'));
  fs.symlinkSync('iso', path.join(temporary, 'isos'));
  fs.mkdirSync(path.join(temporary, 'many'));
  for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(temporary, 'many', `disk${i}.img`), '');
});
after(() => fs.rmSync(temporary, { recursive: true, force: true }));

const localQuery = (directory: string, partial = ''): PathQuery => ({ ...ABSOLUTE, directory, partial, insertDirectory: `${directory}/`, typedDirectory: `${directory}/` });

test('the local file system: names and kinds, without following links', async () => {
  const { suggestions, incomplete } = await completePath(localQuery(temporary), readLocalDirectory);
  assert.deepEqual(
    suggestions.map((s) => [s.label, s.kind]),
    [
      ['iso/', 'directory'],
      ['many/', 'directory'],
      ['isos', 'symlink'],
      ['loop', 'symlink'],
      ['web01.qcow2', 'file'],
    ],
  );
  assert.equal(incomplete, false);
});

test('the local file system: a symlink loop, a FIFO and a missing folder answer nothing at once', async (t) => {
  assert.deepEqual(await completePath(localQuery(path.join(temporary, 'loop')), readLocalDirectory), { suggestions: [], incomplete: false });
  assert.deepEqual(await completePath(localQuery(path.join(temporary, 'missing')), readLocalDirectory), { suggestions: [], incomplete: false });
  const fifo = path.join(temporary, 'fifo');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    t.skip('mkfifo is not available');
    return;
  }
  assert.deepEqual(await completePath(localQuery(fifo), readLocalDirectory), { suggestions: [], incomplete: false });
  const listed = await completePath(localQuery(temporary, 'f'), readLocalDirectory);
  assert.deepEqual(listed.suggestions, [], 'a FIFO is never offered');
});

test('the local file system: reading stops at maxRead and maxKept', async () => {
  const many = path.join(temporary, 'many');
  const read = await completePath(localQuery(many), readLocalDirectory, { ...PATH_LIMITS, maxRead: 400 });
  assert.equal(read.incomplete, true);
  assert.ok(read.suggestions.length > 0 && read.suggestions.length <= 400, `${read.suggestions.length}`);
  const kept = await completePath(localQuery(many), readLocalDirectory, { ...PATH_LIMITS, maxKept: 100 });
  assert.equal(kept.suggestions.length, 100);
  assert.equal(kept.incomplete, true);
  const filtered = await completePath(localQuery(many, 'disk149'), readLocalDirectory);
  assert.deepEqual(filtered.suggestions.map((s) => s.label).sort(), ['disk149.img', ...Array.from({ length: 10 }, (_, i) => `disk149${i}.img`)].sort());
  assert.equal(filtered.incomplete, false);
});

test('the local file system: a folder whose read is still running is not read a second time', async () => {
  const controller = new AbortController();
  const request: ReadRequest = { keep: () => true, maxRead: 10, maxKept: 10, signal: controller.signal };
  const first = readLocalDirectory(temporary, request);
  assert.deepEqual(await readLocalDirectory(temporary, request), { entries: [], complete: false });
  assert.ok((await first).entries.length > 0);
  assert.ok((await readLocalDirectory(temporary, request)).entries.length > 0, 'read again once the first read is done');
});
