/**
 * dist/cli.js, what `domxml` runs: it loads the checker (dist/cli-bundle.js, built from cli.ts)
 * with V8's code cache, so a run does not parse and compile a megabyte of JavaScript before it
 * checks anything. Compiling the bundle was a third of what a one-file check cost above Node's own
 * start-up; with the cache the run reads the compiled functions back.
 *
 * The cache (dist/cli-bundle.cache) is written by the build (scripts/build.mjs), after a check it
 * runs, so the functions a check runs are in it; domxml itself never writes it. It is used only
 * with the bundle it was made from (both carry the build's token) and only by the Node it was made
 * with: V8 refuses a cache from another version or other flags, and the bundle is then compiled as
 * usual.
 *
 * The build writes the bundle already wrapped as Node wraps a CommonJS file (BUNDLE_HEAD …
 * BUNDLE_TAIL) and in ASCII, so the file's bytes become the compiled source in one copy: no
 * decoding of UTF-8, and no second copy of a megabyte for the wrapped text. A bundle without the
 * wrapper (or not in ASCII) is wrapped (decoded) here.
 *
 * No import of ours: this file is all that runs before the bundle.
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

export const BUNDLE_NAME = 'cli-bundle.js';
export const CACHE_NAME = 'cli-bundle.cache';
/** The bundle's first line: `// domxml build TOKEN`, the token the cache file also starts with. */
export const TOKEN_LINE = '// domxml build ';
/** The bundle's code after its token line, between these: a function of its module's variables, as Node's loader wraps a CommonJS file. */
export const BUNDLE_HEAD = '(function (exports, require, module, __filename, __dirname) {';
export const BUNDLE_TAIL = '\n})';

/** What launching did with the cache (for the tests). */
export type CacheUse = 'used' | 'rejected' | 'absent' | 'other build';

export interface Launched {
  use: CacheUse;
  script: vm.Script;
  /** The build's token; undefined for a bundle without one (no cache for it). */
  token: string | undefined;
}

/** Runs the bundle in `directory` as the main module. */
export function launch(directory: string): Launched {
  const bundle = path.join(directory, BUNDLE_NAME);
  const bytes = fs.readFileSync(bundle);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const token = buildToken(source);
  let cachedData: Buffer | undefined;
  let use: CacheUse = 'absent';
  if (token !== undefined) {
    try {
      const file = fs.readFileSync(path.join(directory, CACHE_NAME));
      if (file.subarray(0, token.length).toString('latin1') === token) cachedData = file.subarray(token.length);
      else use = 'other build';
    } catch {
      // No cache: compiled as usual.
    }
  }
  // As Node's own loader runs a CommonJS file: wrapped in a function of its module's variables.
  const script = new vm.Script(wrapped(source, token) ? source : Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData) use = script.cachedDataRejected ? 'rejected' : 'used';
  const module = new Module(bundle, require.main);
  module.filename = bundle;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, directory);
  return { use, script, token };
}

/**
 * What the build writes to CACHE_NAME after a run it launched: the token, then V8's cache of the
 * script with every function the run compiled. Undefined for a bundle without a token.
 */
export function codeCache(launched: Launched): Buffer | undefined {
  return launched.token === undefined ? undefined : Buffer.concat([Buffer.from(launched.token, 'latin1'), launched.script.createCachedData()]);
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

if (require.main === module) launch(__dirname);
