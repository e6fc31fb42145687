/**
 * Loading a user schema off the main thread, bounded: `loadUserSchemaInWorker` runs
 * loadUserSchema (cache and compile) in a worker thread with a heap limit and a timeout, so that
 * the language server keeps answering with the schema it has, and a schema that would take
 * gigabytes or hang costs an error message. The limits of the compile itself (bytes read, nesting,
 * size, time) are in schemaFiles.ts and compileGrammar.ts; the worker's limits catch what they
 * miss (xmldom's tree takes about 100 bytes of heap per byte of a dense grammar).
 *
 * `loadUnlessItCrashedBefore` remembers, in a marker file in the per-user state directory, that a
 * load of a schema is under way, and clears it when the load ends. A marker found at start whose
 * process is gone means that load took the whole process down (killed out of memory, say): that
 * schema is not loaded again until a file in its directory changes.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Words, render, words } from '../messages/words';
import { GrammarModel, fromModel } from './model';
import { Schema } from './schema';
import { readRegularFile } from './schemaFiles';
import type { UserSchemaResult } from './userSchema';

/** What the worker is asked to do: loadUserSchema's arguments. */
export interface UserSchemaJob {
  directory: string;
  cacheDirectory: string;
  libvirt: string;
}

/** Why a schema cannot be had: in English, and `errorWords` in any language (messages/en/userSchema.ts). */
export interface SchemaError {
  error: string;
  errorWords: Words;
}

export function schemaError(why: Words): SchemaError {
  return { error: render(why, 'en'), errorWords: why };
}

/** What the worker answers: loadUserSchema's result, with the model in place of the schema. */
export type UserSchemaAnswer = SchemaError | { model: GrammarModel; cached: boolean; files: number; cacheProblem?: string };

export interface WorkerLimits {
  /** The worker is stopped after this long. */
  timeoutMs: number;
  /** The worker's V8 heap (old generation) may grow to this many megabytes. */
  maxHeapMb: number;
}

/** libvirt 12.8.0's domain schema compiles in about 0.3 s with a heap of 25 MB. */
export const SCHEMA_WORKER_LIMITS: WorkerLimits = { timeoutMs: 30_000, maxHeapMb: 512 };

/** Beside this module in out/ (tsc), and beside server.js and cli.js in dist/ (the bundles). */
const WORKER_FILE = path.join(__dirname, 'userSchemaWorker.js');

/**
 * loadUserSchema run in a worker thread; any failure of the worker (its heap limit, the timeout,
 * a crash) is an error that says why. `signal` stops it early, when its answer is no longer wanted.
 */
