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
import { Launched, launchBundle } from './bundleLaunch';

export { codeCache } from './bundleLaunch';

export const SERVER_BUNDLE_NAME = 'server-bundle.js';
export const SERVER_CACHE_NAME = 'server-bundle.cache';

/** Runs the server's bundle in `directory` as the main module. */
export function launchServer(directory: string): Launched {
  // The server sets this flag when it starts (idleCollector.ts); V8 checks a cache against the
  // flags at compile time and the build writes it with the flag set: set before, both agree.
  v8.setFlagsFromString('--expose-gc');
  return launchBundle(directory, SERVER_BUNDLE_NAME, SERVER_CACHE_NAME);
}

if (require.main === module) launchServer(__dirname);
