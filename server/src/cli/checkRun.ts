/**
 * Checking the documents of a `domxml check` run: one after another in this thread, or, for many
 * files, spread over worker threads as well (each with its own copy of the checker and the
 * bundled schema). Either way each document gets the same outcome, and the run reports them in
 * the order of its inputs.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { hostStatusOf } from '../features/hostStatus';
import { Words, words } from '../messages/words';
import { ParsedDocument } from '../parser/parsedDocument';
import { BUNDLED, loadBundledSchema } from '../schema/schema';
import { CheckOptions, Problem, analysisForCheck, checkAnalysis, parseForCheck } from './check';
import { Input, describeError, inputName, readInput } from './files';
import { INSTALL_DIRECTORY } from '../installation';
import { INTERRUPT_BUDGET } from '../bundleLaunch';

/** What checking one input came to. */
export interface FileOutcome {
  problems: Problem[];
  /** Set when the input could not be read or checked (its problems are then empty). */
  failure?: Words;
  /** What the host checks could not do for it. */
  notes?: Words[];
}

/** The outcomes of a run's inputs, in their order, and what went wrong with the threads that checked them. */
export interface CheckedInputs {
  outcomes: FileOutcome[];
  /** One line per worker that stopped before it was done (its documents were then checked in this thread). */
  stoppedWorkers: Words[];
}

/** Whatever must happen between a document's parse and its analysis (reading the host facts it needs). */
export type BeforeAnalysis = (document: ParsedDocument) => Promise<void>;

/**
 * A worker costs its start (about 100 ms before it checks its first file) and the warm-up of its
 * own copy of the checker (V8 compiles and optimises it again: a thread checked the corpus's 1,349
 * files in 1,029 ms, and four times as many in 1,899); fewer files than this per thread do not repay it.
 */
const FILES_PER_THREAD = 256;

/** Each thread past the first added 51 MB to the corpus run's peak RSS; more than this many need --jobs. */
const MOST_THREADS_BY_DEFAULT = 8;

/**
 * How many threads check a run of `files` files when --jobs does not say: one per two cores, and
 * none idle for want of files. A checking thread keeps a second core busy with V8's optimising
 * compiler and collector: on two cores, two threads checked the corpus in 1,435 / 1,481 ms (min /
 * median of 8 rounds) against one thread's 1,029 / 1,409, and 5,340 files in 2,279 / 2,398 against
 * 1,899 / 2,821.
 */
export function defaultJobs(files: number): number {
  // node:os only when it can matter: a one-file check is mostly Node's start-up.
  return files < 2 * FILES_PER_THREAD ? 1 : Math.max(1, Math.min(Math.floor(cores() / 2), MOST_THREADS_BY_DEFAULT, Math.floor(files / FILES_PER_THREAD)));
}

function cores(): number {
  return (require('node:os') as typeof import('node:os')).availableParallelism();
}

/** One input read, parsed and checked; a failure to read it, or a bug in the checker, costs only this document. */
export function checkInput(input: Input, options: CheckOptions): FileOutcome {
  const name = inputName(input);
  const document = parsedOrFail(input, name);
  return document instanceof ParsedDocument ? analysedOrFail(name, document, options) : document;
}

/** The input read and parsed, or the outcome of one that cannot be read (or whose parse fails). */
function parsedOrFail(input: Input, name: string): ParsedDocument | FileOutcome {
  let text: string;
  try {
    text = readInput(input);
  } catch (error) {
    return { problems: [], failure: words('cli.cannotRead', { name, reason: describeError(error) }) };
  }
  try {
    return parseForCheck(text);
  } catch (error) {
    return couldNotCheck(name, error);
  }
}

function analysedOrFail(name: string, document: ParsedDocument, options: CheckOptions): FileOutcome {
  try {
    const analysis = analysisForCheck(document, options);
    const problems = checkAnalysis(name, analysis);
    const notes = hostStatusOf(analysis)?.notes;
    return notes && notes.length > 0 ? { problems, notes } : { problems };
  } catch (error) {
    return couldNotCheck(name, error);
  }
}

