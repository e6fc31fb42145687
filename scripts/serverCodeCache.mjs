// The language server's code cache (server/src/serverLaunch.ts), written by the build: an editor's
// session with the server over stdio (each example opened, its diagnostics, completion after a
// typed `<`, in a start tag and in a value, an item's docs, hovers, quick fixes), after which the
// cache keeps every function the session compiled. Made by this Node for this Node.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';

const DIST = path.resolve('dist');
const CACHE = path.join(DIST, 'server-bundle.cache');

const writeCache = `
  process.argv.splice(1, Infinity, ${JSON.stringify(path.join(DIST, 'server.js'))}, '--stdio');
  const { launchServer, codeCache } = require(process.argv[1]);
  const launched = launchServer(${JSON.stringify(DIST)});
  process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(CACHE)}, codeCache(launched)));`;

/** Line and character of `offset` in `text`. */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position just after `needle`'s first occurrence, if any. */
function after(text, needle) {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : positionAt(text, at + needle.length);
}

async function session(connection, examples) {
  const diagnostics = new Map();
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', ({ uri, version, diagnostics: found }) => {
    diagnostics.set(uri, found);
    waiting.get(`${uri}#${version}`)?.();
  });
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.listen();
  const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}#${version}`, resolve));
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  for (const file of examples) {
    const uri = `file://${file}`;
    const text = readFileSync(file, 'utf8');
    const textDocument = { uri };
    let shown = published(uri, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'libvirt-xml', version: 1, text } });
    await shown;
    const asks = [after(text, '<devices>'), after(text, '<disk '), after(text, "<disk type='"), after(text, '<domain ')].filter(Boolean);
    for (const position of asks) {
      const list = await connection.sendRequest('textDocument/completion', { textDocument, position });
      const first = list?.items?.[0];
      if (first) await connection.sendRequest('completionItem/resolve', first);
      await connection.sendRequest('textDocument/hover', { textDocument, position });
    }
    // `<` typed on a line of its own in <devices>, as a user asks for an element.
    const devices = after(text, '<devices>');
    if (devices) {
      shown = published(uri, 2);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: devices, end: devices }, text: '\n    <' }] });
      await connection.sendRequest('textDocument/completion', { textDocument, position: { line: devices.line + 1, character: 5 }, context: { triggerKind: 2, triggerCharacter: '<' } });
      await shown;
    }
    const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
    await connection.sendRequest('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: diagnostics.get(uri) ?? [] } });
    await connection.sendNotification('textDocument/didClose', { textDocument });
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
}

/** Writes dist/server-bundle.cache; without it the server compiles its bundle at each start. */
export async function writeServerCodeCache(examplesDirectory) {
  rmSync(CACHE, { force: true });
  const examples = readdirSync(examplesDirectory).filter((name) => name.endsWith('.xml')).map((name) => path.resolve(examplesDirectory, name));
  const server = spawn(process.execPath, ['-e', writeCache], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve(code ?? signal)));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  try {
    await Promise.race([session(connection, examples), exited.then((status) => Promise.reject(new Error(`the server exited (${status})`)))]);
  } catch (error) {
    server.kill();
    console.warn(`build: the server's code cache not written (${error.message}): the server compiles its bundle at each start`);
  }
  const status = await exited;
  connection.dispose();
  if (status !== 0) rmSync(CACHE, { force: true });
}
