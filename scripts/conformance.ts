/**
 * `npm run conformance -- CORPUS`: runs the domxml checker (dist/cli.js, as a user would) over
 * libvirt's own test documents, labelled by libvirt's schema validator. Every file under
 * CORPUS/valid must give no error the schema would raise (one there is a bug in our engine), every
 * file under CORPUS/invalid at least one error. Errors beyond the schema (a cpuset libvirt's
 * parser rejects, a pin for an IOThread that does not exist) are listed apart: libvirt's test
 * suite keeps such documents among the schema-valid ones on purpose. Prints the counts and each
 * failure with its first message; exits 1 on any failure, 2 when it cannot run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../server/src/cli/check';
import { xmlFilesUnder } from '../server/src/cli/files';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

class CannotRun extends Error {}

/** Each file under `directory` with its first error (undefined when it has none), and its first error beyond the schema. */
function firstErrors(directory: string): { first: Map<string, Problem | undefined>; beyondSchema: Map<string, Problem> } {
  const files = xmlFilesUnder(directory);
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', directory], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error || (run.status !== 0 && run.status !== 1)) throw new CannotRun(`domxml check ${directory} failed (exit ${run.status}): ${run.stderr || String(run.error)}`);
  const checked = /checked (\d+) documents?/.exec(run.stderr)?.[1];
  if (Number(checked) !== files.length) throw new CannotRun(`domxml checked ${checked} documents under ${directory}, not the ${files.length} there`);
  const first = new Map<string, Problem | undefined>(files.map((file) => [file, undefined]));
  const beyondSchema = new Map<string, Problem>();
  for (const problem of JSON.parse(run.stdout) as Problem[]) {
    if (problem.severity !== 'error') continue;
    if (problem.beyondSchema) {
      if (!beyondSchema.has(problem.file)) beyondSchema.set(problem.file, problem);
    } else if (first.get(problem.file) === undefined) first.set(problem.file, problem);
  }
  return { first, beyondSchema };
}

function main(corpus: string | undefined): number {
  if (!corpus) {
    console.error('usage: npm run conformance -- CORPUS_DIR   (the directory holding valid/ and invalid/)');
    return 2;
  }
  for (const needed of [path.join(corpus, 'valid'), path.join(corpus, 'invalid'), CLI]) {
    if (!fs.existsSync(needed)) throw new CannotRun(`${needed} does not exist${needed === CLI ? ' (npm run build makes it)' : ''}`);
  }
  const validRun = firstErrors(path.join(corpus, 'valid'));
  const invalidRun = firstErrors(path.join(corpus, 'invalid'));
  const valid = [...validRun.first];
  const invalid = [...invalidRun.first];
  const falseErrors = valid.filter(([, problem]) => problem !== undefined);
  const misses = invalid.filter(([file, problem]) => problem === undefined && !invalidRun.beyondSchema.has(file));

  console.log(`valid:   ${valid.length} documents, ${falseErrors.length} with an error the schema would raise (false errors)`);
  for (const [, p] of falseErrors) console.log(`  false error  ${p!.file}:${p!.line}:${p!.column}: ${p!.message} [${p!.code}]`);
  console.log(`         ${validRun.beyondSchema.size} with an error beyond the schema, which libvirt's parser or the guest's start would raise:`);
  for (const p of validRun.beyondSchema.values()) console.log(`  beyond       ${p.file}:${p.line}:${p.column}: ${p.message} [${p.code}]`);
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
