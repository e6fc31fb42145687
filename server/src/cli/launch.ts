/**
 * dist/cli.js, what `domxml` runs: it loads the checker (dist/cli-bundle.js, built from cli.ts)
 * with V8's code cache (bundleLaunch.ts), so a run does not parse and compile a megabyte of
 * JavaScript before it checks anything. Compiling the bundle was a third of what a one-file check
 * cost above Node's own start-up; with the cache the run reads the compiled functions back. The
 * build writes the cache after one check of an example (scripts/build.mjs).
 *
 * No import of ours but bundleLaunch.ts: this file is all that runs before the bundle.
 */
import { Launched, launchBundle } from '../bundleLaunch';

export { BUNDLE_HEAD, BUNDLE_TAIL, CacheUse, Launched, TOKEN_LINE, codeCache } from '../bundleLaunch';

export const BUNDLE_NAME = 'cli-bundle.js';
export const CACHE_NAME = 'cli-bundle.cache';

/** Runs the checker's bundle in `directory` as the main module. */
export function launch(directory: string): Launched {
  return launchBundle(directory, BUNDLE_NAME, CACHE_NAME);
}

if (require.main === module) launch(__dirname);
