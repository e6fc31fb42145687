/**
 * Broken framing on stdin: the server logs why and exits with a failure status (so that the client
 * restarts it) instead of running on, answering nothing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { SERVER_PATH } from '../lsp/lspClient';

const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/** Starts the server, writes `input`, and resolves with its exit status and what it wrote to stderr. */
function exitAfter(input: Buffer): Promise<{ code: number | null; stderr: string }> {
  const server = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  server.stdout.resume();
  const timer = setTimeout(() => server.kill('SIGKILL'), 20000);
  server.stdin.write(input);
  return new Promise((resolve) =>
    server.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

const framed = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

for (const [name, input] of [
  ['garbage before any message', Buffer.alloc(4096, 'garbage ')],
  ['garbage after a good message', Buffer.from(framed(INITIALIZE) + 'x'.repeat(4096))],
  ['a Content-Length that is not a number', Buffer.from(`Content-Length: many\r\n\r\n${INITIALIZE}`)],
  ['a Content-Length shorter than the message', Buffer.from(`Content-Length: 20\r\n\r\n${INITIALIZE}${framed(INITIALIZE)}`)],
] as const) {
  test(`${name}: the server says so and exits with status 1`, async () => {
    const { code, stderr } = await exitAfter(input);
    assert.equal(code, 1);
    assert.match(stderr, /broken message framing/);
  });
}
