/**
 * The arguments of `libvirt-xml-language-server` (serverCommand.ts): help, the version, or the
 * language server itself over one connection. The connections are those vscode-languageserver
 * reads from the same arguments (`--stdio`, `--node-ipc`, `--socket`, `--pipe`), so an accepted
 * command line reaches server.ts unchanged, as `node dist/server.js` would get it.
 */
import { Words, words } from './messages/words';

export const SERVER_COMMAND = 'libvirt-xml-language-server';

export type ServerCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'serve'; connection: string };

/** Arguments that cannot be used: `words` says why, in the user's language. */
export class ServerUsageError extends Error {
  constructor(readonly words: Words) {
    super(words.key);
  }
}

/** The options that name a connection, and whether they take a value (`--socket=5007` or `--socket 5007`). */
const CONNECTIONS: Record<string, 'flag' | 'number' | 'text'> = {
  '--stdio': 'flag',
  '--node-ipc': 'flag',
  '--socket': 'number',
  '--pipe': 'text',
};

export function parseServerArguments(args: readonly string[]): ServerCommand {
  // Help and the version win wherever they stand, as they do for most commands.
  if (args.some((arg) => arg === '-h' || arg === '--help')) return { kind: 'help' };
  if (args.some((arg) => arg === '--version' || arg === '-V')) return { kind: 'version' };
  let connection: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const kind = name === '--clientProcessId' ? 'number' : CONNECTIONS[name];
    if (kind === undefined) throw new ServerUsageError(words('server.command.unknownArgument', { argument: JSON.stringify(arg) }));
    if (kind === 'flag' && equals >= 0) throw new ServerUsageError(words('server.command.unknownArgument', { argument: JSON.stringify(arg) }));
    if (kind !== 'flag') {
      let value: string;
      if (equals >= 0) value = arg.slice(equals + 1);
      else if (i + 1 < args.length) value = args[++i];
      else throw new ServerUsageError(words('server.command.needsValue', { option: name }));
      if (value === '') throw new ServerUsageError(words('server.command.needsValue', { option: name }));
      if (kind === 'number' && !/^[1-9]\d*$/.test(value)) throw new ServerUsageError(words('server.command.notANumber', { option: name, value: JSON.stringify(value) }));
    }
    if (name === '--clientProcessId') continue;
    if (connection !== undefined) throw new ServerUsageError(words('server.command.twoConnections', { first: connection, second: name }));
    connection = name;
  }
  if (connection === undefined) throw new ServerUsageError(words('server.command.noConnection'));
  return { kind: 'serve', connection };
}