function couldNotCheck(name: string, error: unknown): FileOutcome {
  return { problems: [], failure: words('cli.couldNotCheck', { name, reason: error instanceof Error ? (error.stack ?? error.message) : String(error) }) };
}

/**
 * Every input's outcome, in the order of `inputs`. With `beforeAnalysis` (a libvirt host whose
 * facts are read as the documents ask for them), stdin among the inputs, a schema other than the
 * bundled one, or a single thread to be had (`jobs` 1, one core, one file), all are checked in
 * this thread; otherwise by up to `jobs` threads, at most one per core and per file.
 */
export async function checkInputs(inputs: readonly Input[], options: CheckOptions, jobs: number, beforeAnalysis?: BeforeAnalysis): Promise<CheckedInputs> {
  const files = inputs.flatMap((input) => (input.kind === 'file' ? [input.path] : []));
  // The workers load the bundled schema themselves; any other is loaded once, here.
  const parallel = !beforeAnalysis && jobs > 1 && files.length === inputs.length && options.schema?.origin.location === BUNDLED;
  const threads = parallel ? Math.min(jobs, cores(), files.length) : 1;
  if (threads > 1) return checkInParallel(files, options, threads);
  if (inputs.length > 1) optimiseLater();
  if (!beforeAnalysis) return { outcomes: inputs.map((input) => checkInput(input, options)), stoppedWorkers: [] };
  const outcomes: FileOutcome[] = [];
  for (const input of inputs) outcomes.push(await checkInputFirst(input, options, beforeAnalysis));
  return { outcomes, stoppedWorkers: [] };
}

/** checkInput, with `beforeAnalysis` awaited between the parse and the analysis. */
async function checkInputFirst(input: Input, options: CheckOptions, beforeAnalysis: BeforeAnalysis): Promise<FileOutcome> {
  const name = inputName(input);
  const document = parsedOrFail(input, name);
  if (!(document instanceof ParsedDocument)) return document;
  try {
    await beforeAnalysis(document);
  } catch (error) {
    return couldNotCheck(name, error);
  }
  return analysedOrFail(name, document, options);
}

/**
 * V8 optimises a function once it has run a budget of bytecode. Over many documents, four times
 * Node's budget ran 17% fewer instructions (the corpus in one process: 6.53G -> 5.44G, less
 * optimised and thrown away); five times ran the corpus 2% faster again on two cores (less
 * compiling beside the check; three, six and sixteen times did worse). One document keeps
 * Node's, as loading node:v8 would cost it more than it saves. Set after the bundle is compiled:
 * its code cache is made and read under Node's own flags (the build makes it with one document),
 * and V8's flags are the process's, so a check worker's bundle must be compiled first too (a
 * worker that compiled it without its cache started in 150-280 ms instead of 90-150): it is set
 * once every worker has compiled its own.
 * The young generation's size cannot be set here: V8 reads --max-semi-space-size as it starts.
 * Given at Node's start, 64 MB cut the corpus's scavenges from 19 to 2 but ran 3.5% more
 * instructions and no faster, so neither a worker nor a second process is started for it.
 */
