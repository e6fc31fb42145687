/**
 * The bundled checker (dist/cli.js) run as a user runs it: on files, directories and stdin,
 * checking exit status, output lines, JSON and SARIF, and that it reports what the server does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { BAD_PLACEMENT, CLI, FIXABLE, Run, VALID, runDomxml } from './domxmlProcess';
import { LspClient } from './lspClient';


function domxml(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  return runDomxml(args, { cwd: options.cwd ?? workDir, input: options.input });
}

/** 1-based line and column (UTF-16 code units) of the first `needle` in `text`. */
function lineColumnOf(text: string, needle: string): [number, number] {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the text`);
  const before = text.slice(0, offset);
  return [before.split('\n').length, offset - before.lastIndexOf('\n')];
}

let workDir: string;
const write = (relative: string, text: string): string => {
  const file = path.join(workDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return relative;
};

before(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-test-'));
});
after(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('a valid document: exit 0, nothing on stdout, the summary on stderr', () => {
  const file = write('valid.xml', VALID);
  const run = domxml(['check', file]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'domxml: checked 1 document: no problems\n');
});

test('a bad placement value: exit 1 and one line on the value, with its code', () => {
  const file = write('bad.xml', BAD_PLACEMENT);
  const run = domxml(['check', file]);
  assert.equal(run.status, 1);
  const [line, column] = lineColumnOf(BAD_PLACEMENT, "'sometimes'");
  assert.deepEqual(run.lines, [`bad.xml:${line}:${column}: error: \`placement\` must be \`static\` or \`auto\`. [bad-attribute-value]`]);
  assert.equal([line, column].join(':'), '4:19');
  assert.equal(run.stderr, 'domxml: checked 1 document: 1 error in 1 document\n');
});

test('- reads standard input, shown as <stdin>', () => {
  const run = domxml(['check', '-'], { input: BAD_PLACEMENT });
  assert.equal(run.status, 1);
  assert.deepEqual(run.lines.map((l) => l.split(': ')[0]), ['<stdin>:4:19']);
  assert.equal(domxml(['check', '-'], { input: VALID }).status, 0);
});

