/**
 * dist/server.js runs the server's bundle through V8's code cache (server/src/serverLaunch.ts):
 * with this Node the build's cache is used; a cache this Node refuses (another Node's, as in VS
 * Code's extension host) costs the compile and nothing else.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { SERVER_BUNDLE_NAME, SERVER_CACHE_NAME } from '../../server/src/serverLaunch';
import { LspClient } from '../lsp/lspClient';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

/** How the server in `directory` used its cache (stdin closed: it stops once loaded). */
function cacheUse(directory: string): string {
  const script = `process.argv.splice(1, Infinity, ${JSON.stringify(path.join(directory, 'server.js'))}, '--stdio');
    process.stderr.write(require(process.argv[1]).launchServer(${JSON.stringify(directory)}).use);`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', input: '' }).stderr;
}

test("the build's cache is used by dist/server.js with this Node", () => {
  assert.equal(cacheUse(DIST), 'used');
});

test('a cache V8 refuses leaves the server compiled as usual, answering as ever', async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'server-launch-'));
  try {
    for (const name of ['server.js', SERVER_BUNDLE_NAME]) fs.copyFileSync(path.join(DIST, name), path.join(directory, name));
    const token = fs.readFileSync(path.join(DIST, SERVER_BUNDLE_NAME), 'latin1').split('\n')[0].split(' ').pop()!;
    // The build's token, then data this V8 did not write.
    fs.writeFileSync(path.join(directory, SERVER_CACHE_NAME), Buffer.concat([Buffer.from(token, 'latin1'), Buffer.alloc(4096, 7)]));
    assert.equal(cacheUse(directory), 'rejected');
    const client = await LspClient.start({}, [], path.join(directory, 'server.js'));
    try {
      assert.ok(client.capabilities?.capabilities.completionProvider);
      const published = await client.open('file:///broken.xml', '<domain>\n  <name>x</nam>\n</domain>\n');
      assert.ok(published.diagnostics.length > 0);
    } finally {
      await client.stop();
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});
