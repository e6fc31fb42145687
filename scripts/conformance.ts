/**
 * `npm run conformance -- CORPUS`: runs the domxml checker (dist/cli.js, as a user would) over
 * libvirt's own test documents. Every file under CORPUS/valid must give no error (an error there
 * is a bug in our engine), every file under CORPUS/invalid at least one. Prints both counts and
 * each failure with its first message; exits 1 on any failure, 2 when it cannot run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../server/src/cli/check';
import { xmlFilesUnder } from '../server/src/cli/files';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

class CannotRun extends Error {}

/** Each file under `directory` with its first error (undefined when it has none). */
function firstErrors(directory: string): Map<string, Problem | undefined> {
  const files = xmlFilesUnder(directory);
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', directory], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error || (run.status !== 0 && run.status !== 1)) throw new CannotRun(`domxml check ${directory} failed (exit ${run.status}): ${run.stderr || String(run.error)}`);
  const checked = /checked (\d+) documents?/.exec(run.stderr)?.[1];
  if (Number(checked) !== files.length) throw new CannotRun(`domxml checked ${checked} documents under ${directory}, not the ${files.length} there`);
  const first = new Map<string, Problem | undefined>(files.map((file) => [file, undefined]));
  for (const problem of JSON.parse(run.stdout) as Problem[]) {
    if (problem.severity === 'error' && first.get(problem.file) === undefined) first.set(problem.file, problem);
  }
  return first;
}

function main(corpus: string | undefined): number {
  if (!corpus) {
    console.error('usage: npm run conformance -- CORPUS_DIR   (the directory holding valid/ and invalid/)');
    return 2;
  }
  for (const needed of [path.join(corpus, 'valid'), path.join(corpus, 'invalid'), CLI]) {
    if (!fs.existsSync(needed)) throw new CannotRun(`${needed} does not exist${needed === CLI ? ' (npm run build makes it)' : ''}`);
  }
  const valid = [...firstErrors(path.join(corpus, 'valid'))];
  const invalid = [...firstErrors(path.join(corpus, 'invalid'))];
  const falseErrors = valid.filter(([, problem]) => problem !== undefined);
  const misses = invalid.filter(([, problem]) => problem === undefined);

  console.log(`valid:   ${valid.length} documents, ${falseErrors.length} with an error (false errors)`);
  for (const [, p] of falseErrors) console.log(`  false error  ${p!.file}:${p!.line}:${p!.column}: ${p!.message} [${p!.code}]`);
  console.log(`invalid: ${invalid.length} documents, ${invalid.length - misses.length} with an error, ${misses.length} missed`);
  for (const [file] of misses) console.log(`  missed       ${file}: no error found`);
  const failures = falseErrors.length + misses.length;
  console.log(failures === 0 ? 'conformance: passed' : `conformance: ${failures} failures`);
  return failures === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv[2]);
} catch (error) {
  if (!(error instanceof CannotRun)) throw error;
  console.error(`conformance: ${error.message}`);
  process.exitCode = 2;
}
