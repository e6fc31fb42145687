/**
 * dist/server.js, what editors start (`node dist/server.js --stdio`, the extension's fork with
 * --node-ipc, the libvirt-xml-language-server command): it loads the server (dist/server-bundle.js,
 * built from server.ts) with V8's code cache (bundleLaunch.ts). Without the cache, a server's first
 * document and first completion compiled the functions they ran, lazily, one at a time. The build
 * writes the cache after an editor's session with the server (scripts/serverCodeCache.mjs). A
 * Node other than the build's (VS Code's own, in its extension host) refuses it and compiles the
 * bundle as usual.
 *
 * No import of ours but bundleLaunch.ts: this file is all that runs before the bundle.
 */
import * as v8 from 'node:v8';
import { INTERRUPT_BUDGET, Launched, launchBundle } from './bundleLaunch';

export { codeCache } from './bundleLaunch';

export const SERVER_BUNDLE_NAME = 'server-bundle.js';
export const SERVER_CACHE_NAME = 'server-bundle.cache';

/** Runs the server's bundle in `directory` as the main module. */
export function launchServer(directory: string): Launched {
  // V8 checks a cache against the flags at compile time, and the build writes it under this
  // launch: flags set here, before compiling, agree both ways. --expose-gc: the server sets it
  // when a large document first needs gc() (idleCollector.ts). The budget: with Node's, V8
  // optimised functions on a second thread during the first document's check and the first
  // completion, competing with them on a 2-core machine (a fresh server, 5 KB, 14 rounds
  // interleaved with Node's budget, min / median: CPU of all threads didOpen -> diagnostics
  // 60.1 / 79.7 -> 37.0 / 47.3 ms, the first completion 50.3 / 59.2 -> 28.9 / 36.7 ms).
  v8.setFlagsFromString('--expose-gc');
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return launchBundle(directory, SERVER_BUNDLE_NAME, SERVER_CACHE_NAME);
}

if (require.main === module) launchServer(__dirname);
