/**
 * Runs a bundle of ours as the main module with V8's code cache, so a start does not parse and
 * compile a megabyte of JavaScript before it does anything: domxml's checker (cli/launch.ts) and
 * the language server (serverLaunch.ts).
 *
 * The cache (BUNDLE.cache beside the bundle) is written by the build (scripts/build.mjs), after a
 * run it launched, so the functions such a run compiles are in it; a launch never writes it. It is
 * used only with the bundle it was made from (both carry the build's token) and only by the Node
 * it was made with: V8 refuses a cache from another version or other flags, and the bundle is
 * then compiled as usual.
 *
 * The build writes each bundle already wrapped as Node wraps a CommonJS file (BUNDLE_HEAD …
 * BUNDLE_TAIL) and in ASCII, so the file's bytes become the compiled source in one copy: no
 * decoding of UTF-8, and no second copy of a megabyte for the wrapped text. A bundle without the
 * wrapper (or not in ASCII) is wrapped (decoded) here.
 *
 * No import of ours: this file is all that runs before the bundle.
 */
import { isAscii } from 'node:buffer';
// Named imports: a namespace import of a Node module is bundled as a copy of all its exports.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { Module } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** The bundle's first line: `// domxml build TOKEN`, the token the cache file also starts with. */
export const TOKEN_LINE = '// domxml build ';
/** The bundle's code after its token line, between these: a function of its module's variables, as Node's loader wraps a CommonJS file. */
export const BUNDLE_HEAD = '(function (exports, require, module, __filename, __dirname) {';
export const BUNDLE_TAIL = '\n})';

/**
 * Five times Node 20's tier-up budget (--interrupt-budget=67584): V8 optimises a function once it
 * has run this much bytecode. domxml sets it over many documents (cli/checkRun.ts), the server from its
 * start (serverLaunch.ts).
 */
export const INTERRUPT_BUDGET = 5 * 67584;

/** What launching did with the cache (for the tests). */
export type CacheUse = 'used' | 'rejected' | 'absent' | 'other build';

export interface Launched {
  use: CacheUse;
  script: Script;
  /** The build's token; undefined for a bundle without one (no cache for it). */
  token: string | undefined;
}

/** Runs `bundleName` in `directory` as the main module, with the code cache in `cacheName` there. */
export function launchBundle(directory: string, bundleName: string, cacheName: string): Launched {
  const bundle = join(directory, bundleName);
  const cacheFile = join(directory, cacheName);
  // One buffer for both files: the cache is read into the pages the bundle was read into, which
  // the process has already touched (a new page costs a fault, about 12 us).
  const buffer = Buffer.allocUnsafeSlow(Math.max(statSync(bundle).size, statSync(cacheFile, { throwIfNoEntry: false })?.size ?? 0));
  const bytes = readInto(bundle, buffer);
  // A copy: the buffer is read into again below.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const token = buildToken(source);
  let cachedData: Buffer | undefined;
  let use: CacheUse = 'absent';
  if (token !== undefined) {
    try {
      const file = readInto(cacheFile, buffer);
      if (file.subarray(0, token.length).toString('latin1') === token) cachedData = file.subarray(token.length);
      else use = 'other build';
    } catch {
      // No cache: compiled as usual.
    }
  }
  // As Node's own loader runs a CommonJS file: wrapped in a function of its module's variables.
  const script = new Script(wrapped(source, token) ? source : Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData) use = script.cachedDataRejected ? 'rejected' : 'used';
  const module = new Module(bundle, require.main);
  module.filename = bundle;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, directory);
  return { use, script, token };
}

/**
 * What the build writes to the cache file after a run it launched: the token, then V8's cache of
 * the script with every function the run compiled. Undefined for a bundle without a token.
 */
export function codeCache(launched: Launched): Buffer | undefined {
  return launched.token === undefined ? undefined : Buffer.concat([Buffer.from(launched.token, 'latin1'), launched.script.createCachedData()]);
}

/** The bytes of `file`, read into the start of `buffer` when they fit there, else into a buffer of their own. */
function readInto(file: string, buffer: Buffer): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const into = size <= buffer.length ? buffer : Buffer.allocUnsafeSlow(size);
    let length = 0;
    while (length < size) {
      const read = readSync(fd, into, length, size - length, null);
      if (read === 0) break;
      length += read;
    }
    return into.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Whether the bundle's code (after the token line) is already wrapped: it starts with BUNDLE_HEAD. */
function wrapped(source: string, token: string | undefined): boolean {
  return source.startsWith(BUNDLE_HEAD, token === undefined ? 0 : TOKEN_LINE.length + token.length + 1);
}

/** The token of the bundle's first line, if it has one. */
function buildToken(source: string): string | undefined {
  if (!source.startsWith(TOKEN_LINE)) return undefined;
  const end = source.indexOf('\n');
  return end > TOKEN_LINE.length ? source.slice(TOKEN_LINE.length, end) : undefined;
}