export function optimiseLater(): void {
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/** What a check worker is started with. */
interface CheckJob {
  /** Marks the worker as one of these (workerData of any other worker has no such key). */
  domxmlCheck: true;
  files: string[];
  /** Int32s at NEXT_FILE and STARTED, shared by the run's threads. */
  shared: SharedArrayBuffer;
  /** The files before this index are taken from NEXT_FILE; each of the others is one worker's own first file. */
  sharedFiles: number;
  /** This worker's own first file. */
  ownFile: number;
  maxProblems: number;
  host: CheckOptions['host'];
}

/** The index of the next file nobody has taken. */
const NEXT_FILE = 0;
/** How many workers have their checker compiled (see optimiseLater). */
const STARTED = 1;

/** A worker's message: the outcome of a file it took. */
interface WorkerOutcome {
  index: number;
  outcome: FileOutcome;
}

/** The next shared file's index for this thread (past the shared ones once all are taken): each thread adds 1 to take one. */
function takeFile(shared: Int32Array): number {
  return Atomics.add(shared, NEXT_FILE, 1);
}

/**
 * The files checked by `threads` threads: this one and workers, each taking the next file from a
 * shared counter when done with one, so a slow document holds up only its own thread. Each worker also has a file of its own, which it checks
 * first: every worker started checks at least one document, however fast this thread goes. An
 * outcome that never came back (a worker that crashed or could not start) is checked here at the
 * end, as a run in one thread would have.
 */
async function checkInParallel(files: string[], options: CheckOptions, threads: number): Promise<CheckedInputs> {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const sharedFiles = files.length - (threads - 1);
  const job: Omit<CheckJob, 'ownFile'> = {
    domxmlCheck: true,
    files,
    shared: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
    sharedFiles,
    maxProblems: options.maxProblems,
    host: options.host,
  };
  const shared = new Int32Array(job.shared);
  const outcomes = new Array<FileOutcome | undefined>(files.length).fill(undefined);
  const stoppedWorkers: Words[] = [];
  const finished: Promise<void>[] = [];
  for (let ownFile = sharedFiles; ownFile < files.length; ownFile++) {
    let worker: Worker;
    try {
      // Its output is not ours to print: a worker only posts outcomes.
      worker = new Worker(join(__dirname, 'cli.js'), { argv: [CHECK_WORKER_ARGUMENT], workerData: { ...job, ownFile } satisfies CheckJob, stdout: true, stderr: true });
    } catch (error) {
      // No more threads to be had: those started share the files.
      stoppedWorkers.push(words('cli.workerStopped', { reason: describeError(error) }));
      break;
    }
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', ({ index, outcome }: WorkerOutcome) => (outcomes[index] = outcome));
    // An error (out of memory, a bug outside any one document) is followed by the worker's exit;
    // the file it held and its own file, if not yet checked, are checked below.
    let stopped: Words | undefined;
    worker.on('error', (error) => (stopped = words('cli.workerStopped', { reason: describeError(error) })));
    finished.push(
      new Promise((resolve) =>
        worker.once('exit', (code) => {
          if (stopped ?? code !== 0) stoppedWorkers.push(stopped ?? words('cli.workerStopped', { reason: words('cli.workerExitCode', { code }) }));
          resolve();
        }),
      ),
    );
  }
  let optimising = false;
  for (let index = takeFile(shared); index < sharedFiles; index = takeFile(shared)) {
    if (!optimising && Atomics.load(shared, STARTED) === finished.length) {
      optimiseLater();
      optimising = true;
    }
    outcomes[index] = checkInput({ kind: 'file', path: files[index] }, options);
  }
  await Promise.all(finished);
  return { outcomes: outcomes.map((outcome, index) => outcome ?? checkInput({ kind: 'file', path: files[index] }, options)), stoppedWorkers };
}

/**
 * What a check worker is started with after its script, in process.argv: the main thread's argv
 * are the user's, and only a thread started with this is asked whether it is a worker. Asking
 * (loading node:worker_threads, with Node's streams) cost every one-file check 1-2% of its instructions.
 */
const CHECK_WORKER_ARGUMENT = '--domxml-check-worker';

/** The job of this thread when it is a check worker; undefined in the main thread and in any other worker. */
export function checkJobOfThisThread(): CheckJob | undefined {
  if (process.argv[2] !== CHECK_WORKER_ARGUMENT) return undefined;
  const { isMainThread, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const job = workerData as Partial<CheckJob> | undefined;
  return !isMainThread && job?.domxmlCheck === true ? (job as CheckJob) : undefined;
}

/** A check worker's life: its own file, then shared ones until none are left, posting each outcome. */
export function runCheckWorker(job: CheckJob): void {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const shared = new Int32Array(job.shared);
  Atomics.add(shared, STARTED, 1);
  // The worker runs the same dist/cli.js as the main thread, so its installation is the main thread's.
  const options: CheckOptions = { schema: loadBundledSchema(INSTALL_DIRECTORY), maxProblems: job.maxProblems, host: job.host };
  const check = (index: number): void => {
    const message: WorkerOutcome = { index, outcome: checkInput({ kind: 'file', path: job.files[index] }, options) };
    parentPort?.postMessage(message);
  };
  check(job.ownFile);
  for (let index = takeFile(shared); index < job.sharedFiles; index = takeFile(shared)) check(index);
}
