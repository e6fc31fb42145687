/**
 * `npm run conformance -- CORPUS`: runs the domxml checker (dist/cli.js, as a user would) over
 * libvirt's own test documents. CORPUS/valid passes libvirt's schema; of it, the documents in
 * CORPUS/rejected.tsv are still rejected by libvirt's parser or fail to start, each with the
 * message libvirt's test expects. Every other valid document must get no error (one is a false
 * error: a bug of ours), every document under CORPUS/invalid at least one, and of the rejected
 * ones we count how many get an error and how many an error that means what libvirt's message
 * means (a rule whose libvirt message matches). `--min-caught F` fails the run when fewer than
 * the fraction F of the rejected ones are caught. Exits 1 on any failure, 2 when it cannot run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../server/src/cli/check';
import { xmlFilesUnder } from '../server/src/cli/files';
import { meansTheSame } from '../server/src/features/libvirtRefusal';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

class CannotRun extends Error {}

/** Each file under `directory` with its errors as `domxml check` (the CLI at `cli`) reports them. */
function errorsOf(cli: string, directory: string): Map<string, Problem[]> {
  const files = xmlFilesUnder(directory);
  const run = spawnSync(process.execPath, [cli, 'check', '--lang', 'en', '--format', 'json', directory], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error || (run.status !== 0 && run.status !== 1)) throw new CannotRun(`domxml check ${directory} failed (exit ${run.status}): ${run.stderr || String(run.error)}`);
  const checked = /checked (\d+) documents?/.exec(run.stderr)?.[1];
  if (Number(checked) !== files.length) throw new CannotRun(`domxml checked ${checked} documents under ${directory}, not the ${files.length} there`);
  const errors = new Map<string, Problem[]>(files.map((file) => [file, []]));
  for (const problem of JSON.parse(run.stdout) as Problem[]) if (problem.severity === 'error') errors.get(problem.file)?.push(problem);
  return errors;
}

/** corpus/rejected.tsv: each schema-valid document libvirt still rejects, with the message its test expects. */
interface Rejection {
  test: string;
  message: string;
}

function readRejected(corpus: string): Map<string, Rejection> {
  const rejected = new Map<string, Rejection>();
  const file = path.join(corpus, 'rejected.tsv');
  if (!fs.existsSync(file)) return rejected;
  for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [document, test, message] = line.split('\t');
    if (document && message) rejected.set(path.join(corpus, document), { test, message });
  }
  return rejected;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function main(args: string[]): number {
  const corpus = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!corpus) {
    console.error('usage: npm run conformance -- CORPUS_DIR [--min-caught FRACTION] [--cli PATH]   (CORPUS_DIR holds valid/, invalid/ and rejected.tsv)');
    return 2;
  }
  const cli = option(args, '--cli') ?? CLI;
  const minCaught = Number(option(args, '--min-caught') ?? 0);
  for (const needed of [path.join(corpus, 'valid'), path.join(corpus, 'invalid'), cli]) {
    if (!fs.existsSync(needed)) throw new CannotRun(`${needed} does not exist${needed === CLI ? ' (npm run build makes it)' : ''}`);
  }
  const rejected = readRejected(corpus);
  const validRun = errorsOf(cli, path.join(corpus, 'valid'));
  const invalidRun = errorsOf(cli, path.join(corpus, 'invalid'));
  const accepted = [...validRun].filter(([file]) => !rejected.has(file));
  const falseErrors = accepted.filter(([, errors]) => errors.length > 0);
  const invalid = [...invalidRun];
  const misses = invalid.filter(([, errors]) => errors.length === 0);
  let caught = 0;
  let meant = 0;
  const rejectedLines: string[] = [];
  for (const [file, { test, message }] of rejected) {
    const errors = validRun.get(file) ?? [];
    const matching = errors.find((p) => meansTheSame(p.code, message));
    if (errors.length > 0) caught++;
    if (matching) meant++;
    const where = path.relative(corpus, file);
    if (errors.length === 0) rejectedLines.push(`  missed       ${where} [${test}]: libvirt: ${message}`);
    else if (!matching) rejectedLines.push(`  other words  ${where}:${errors[0].line}:${errors[0].column}: ${errors[0].message} [${errors[0].code}]\n               libvirt: ${message}`);
  }

  const percent = (n: number, of: number) => `${of === 0 ? 0 : Math.round((1000 * n) / of) / 10}%`;
  console.log(`valid:    ${accepted.length} documents libvirt accepts, ${falseErrors.length} with an error (false errors)`);
  for (const [, errors] of falseErrors) {
    const p = errors[0];
    console.log(`  false error  ${p.file}:${p.line}:${p.column}: ${p.message} [${p.code}]`);
  }
  console.log(`rejected: ${rejected.size} documents that pass libvirt's schema but not its parser (rejected.tsv): ${caught} caught (${percent(caught, rejected.size)}), ${meant} of them with libvirt's meaning (${percent(meant, rejected.size)})`);
  for (const line of rejectedLines) console.log(line);
  console.log(`invalid:  ${invalid.length} documents, ${invalid.length - misses.length} with an error, ${misses.length} missed`);
  for (const [file] of misses) console.log(`  missed       ${file}: no error found`);
  const shortOfTarget = rejected.size > 0 && caught / rejected.size < minCaught;
  if (shortOfTarget) console.log(`rejected: ${percent(caught, rejected.size)} caught, under the ${percent(minCaught, 1)} asked for`);
  const failures = falseErrors.length + misses.length + (shortOfTarget ? 1 : 0);
  console.log(failures === 0 ? 'conformance: passed' : `conformance: ${failures} failures`);
  return failures === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CannotRun)) throw error;
  console.error(`conformance: ${error.message}`);
  process.exitCode = 2;
}
