/**
 * dist/cli.js runs the checker's bundle through V8's code cache (server/src/cli/launch.ts): the
 * cache of its own build is used, any other is not, and the bundle runs the same either way.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { BUNDLE_HEAD, BUNDLE_NAME, BUNDLE_TAIL, CACHE_NAME, TOKEN_LINE } from '../../server/src/cli/launch';

const LAUNCH = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'launch.js');
const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

let directory: string;
before(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-launch-'));
});
after(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

/** A bundle that prints what it was run as and with; `wrapped` as the build writes it, else as a plain CommonJS file. */
function writeBundle(token: string | undefined, wrapped = false): void {
  let body = `process.stdout.write(JSON.stringify({ file: __filename, dir: __dirname, args: process.argv.slice(2), exports: typeof module.exports, require: typeof require('node:fs').readFileSync }));\n`;
  if (wrapped) body = `${BUNDLE_HEAD}\n${body}${BUNDLE_TAIL}\n`;
  fs.writeFileSync(path.join(directory, BUNDLE_NAME), `${token === undefined ? '' : `${TOKEN_LINE}${token}\n`}${body}`);
}

/** Launches the bundle in `directory` in a process of its own: what it printed and what launch said of the cache. */
function launched(options: { writeCache?: boolean } = {}): { printed: unknown; use: string } {
  // As under `node dist/cli.js check a.xml`: the arguments after the script's name.
  const script = `process.argv.splice(1, 0, 'dist/cli.js');
    const { launch, codeCache } = require(${JSON.stringify(LAUNCH)});
    const launched = launch(${JSON.stringify(directory)});
    process.stderr.write(launched.use);
    // As the build writes it (scripts/build.mjs), once the run is over.
    const cache = ${options.writeCache === true} && codeCache(launched);
    if (cache) process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(path.join(directory, CACHE_NAME))}, cache));`;
  const run = spawnSync(process.execPath, ['-e', script, '--', 'check', 'a.xml'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { printed: JSON.parse(run.stdout), use: run.stderr };
}

test('the bundle runs as a main module would: its own file and directory, a require, the arguments', () => {
  writeBundle('one');
  fs.rmSync(path.join(directory, CACHE_NAME), { force: true });
  const { printed, use } = launched();
  assert.deepEqual(printed, { file: path.join(directory, BUNDLE_NAME), dir: directory, args: ['check', 'a.xml'], exports: 'object', require: 'function' });
  assert.equal(use, 'absent');
});

test('a bundle written wrapped, as the build writes it, runs the same, with its cache', () => {
  writeBundle('wrapped', true);
  const first = launched({ writeCache: true });
  assert.deepEqual(first.printed, { file: path.join(directory, BUNDLE_NAME), dir: directory, args: ['check', 'a.xml'], exports: 'object', require: 'function' });
  const second = launched();
  assert.equal(second.use, 'used');
  assert.deepEqual(second.printed, first.printed);
});

test('the cache a run writes is used by the next run of the same build, which runs the same', () => {
  writeBundle('two');
  const first = launched({ writeCache: true });
  assert.ok(fs.statSync(path.join(directory, CACHE_NAME)).size > 'two'.length);
  const second = launched();
  assert.equal(second.use, 'used');
  assert.deepEqual(second.printed, first.printed);
});

test("another build's cache is not used: the bundle is compiled as usual", () => {
  writeBundle('three');
  launched({ writeCache: true });
  writeBundle('four');
  const run = launched();
  assert.equal(run.use, 'other build');
  assert.deepEqual((run.printed as { args: string[] }).args, ['check', 'a.xml']);
});

test('a cache V8 refuses (damaged) costs nothing but the compile', () => {
  writeBundle('five');
  fs.writeFileSync(path.join(directory, CACHE_NAME), Buffer.concat([Buffer.from('five', 'latin1'), Buffer.alloc(4096, 7)]));
  const run = launched();
  assert.equal(run.use, 'rejected');
  assert.deepEqual((run.printed as { args: string[] }).args, ['check', 'a.xml']);
});

test('a bundle without a token gets no cache, neither read nor written', () => {
  writeBundle(undefined);
  fs.writeFileSync(path.join(directory, CACHE_NAME), 'anything');
  assert.equal(launched({ writeCache: true }).use, 'absent');
  assert.equal(fs.readFileSync(path.join(directory, CACHE_NAME), 'utf8'), 'anything');
});

test("the build's cache is used by dist/cli.js with this Node", () => {
  const script = `process.argv.splice(1, Infinity, 'dist/cli.js', '--version'); process.stderr.write(require(${JSON.stringify(path.join(DIST, 'cli.js'))}).launch(${JSON.stringify(DIST)}).use);`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^domxml \d+\.\d+\.\d+\n$/);
  assert.equal(run.stderr, 'used');
});

test("domxml through a symbolic link (npm's bin link) finds its bundle beside the real file", () => {
  const link = path.join(directory, 'domxml');
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.join(DIST, 'cli.js'), link);
  const run = spawnSync(link, ['--version'], { encoding: 'utf8', cwd: directory });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^domxml \d+\.\d+\.\d+\n$/);
});
