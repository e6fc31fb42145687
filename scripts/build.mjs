// Bundles the extension (client), the language server, its schema worker, the domxml checker and
// the libvirt-xml-language-server command with esbuild.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { writeServerCodeCache } from './serverCodeCache.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/**
 * domxml's bundle keeps the catalogues (messages/en.ts, zh.ts) apart, as JSON beside it
 * (dist/cli-en.json, cli-zh.json) that messages/words.ts requires the first time it renders one of
 * their words: a check that finds nothing reads neither. In the bundle, the English was a sixth of
 * its code cache and 200 of a one-file check's 4,800 page faults.
 */
const CATALOGUES = { './en': 'server/src/messages/en.ts', './zh': 'server/src/messages/zh.ts' };
const cataloguesApart = {
  name: 'catalogues-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/(en|zh)$/ }, (args) => (args.importer.endsWith('words.ts') ? { path: cataloguePath(args.path), external: true } : undefined));
  },
};
const cataloguePath = (name) => `./cli-${name.slice(2)}.json`;

/** The catalogue module `entry` as JSON: its exports (`{ EN }` or `{ ZH }`), as requiring it gives them. */
async function writeCatalogue(name, entry) {
  const { outputFiles } = await esbuild.build({ ...common, entryPoints: [entry], write: false, sourcemap: false });
  const module = { exports: {} };
  new Function('module', 'exports', outputFiles[0].text)(module, module.exports);
  writeFileSync(path.join('dist', cataloguePath(name)), JSON.stringify(module.exports));
}

// domxml's launcher first: it says how both bundles run with a code cache are written
// (server/src/bundleLaunch.ts). Wrapped as Node wraps a CommonJS file, and in ASCII, the file is
// the source V8 compiles, as it is; the token ties the cache written below to the bundle.
await esbuild.build({ ...common, entryPoints: ['server/src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
const { TOKEN_LINE, BUNDLE_HEAD, BUNDLE_TAIL } = createRequire(import.meta.url)('../dist/cli.js');
/** How a bundle run by bundleLaunch.ts is written: its token line, wrapped, in ASCII. */
const launchedBundle = () => ({
  charset: 'ascii',
  banner: { js: `${TOKEN_LINE}${randomBytes(12).toString('hex')}\n${BUNDLE_HEAD}` },
  footer: { js: BUNDLE_TAIL },
});

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The server: dist/server.js loads its bundle with V8's code cache (server/src/serverLaunch.ts),
  // written below after a session with it.
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-bundle.js', ...launchedBundle() }),
  esbuild.build({ ...common, entryPoints: ['server/src/serverLaunch.ts'], outfile: 'dist/server.js' }),
  // domxml: dist/cli.js loads the checker's bundle with V8's code cache (server/src/cli/launch.ts).
  // Minified in every build, as a production build minifies all: each start reads the bundle and
  // makes a string of it (minified, 603 -> 423 KB: a one-file check 4,445 -> 4,210 page faults).
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/cli.ts'],
    outfile: 'dist/cli-bundle.js',
    minify: true,
    ...launchedBundle(),
    plugins: [cataloguesApart],
  }),
  ...Object.entries(CATALOGUES).map(([name, entry]) => writeCatalogue(name, entry)),
  // The server as a command for other editors: its arguments checked, then dist/server.js itself
  // (kept out of this bundle: one server, whichever way it is started).
  esbuild.build({
    ...common,
    entryPoints: ['server/src/serverCommand.ts'],
    outfile: 'dist/libvirt-xml-language-server.js',
    banner: { js: '#!/usr/bin/env node' },
    external: ['./server'],
  }),
  // The server and the CLI compile a user schema in this worker (server/src/schema/userSchemaLoader.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/schema/userSchemaWorker.ts'], outfile: 'dist/userSchemaWorker.js' }),
]);
// Runnable as ./dist/cli.js (and the server command as itself) too, not only through npm's bin links.
chmodSync('dist/cli.js', 0o755);
chmodSync('dist/libvirt-xml-language-server.js', 0o755);

// domxml's code cache: one check of an example compiles what a check runs, and the cache keeps it.
// Made by this Node for this Node: another version compiles the bundle as before. One document:
// a run over several sets a V8 flag (server/src/cli/cli.ts), which a cache made under it would
// carry, and V8 would refuse the cache to every run.
rmSync('dist/cli-bundle.cache', { force: true });
const writeCache = `
  process.argv.splice(1, Infinity, 'dist/cli.js', 'check', 'examples/web01.xml');
  const { launch, codeCache } = require('./dist/cli.js');
  const launched = launch(require('node:path').resolve('dist'));
  process.on('exit', () => require('node:fs').writeFileSync('dist/cli-bundle.cache', codeCache(launched)));`;
const cacheRun = spawnSync(process.execPath, ['-e', writeCache], { stdio: 'ignore' });
if (cacheRun.status !== 0 && cacheRun.status !== 1) console.warn(`build: domxml's code cache not written (exit ${cacheRun.status ?? cacheRun.signal}): domxml compiles its bundle at each start`);

await writeServerCodeCache('examples');
