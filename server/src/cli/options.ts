/** `domxml` command line: what was asked for, or why the arguments cannot be used. */
import { DEFAULT_SETTINGS } from '../settings';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; paths: string[]; format: Format; maxProblems: number; schemaDirectory: string | undefined };

export class UsageError extends Error {}

export const USAGE = `Usage: domxml check [options] FILE|DIR|- ...

Checks libvirt domain XML documents against libvirt's domain schema, with the same
findings as the editor extension. A DIR is searched recursively for *.xml files
(checked in sorted order); - reads one document from standard input (shown as <stdin>).

Options:
  --format text|json|sarif  text (default): one line per problem,
                              path:line:column: severity: message [code]
                            json: an array of {file, line, column, endLine, endColumn,
                              severity, code, message}
                            sarif: a SARIF 2.1.0 log, for code scanning in CI
  --max-problems N          report at most N problems per document (default ${DEFAULT_SETTINGS.maxProblems})
  --schema DIR              check against the libvirt schema in DIR (a directory holding
                              domain.rng, e.g. /usr/share/libvirt/schemas) instead of the
                              bundled one; compiled once, then cached while its files
                              are unchanged
  -h, --help                show this help
  --version                 show the version

Lines and columns start at 1; columns count UTF-16 code units, as VS Code does, and an end
column is the one just after the last character. Severities: error, warning, info, hint.
A summary goes to standard error.

Exit status: 0 when no document has an error (warnings alone do not fail),
1 when any document has an error, 2 on a usage error or a file that cannot be read.`;

export function parseArguments(args: readonly string[]): Command {
  if (args.length === 0) throw new UsageError('no command given');
  const [command, ...rest] = args;
  if (command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-V') return { kind: 'version' };
  if (command !== 'check') throw new UsageError(`unknown command ${JSON.stringify(command)}`);

  let format: Format = 'text';
  let maxProblems = DEFAULT_SETTINGS.maxProblems;
  let schemaDirectory: string | undefined;
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const [name, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      if (i + 1 >= rest.length) throw new UsageError(`${name} needs a value`);
      return rest[++i];
    };
    if (name === '--format') {
      const chosen = value();
      if (!(FORMATS as readonly string[]).includes(chosen)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, not ${JSON.stringify(chosen)}`);
      format = chosen as Format;
    } else if (name === '--max-problems') {
      const chosen = value();
      if (!/^[1-9]\d*$/.test(chosen)) throw new UsageError(`--max-problems must be a whole number of at least 1, not ${JSON.stringify(chosen)}`);
      maxProblems = Number(chosen);
    } else if (name === '--schema') {
      schemaDirectory = value();
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  if (paths.length === 0) throw new UsageError('check needs at least one FILE, DIR or - (standard input)');
  return { kind: 'check', paths, format, maxProblems, schemaDirectory };
}