export function loadUserSchemaInWorker(
  directory: string,
  cacheDirectory: string,
  libvirt = 'unknown',
  options: { limits?: WorkerLimits; signal?: AbortSignal } = {},
): Promise<UserSchemaResult> {
  const { limits = SCHEMA_WORKER_LIMITS, signal } = options;
  const job: UserSchemaJob = { directory, cacheDirectory, libvirt };
  return new Promise((resolve) => {
    // Not piped to this process's stdout: the language server's stdout is the LSP connection.
    const worker = new Worker(WORKER_FILE, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (result: UserSchemaResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(result);
    };
    const onAbort = (): void => finish(schemaError(words('userSchema.cancelled')));
    const timer = setTimeout(() => finish(schemaError(words('userSchema.timeout', { seconds: limits.timeoutMs / 1000 }))), limits.timeoutMs);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    worker.on('message', (answer: UserSchemaAnswer) => finish(schemaFrom(answer, directory, libvirt)));
    worker.on('error', (error: Error & { code?: string }) => {
      finish(
        schemaError(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? words('userSchema.outOfMemory', { megabytes: limits.maxHeapMb }) : words('userSchema.compileFailed', { message: error.message }),
        ),
      );
    });
    worker.on('exit', (code) => finish(schemaError(words('userSchema.noAnswer', { code }))));
  });
}

function schemaFrom(answer: UserSchemaAnswer, directory: string, libvirt: string): UserSchemaResult {
  if ('error' in answer) return answer;
  const { model, ...facts } = answer;
  try {
    return { ...facts, schema: new Schema(fromModel(model), { libvirt, location: directory }) };
  } catch (error) {
    return schemaError(words('userSchema.unusable', { message: error instanceof Error ? error.message : String(error) }));
  }
}

/** Markers this process wrote and has not cleared: cleared on a normal exit too, which is no crash. */
const markersWritten = new Set<string>();
let clearsMarkersOnExit = false;

/**
 * `load()`, unless a load of this schema (same directory, same files) took down the process that
 * tried it: then the error says so, and what to do. `stateDirectory` holds the marker.
 */
export async function loadUnlessItCrashedBefore(directory: string, stateDirectory: string, load: () => Promise<UserSchemaResult>): Promise<UserSchemaResult> {
  const marker = path.join(stateDirectory, `loading-${schemaFingerprint(directory).slice(0, 32)}.json`);
  const crashed = crashedLoad(marker);
  if (crashed) {
    return schemaError(words('userSchema.crashedBefore', { time: crashed, directory }));
  }
  const written = writeMarker(marker, directory);
  try {
    return await load();
  } finally {
    if (written) {
      fs.rmSync(marker, { force: true });
      markersWritten.delete(marker);
    }
  }
}

/** When the load the marker records started, if its process is gone; undefined when there is none or it still runs. */
function crashedLoad(marker: string): string | undefined {
  let recorded: { pid?: unknown; started?: unknown };
  try {
    recorded = JSON.parse(readRegularFile(marker, 4096).toString('utf8')) as typeof recorded;
  } catch {
    return undefined;
  }
  if (typeof recorded.pid !== 'number' || isRunning(recorded.pid)) return undefined;
  return typeof recorded.started === 'string' ? recorded.started : 'an earlier start';
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a fresh marker, never through a link left at its name; false when it cannot (the load goes ahead unguarded). */
function writeMarker(marker: string, directory: string): boolean {
  try {
    fs.mkdirSync(path.dirname(marker), { recursive: true, mode: 0o700 });
    fs.rmSync(marker, { force: true });
    fs.writeFileSync(marker, JSON.stringify({ pid: process.pid, directory, started: new Date().toISOString() }), { flag: 'wx', mode: 0o600 });
  } catch {
    return false;
  }
  if (!clearsMarkersOnExit) process.on('exit', clearMarkersWritten);
  clearsMarkersOnExit = true;
  markersWritten.add(marker);
  return true;
}

function clearMarkersWritten(): void {
  for (const marker of markersWritten) fs.rmSync(marker, { force: true });
  markersWritten.clear();
}

/** Entries of a schema directory looked at for its fingerprint: libvirt's has 28. */
const MAX_FINGERPRINT_ENTRIES = 10_000;

/**
 * What identifies a schema without reading it (reading is what may have crashed): the directory,
 * and the name, size, modification time and inode of its entries. A file it includes from
 * elsewhere is not part of it.
 */
function schemaFingerprint(directory: string): string {
  const hash = createHash('sha256').update(directory);
  const entries: string[] = [];
  try {
    const listing = fs.opendirSync(directory);
    try {
      for (let entry = listing.readSync(); entry && entries.length < MAX_FINGERPRINT_ENTRIES; entry = listing.readSync()) {
        const stat = fs.lstatSync(path.join(directory, entry.name), { throwIfNoEntry: false });
        entries.push(stat ? `${entry.name}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}` : entry.name);
      }
    } finally {
      listing.closeSync();
    }
  } catch {
    // An unreadable directory: the load says why; the fingerprint is the path alone.
  }
  for (const entry of entries.sort()) hash.update(`\0\0${entry}`);
  return hash.digest('hex');
}