test('a directory: its .xml files, recursively, in sorted order; other files are left alone', () => {
  const misspelt = BAD_PLACEMENT.replace('<name>web01</name>', '<name>web01</name><nmae/>');
  write('tree/b.xml', BAD_PLACEMENT);
  write('tree/a/z.xml', misspelt);
  write('tree/a/ok.xml', VALID);
  write('tree/notes.txt', 'not xml <');
  const run = domxml(['check', 'tree']);
  assert.equal(run.status, 1);
  assert.deepEqual(
    run.lines.map((l) => l.replace(/: .*\[/, ' [')),
    [`tree${path.sep}a${path.sep}z.xml:${lineColumnOf(misspelt, 'nmae').join(':')} [unexpected-element]`, `tree${path.sep}a${path.sep}z.xml:4:19 [bad-attribute-value]`, `tree${path.sep}b.xml:4:19 [bad-attribute-value]`],
  );
  assert.equal(run.stderr, 'domxml: checked 3 documents: 3 errors in 2 documents\n');
});

test('an error in any one of the files fails the run', () => {
  write('mixed/1.xml', VALID);
  write('mixed/2.xml', BAD_PLACEMENT);
  assert.equal(domxml(['check', 'mixed/1.xml', 'mixed/2.xml']).status, 1);
  assert.equal(domxml(['check', 'mixed/1.xml']).status, 0);
});

test('--jobs: documents checked in worker threads give the report of one thread, in the same order', (t) => {
  // At most one thread per core: on one core --jobs 3 would check in this thread, and compare it with itself.
  if (os.availableParallelism() < 2) return t.skip('one core: no worker thread would check anything');
  const examples = ['web01.xml', 'xen-pv.xml', 'lxc-container.xml'].map((name) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', name), 'utf8'));
  const misspelt = BAD_PLACEMENT.replace('<name>web01</name>', '<name>web01</name><nmae/>');
  const documents = [VALID, BAD_PLACEMENT, FIXABLE, misspelt, '<domain type="kvm"><name>a</name', '', '<network/>', ...examples];
  for (let i = 0; i < 60; i++) write(`jobs/${String(i).padStart(2, '0')}.xml`, documents[i % documents.length]);
  // Said by the walk, before any document is checked.
  fs.symlinkSync(os.tmpdir(), path.join(workDir, 'jobs', 'out-of-tree.xml'));
  for (const format of ['text', 'json', 'sarif']) {
    const oneThread = domxml(['check', '--jobs', '1', '--format', format, 'jobs']);
    assert.equal(oneThread.status, 2);
    assert.match(oneThread.stderr, /checked 60 documents/);
    const threads = domxml(['check', '--jobs=3', '--format', format, 'jobs']);
    assert.deepEqual([threads.status, threads.stdout, threads.stderr], [oneThread.status, oneThread.stdout, oneThread.stderr], format);
  }
});

test('--format json: an array of {file, line, column, endLine, endColumn, severity, code, message}', () => {
  const file = write('json.xml', BAD_PLACEMENT);
  const run = domxml(['check', '--format', 'json', file]);
  assert.equal(run.status, 1);
  assert.deepEqual(JSON.parse(run.stdout), [
    { file, line: 4, column: 19, endLine: 4, endColumn: 30, severity: 'error', code: 'bad-attribute-value', message: '`placement` must be `static` or `auto`.' },
  ]);
  const clean = domxml(['check', '--format=json', write('json-ok.xml', VALID)]);
  assert.equal(clean.status, 0);
  assert.deepEqual(JSON.parse(clean.stdout), []);
});

test('--format json: every field it writes is documented, in --help and in the README', () => {
  const twice = VALID.replace('<os>', "<cputune><vcpupin vcpu='1' cpuset='0'/><vcpupin vcpu='1' cpuset='1'/></cputune>\n  <os>");
  const file = write('json-rule.xml', twice);
  const [problem] = JSON.parse(domxml(['check', '--format', 'json', file]).stdout) as Record<string, unknown>[];
  assert.deepEqual(Object.keys(problem), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'beyondSchema', 'related', 'help', 'helpUri']);
  assert.equal(problem.beyondSchema, true);
  const [related] = problem.related as Record<string, unknown>[];
  const fields = [...Object.keys(problem), ...Object.keys(related)];
  const help = domxml(['--help']).stdout;
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const jsonParagraph = readme.slice(readme.indexOf('`--format json`'), readme.indexOf('`--format sarif`'));
  for (const field of new Set(fields)) {
    assert.match(help, new RegExp(`\\b${field}\\b`), `--help names ${field}`);
    assert.match(jsonParagraph, new RegExp(`\\b${field}\\b`), `README names ${field}`);
  }
});

test('--format sarif: a SARIF 2.1.0 log with rules, levels, relative paths and regions', () => {
  const bad = write('sarif/bad one.xml', BAD_PLACEMENT);
  const broken = write('sarif/broken.xml', VALID.replace('</disk>', ''));
  const run = domxml(['check', '--format', 'sarif', bad, broken]);
  assert.equal(run.status, 1);
  const log = JSON.parse(run.stdout);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  assert.equal(sarifRun.tool.driver.name, 'domxml');
  assert.match(sarifRun.tool.driver.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(sarifRun.tool.driver.rules, [{ id: 'bad-attribute-value' }, { id: 'unclosed-element' }]);
  assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
  assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, `${new URL(`file://${fs.realpathSync(workDir)}/`).href}`);
  assert.deepEqual(sarifRun.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  assert.deepEqual(
    sarifRun.results.map((r: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: unknown[] }) => [r.ruleId, sarifRun.tool.driver.rules[r.ruleIndex].id, r.level, typeof r.message.text, r.locations]),
    [
      [
        'bad-attribute-value',
        'bad-attribute-value',
        'error',
        'string',
        [{ physicalLocation: { artifactLocation: { uri: 'sarif/bad%20one.xml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 19, endLine: 4, endColumn: 30 } } }],
      ],
      [
        'unclosed-element',
        'unclosed-element',
        'error',
        'string',
        [{ physicalLocation: { artifactLocation: { uri: 'sarif/broken.xml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 6, endLine: 7, endColumn: 10 } } }],
      ],
    ],
  );
});

test('usage errors and unreadable files exit 2 with a message on stderr', () => {
  for (const args of [[], ['lint', 'x.xml'], ['check'], ['check', '--format', 'xml', 'x.xml'], ['check', '--max-problems', '0', 'x.xml'], ['check', '--bogus', 'x.xml']]) {
    const run = domxml(args);
    assert.equal(run.status, 2, `domxml ${args.join(' ')}`);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^domxml: .+\nTry 'domxml --help'\.\n$/);
  }
  write('readable.xml', BAD_PLACEMENT);
  const missing = domxml(['check', 'no-such-file.xml', 'readable.xml']);
  assert.equal(missing.status, 2, 'a missing file outranks the errors found in the others');
  assert.equal(missing.lines.length, 1, 'the readable file is still checked');
  assert.match(missing.stderr, /^domxml: cannot read no-such-file\.xml: no such file or directory$/m);
  fs.mkdirSync(path.join(workDir, 'empty'));
  const empty = domxml(['check', 'empty']);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /no \.xml files under empty/);
});

test('--help says how lines and columns are counted, and exits 0', () => {
  const run = domxml(['--help']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^Usage: domxml check/);
  assert.match(run.stdout, /^ {7}domxml fix \[--dry-run\]/m);
  assert.match(run.stdout, /--host-cpus LIST/);
  assert.match(run.stdout, /UTF-16 code units/);
  assert.match(domxml(['--version']).stdout, /^domxml \d+\.\d+\.\d+\n$/);
});

test('columns count UTF-16 code units, and a byte order mark is not a column', () => {
  const emoji = BAD_PLACEMENT.replace('<vcpu', '<!--\u{1F600}--><vcpu');
  const [line, column] = lineColumnOf(emoji, "'sometimes'");
  assert.equal(column, 19 + 9, 'the emoji counts two');
  assert.deepEqual(domxml(['check', '-'], { input: emoji }).lines.map((l) => l.split(': ')[0]), [`<stdin>:${line}:${column}`]);
  const unmarked = "<domain type='kvm'><name>a</name><vcpu placement='x'>1</vcpu></domain>";
  const marked = domxml(['check', '-'], { input: `\ufeff${unmarked}` });
  assert.deepEqual(marked.lines.map((l) => l.split(': ')[0]), [`<stdin>:${lineColumnOf(unmarked, "'x'").join(':')}`]);
});

test('--max-problems caps the problems per document', () => {
  const many = VALID.replace('</devices>', '<a/><b/><c/><d/></devices>');
  assert.equal(domxml(['check', '-'], { input: many }).lines.length, 4);
  assert.equal(domxml(['check', '--max-problems', '2', '-'], { input: many }).lines.length, 2);
});

test('a file over the editor size limit is still checked', () => {
  const huge = BAD_PLACEMENT.replace('<devices>', `<devices><!--${'x'.repeat(17 * 1024 * 1024)}-->`);
  const run = domxml(['check', '--format', 'json', '-'], { input: huge });
  assert.equal(run.status, 1);
  assert.deepEqual(JSON.parse(run.stdout).map((p: { code: string }) => p.code), ['bad-attribute-value']);
});

test('the checker reports exactly what the language server publishes', async () => {
  const documents = [
    BAD_PLACEMENT,
    VALID.replace('</disk>', '').replace("type='kvm'", "type='kvm' type='xen'"),
    VALID.replace('<name>web01</name>', '<name>web01</name><name>again</name>').replace("bus='virtio'", "bus='virtio' bsu='x'"),
    `<!DOCTYPE domain>\n<domain type='kvm'>\n  <name>&nbsp;</name>\n</domain>\ntrailing`,
  ];
  const client = await LspClient.start();
  try {
    for (const [index, text] of documents.entries()) {
      const published = await client.open(`file:///same-${index}.xml`, text);
      const expected = published.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: ['', 'error', 'warning', 'info', 'hint'][d.severity ?? 1],
        code: d.code,
        message: d.message,
      }));
      assert.ok(expected.length > 0);
      const printed = JSON.parse(domxml(['check', '--format', 'json', '-'], { input: text }).stdout).map(({ file: _file, ...rest }: { file: string }) => rest);
      assert.deepEqual(printed, expected, `document ${index}`);
    }
  } finally {
    await client.stop();
  }
});

test('--schema DIR checks against the libvirt schema in DIR, and says why it cannot', () => {
  write(
    'schema/domain.rng',
    `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="domain"><element name="name"><text/></element></element></start></grammar>`,
  );
  const onlyName = write('only-name.xml', '<domain><name>a</name></domain>\n');
  const full = write('full.xml', VALID);
  // The compiled schema is cached under $XDG_CACHE_HOME: keep it in this test's directory.
  const env = { ...process.env, XDG_CACHE_HOME: workDir };
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: workDir, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run(['check', '--schema', 'schema', onlyName]).status, 0);
  const strict = run(['check', '--schema', 'schema', full]);
  assert.equal(strict.status, 1);
  assert.deepEqual(strict.stdout.split('\n').slice(0, 2), [
    'full.xml:1:9: error: `type` is not an attribute of `<domain>`. [unexpected-attribute]',
    'full.xml:3:4: error: `<memory>` is not allowed in `<domain>` (nothing more may come here). [unexpected-element]',
  ]);
  // The second run loads the cached model and finds the same.
  assert.equal(run(['check', '--schema', 'schema', full]).stdout, strict.stdout);
  const missing = run(['check', '--schema', 'no-such-dir', onlyName]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot use the schema in no-such-dir: .*no-such-dir is not a directory/);
});

test('--schema DIR with backtracking patterns checks long values in linear time', () => {
  write(
    'hostile-schema/domain.rng',
    `<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><start><element name="domain">
      <element name="name"><data type="string"><param name="pattern">(a+)+b</param></data></element>
      <element name="initenv"><data type="string"><param name="pattern">[a-zA-Z_]+[a-zA-Z0-9_]*</param></data></element>
    </element></start></grammar>`,
  );
  // With V8's backtracking RegExp, 32 a's took 10 s (each more one doubles it) and the long value 10 s.
  const doc = write('hostile.xml', `<domain><name>${'a'.repeat(40)}</name><initenv>${'a'.repeat(100_000)}!</initenv></domain>\n`);
  const env = { ...process.env, XDG_CACHE_HOME: workDir };
  const run = spawnSync(process.execPath, [CLI, 'check', '--schema', 'hostile-schema', doc], { cwd: workDir, env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.error, undefined);
  assert.equal(run.status, 1);
  assert.equal(run.stdout.split('\n').filter((line) => line.includes('error')).length, 2, run.stdout);
});

/** The file's bytes and modification time, to tell whether a run wrote it. */
function snapshot(relative: string): { bytes: Buffer; mtimeMs: number } {
  const file = path.join(workDir, relative);
  return { bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs };
}

/** Writes `text` with a modification time in the past, so a rewrite would show. */
function writeAged(relative: string, text: string | Buffer): string {
  const file = path.join(workDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const past = new Date(Date.now() - 3_600_000);
  fs.utimesSync(file, past, past);
  return relative;
}

test('fix writes the safe fixes back, touching only the values, and prints each change', () => {
  const file = writeAged('fix/pinned.xml', FIXABLE);
  const run = domxml(['fix', file]);
  assert.equal(run.status, 0, run.stderr);
  const fixed = FIXABLE.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'");
  assert.equal(fs.readFileSync(path.join(workDir, file), 'utf8'), fixed);
  const [line, column] = lineColumnOf(fixed, "1,2,3-4'");
  assert.deepEqual(run.lines, [`${file}:${line}:${column}: "1, 2,4-3," → "1,2,3-4" [cpuset-space, cpuset-reversed-range, cpuset-empty-item] \`cpuset\`: 1,2,3-4`]);
  assert.equal(run.stderr, 'domxml: made 1 change in 1 of 1 document; no errors or warnings left\n');
  // Fixed, the document passes the check; a second fix has nothing to do.
  assert.equal(domxml(['check', file]).status, 0);
  const before = snapshot(file);
  const again = domxml(['fix', file]);
  assert.equal(again.status, 0);
  assert.equal(again.stdout, '');
  assert.equal(again.stderr, 'domxml: nothing to fix in 1 document; no errors or warnings left\n');
  assert.deepEqual(snapshot(file), before);
});

test('fix keeps a byte order mark and CRLF line ends', () => {
  const crlf = `\ufeff${FIXABLE.replace(/\n/g, '\r\n')}`;
  const file = writeAged('fix/windows.xml', crlf);
  assert.equal(domxml(['fix', file]).status, 0);
  assert.deepEqual(fs.readFileSync(path.join(workDir, file)), Buffer.from(crlf.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'"), 'utf8'));
});

test('fix --dry-run prints what it would change and leaves the file as it is', () => {
  const file = writeAged('fix/dry.xml', FIXABLE);
  const before = snapshot(file);
  const run = domxml(['fix', '--dry-run', file]);
  assert.equal(run.status, 0, run.stderr);
  const [line, column] = lineColumnOf(FIXABLE, "1, 2,4-3,'");
  assert.deepEqual(run.lines, [`${file}:${line}:${column}: "1, 2,4-3," → "1,2,3-4" [cpuset-space, cpuset-reversed-range, cpuset-empty-item] \`cpuset\`: 1,2,3-4`]);
  assert.equal(run.stderr, 'domxml: would make 1 change in 1 of 1 document; no errors or warnings left\n');
  assert.deepEqual(snapshot(file), before);
});

test('fix - reads standard input and writes the fixed document to standard output, the report to standard error', () => {
  const run = domxml(['fix', '-'], { input: `\ufeff${FIXABLE}` });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `\ufeff${FIXABLE.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'")}`);
  assert.match(run.stderr, /^<stdin>:4:\d+: "1, 2,4-3," → "1,2,3-4" \[cpuset-space, cpuset-reversed-range, cpuset-empty-item\] `cpuset`: 1,2,3-4\ndomxml: made 1 change in 1 of 1 document; no errors or warnings left\n$/);
  // Nothing to fix: the document goes through unchanged.
  const clean = domxml(['fix', '-'], { input: VALID });
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, VALID);
});

test('fix over a directory leaves the files with nothing to fix untouched', () => {
  const clean = writeAged('fix-tree/clean.xml', VALID);
  const pinned = writeAged('fix-tree/sub/pinned.xml', FIXABLE);
  const before = snapshot(clean);
  const run = domxml(['fix', 'fix-tree']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.lines.map((l) => l.split(': ')[0].replace(/:\d+:\d+$/, '')), [pinned]);
  assert.equal(run.stderr, 'domxml: made 1 change in 1 of 2 documents; no errors or warnings left\n');
  assert.deepEqual(snapshot(clean), before);
});

test('fix: errors left after fixing fail the run and are printed where they now stand', () => {
  const twice = FIXABLE.replace('<os>', "<cputune><vcpupin vcpu='1' cpuset='0'/><vcpupin vcpu='1' cpuset='1'/></cputune>\n  <os>");
  const file = writeAged('fix/twice.xml', twice);
  const run = domxml(['fix', file]);
  assert.equal(run.status, 1);
  const fixed = fs.readFileSync(path.join(workDir, file), 'utf8');
  assert.equal(fixed, twice.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'"));
  const [line, column] = lineColumnOf(fixed, "1' cpuset='1'/>");
  const [firstLine, firstColumn] = lineColumnOf(fixed, "1' cpuset='0'/>");
  assert.equal(run.lines.length, 4);
  assert.equal(run.lines[1], `${file}:${line}:${column}: error: vCPU 1 is pinned twice: libvirt rejects the domain. [vcpupin-duplicate]`);
  assert.equal(run.lines[2], `  note: ${file}:${firstLine}:${firstColumn}: The first \`<vcpupin>\` of vCPU 1`);
  assert.match(run.lines[3], /^  help: Each vCPU takes at most one `<vcpupin>`.* \(https:\/\/libvirt\.org\/formatdomain\.html#cpu-tuning\)$/);
  assert.equal(run.stderr, 'domxml: made 1 change in 1 of 1 document; left: 1 error in 1 document\n');
});

test('fix leaves alone, and says why, what is not a domain, not well-formed XML or not UTF-8', () => {
  const network = writeAged('fix/network.xml', "<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n");
  const networkBefore = snapshot(network);
  const notDomain = domxml(['fix', network]);
  assert.equal(notDomain.status, 1, 'an error is left, as check says');
  assert.deepEqual(snapshot(network), networkBefore);
  assert.equal(notDomain.stderr, `domxml: ${network} is not a libvirt domain (its root element is \`<network>\`): not fixed\ndomxml: nothing to fix in 1 document; left: 1 error in 1 document; fixes not made in 1 document (said why above)\n`);
  assert.deepEqual(notDomain.lines, domxml(['check', network]).lines);

  // The end tag of <disk> deleted with its line.
  const broken = writeAged('fix/broken.xml', FIXABLE.replace('    </disk>\n', ''));
  const run = domxml(['fix', broken]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(fs.readFileSync(path.join(workDir, broken), 'utf8'), FIXABLE.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'"));

  // A doubled attribute with two values: which to keep is the user's call, so no safe fix.
  const doubled = writeAged('fix/doubled.xml', FIXABLE.replace('<name>web01</name>', "<name>web01</name>\n  <memory unit='MiB' unit='GiB'>1</memory>"));
  const doubledBefore = snapshot(doubled);
  const undecided = domxml(['fix', doubled]);
  assert.equal(undecided.status, 1);
  assert.deepEqual(snapshot(doubled), doubledBefore);
  assert.match(undecided.stderr, /^domxml: fix\/doubled\.xml is not well-formed XML, and no safe fix makes it so: not fixed\n/);
  assert.ok(undecided.lines.some((l) => l.endsWith('[duplicate-attribute]')));

  const latin1 = writeAged('fix/latin1.xml', Buffer.concat([Buffer.from(FIXABLE.replace('<name>web01</name>', '<name>caf')), Buffer.from([0xe9]), Buffer.from('</name>')]));
  const latin1Before = snapshot(latin1);
  const notUtf8 = domxml(['fix', latin1]);
  assert.equal(notUtf8.status, 2);
  assert.deepEqual(snapshot(latin1), latin1Before);
  assert.match(notUtf8.stderr, /fix\/latin1\.xml is not UTF-8 text: left as it is/);
});

test('--host-cpus and --host-nodes turn on the beyond-host warnings, for check and fix', () => {
  const pinned = VALID.replace("<vcpu placement='static'>2</vcpu>", "<vcpu placement='static' cpuset='0-3'>2</vcpu>\n  <numatune><memory mode='strict' nodeset='1'/></numatune>");
  const file = writeAged('host.xml', pinned);
  assert.equal(domxml(['check', file]).stdout, '', 'no host: nothing to say');
  const checked = domxml(['check', '--host-cpus', '0-1', '--host-nodes=0', file]);
  assert.equal(checked.status, 0, 'warnings alone do not fail');
  assert.deepEqual(
    checked.lines.map((l) => l.replace(/^[^ ]+ /, '')),
    ['warning: CPUs 2-3 are not on this host (it has CPUs 0-1): the guest will not start here. [cpuset-beyond-host]', 'warning: node 1 is not on this host (it has node 0): the guest will not start here. [cpuset-beyond-host]'],
  );
  const before = snapshot(file);
  const fixed = domxml(['fix', '--host-cpus', '0-1', file]);
  assert.equal(fixed.status, 0);
  assert.deepEqual(snapshot(file), before, 'removing CPUs beyond the host is not a safe fix');
  assert.deepEqual(fixed.lines.map((l) => l.split(' [')[1]), ['cpuset-beyond-host]']);
  const bad = domxml(['check', '--host-cpus', '0-3,', file]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--host-cpus must be a list like 0-15 or 0-7,16-23, not "0-3,"/);
});

test('fix: usage errors exit 2', () => {
  for (const args of [['fix'], ['fix', '-', 'a.xml'], ['fix', '--format', 'json', 'a.xml'], ['check', '--dry-run', 'a.xml']]) {
    const run = domxml(args);
    assert.equal(run.status, 2, `domxml ${args.join(' ')}`);
    assert.match(run.stderr, /^domxml: .+\nTry 'domxml --help'\.\n$/);
  }
  const missing = domxml(['fix', 'no-such.xml']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read no-such\.xml: no such file or directory/);
});
