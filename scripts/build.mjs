// Bundles the extension (client), the language server, its schema worker, the domxml checker and
// the libvirt-xml-language-server command with esbuild.
import { chmodSync } from 'node:fs';
import * as esbuild from 'esbuild';

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

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
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
