import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from '../../server/src/messages/words';
import { ServerUsageError, parseServerArguments } from '../../server/src/serverArguments';

/** The English of the usage error `args` make. */
function refusal(args: string[]): string {
  try {
    parseServerArguments(args);
  } catch (error) {
    assert.ok(error instanceof ServerUsageError, String(error));
    return render(error.words, 'en');
  }
  assert.fail(`${JSON.stringify(args)} was accepted`);
}

test('--stdio, and the other connections vscode-languageserver reads, start the server', () => {
  assert.deepEqual(parseServerArguments(['--stdio']), { kind: 'serve', connection: '--stdio' });
  assert.deepEqual(parseServerArguments(['--node-ipc']), { kind: 'serve', connection: '--node-ipc' });
  assert.deepEqual(parseServerArguments(['--socket=5007']), { kind: 'serve', connection: '--socket' });
  assert.deepEqual(parseServerArguments(['--socket', '5007']), { kind: 'serve', connection: '--socket' });
  assert.deepEqual(parseServerArguments(['--pipe=/run/user/1000/lsp.sock']), { kind: 'serve', connection: '--pipe' });
  // VS Code's language client adds the editor's process id.
  assert.deepEqual(parseServerArguments(['--stdio', '--clientProcessId=4711']), { kind: 'serve', connection: '--stdio' });
  assert.deepEqual(parseServerArguments(['--clientProcessId', '4711', '--node-ipc']), { kind: 'serve', connection: '--node-ipc' });
});

test('--help and --version win wherever they stand', () => {
  for (const args of [['--help'], ['-h'], ['--stdio', '--help'], ['--bogus', '-h']]) assert.deepEqual(parseServerArguments(args), { kind: 'help' }, args.join(' '));
  for (const args of [['--version'], ['-V'], ['--stdio', '--version']]) assert.deepEqual(parseServerArguments(args), { kind: 'version' }, args.join(' '));
});

test('what cannot be used is said plainly', () => {
  assert.equal(refusal([]), 'say how to talk to the editor: --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)');
  assert.equal(refusal(['--clientProcessId=4711']), 'say how to talk to the editor: --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)');
  assert.equal(refusal(['--stdio', 'web01.xml']), 'unknown argument "web01.xml"');
  assert.equal(refusal(['--studio']), 'unknown argument "--studio"');
  assert.equal(refusal(['--stdio=yes']), 'unknown argument "--stdio=yes"');
  assert.equal(refusal(['--stdio', '--node-ipc']), 'one connection at a time: --stdio and --node-ipc were both given');
  assert.equal(refusal(['--socket']), '--socket needs a value');
  assert.equal(refusal(['--pipe=']), '--pipe needs a value');
  assert.equal(refusal(['--socket=http']), '--socket must be a whole number, not "http"');
  assert.equal(refusal(['--stdio', '--clientProcessId', '-1']), '--clientProcessId must be a whole number, not "-1"');
});

test('the refusals and the help have Chinese words too', () => {
  try {
    parseServerArguments(['--stdio', '--node-ipc']);
  } catch (error) {
    assert.ok(error instanceof ServerUsageError);
    assert.equal(render(error.words, 'zh'), '一次只能使用一种连接：同时给出了 --stdio 和 --node-ipc');
  }
});
