/** `domxml` command line: what was asked for, or why the arguments cannot be used. */
import { HostTopology } from '../features/cpuset/documentSets';
import { evaluateSet } from '../rules/cpuset/evaluate';
import { DEFAULT_SETTINGS } from '../settings';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

interface DocumentCommand {
  paths: string[];
  maxProblems: number;
  schemaDirectory: string | undefined;
  /** --host-cpus and --host-nodes; undefined (no host checks) when neither is given. */
  host: HostTopology | undefined;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'check'; format: Format } & DocumentCommand)
  | ({ kind: 'fix'; dryRun: boolean } & DocumentCommand);

export class UsageError extends Error {}

export const USAGE = `Usage: domxml check [options] FILE|DIR|- ...
       domxml fix [--dry-run] [options] FILE|DIR ...
       domxml fix [options] -

check  reports what is wrong in libvirt domain XML documents, with the same findings as
       the editor extension: libvirt's domain schema, and cpuset/nodeset lists as
       libvirt reads them. A DIR is searched recursively for *.xml files (checked in
       sorted order; symbolic links are followed within DIR, one leading out of it is
       skipped and said); - reads one document from standard input (shown as <stdin>).

fix    applies the safe fixes, those that keep what the document says without a
       judgement call (the editor's "Fix all"): for cpuset/nodeset lists the spaces,
       stray commas, reversed ranges like 4-3, ^N-M, a ^N or an item that changes
       nothing, vCPUs libvirt drops; and every other finding's safe fix. A document that
       is not well-formed XML gets its well-formedness fixes first, the others only once
       it is well-formed. Fixes go in rounds (a fix can reveal the next finding), and a
       file is written only when it comes out better: fewer errors; or as many, and fewer
       warnings; then infos, then hints. Otherwise it is left as it was, and fix says why,
       as for a document that is not a domain or not UTF-8. A file is written back
       touching only what changes, through a temporary file renamed over it: a full disk
       or a save made meanwhile leaves the file as it was. It prints one line per change,
         path:line:column: "old text" → "new text" [codes] what the fix does
       then the errors and warnings left, as check does, located in the file as fix
       leaves it. With -, the fixed document goes to standard output and the rest to
       standard error.

Options:
  --format text|json|sarif  (check) text (default): one line per problem,
                              path:line:column: severity: message [code]
                            json: an array of {file, line, column, endLine, endColumn,
                              severity, code, message}, with where they apply
                              beyondSchema: true (libvirt's schema accepts what this is
                              about; libvirt itself, or the guest's start, does not),
                              related (the other places it is about, each {line, column,
                              endLine, endColumn, message}), help and helpUri (libvirt's
                              rules: what libvirt checks, and its libvirt.org page)
                            sarif: a SARIF 2.1.0 log, for code scanning in CI
  --dry-run                 (fix) print what would change, and write nothing
  --max-problems N          report at most N problems per document (default ${DEFAULT_SETTINGS.maxProblems})
  --schema DIR              check against the libvirt schema in DIR (a directory holding
                              domain.rng, e.g. /usr/share/libvirt/schemas) instead of the
                              bundled one; compiled once, then cached while its files
                              are unchanged
  --host-cpus LIST          the CPUs of the host the domains are meant for (e.g. 0-15 or
                              0-7,16-23): pins to other CPUs are warned about
  --host-nodes LIST         the host's NUMA nodes (e.g. 0-1): <numatune> nodesets beyond
                              them are warned about
                            Without these, the host is not checked: the domains may be
                            meant for other machines than this one. fix never removes
                            CPUs or nodes beyond the host by itself.
  -h, --help                show this help
  --version                 show the version

Lines and columns start at 1; columns count UTF-16 code units, as VS Code does, and an end
column is the one just after the last character. Severities: error, warning, info, hint.
A summary goes to standard error.

Exit status: 0 when no document has an error (warnings alone do not fail; for fix: once
fixed), 1 when any document has an error (for fix: one left after fixing, or in a document
it left as it was), 2 on a usage error or when anything could not be checked: a file or
directory that cannot be read, a link skipped, a file fix could not write or had to leave
as it was (not UTF-8, changed meanwhile).`;

export function parseArguments(args: readonly string[]): Command {
  if (args.length === 0) throw new UsageError('no command given');
  const [command, ...rest] = args;
  if (command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-V') return { kind: 'version' };
  if (command !== 'check' && command !== 'fix') throw new UsageError(`unknown command ${JSON.stringify(command)}`);

  let format: Format | undefined;
  let dryRun = false;
  let maxProblems = DEFAULT_SETTINGS.maxProblems;
  let schemaDirectory: string | undefined;
  let host: HostTopology | undefined;
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
      if (command !== 'check') throw new UsageError('--format is for check; fix prints its changes as text');
      const chosen = value();
      if (!(FORMATS as readonly string[]).includes(chosen)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, not ${JSON.stringify(chosen)}`);
      format = chosen as Format;
    } else if (name === '--dry-run') {
      if (command !== 'fix') throw new UsageError('--dry-run is for fix; check never writes');
      if (inlineValue !== undefined) throw new UsageError('--dry-run takes no value');
      dryRun = true;
    } else if (name === '--max-problems') {
      const chosen = value();
      if (!/^[1-9]\d*$/.test(chosen)) throw new UsageError(`--max-problems must be a whole number of at least 1, not ${JSON.stringify(chosen)}`);
      maxProblems = Number(chosen);
    } else if (name === '--schema') {
      schemaDirectory = value();
    } else if (name === '--host-cpus' || name === '--host-nodes') {
      const chosen = value();
      const ids = evaluateSet(chosen);
      if (!ids) throw new UsageError(`${name} must be a list like ${name === '--host-cpus' ? '0-15 or 0-7,16-23' : '0-1'}, not ${JSON.stringify(chosen)}`);
      host = name === '--host-cpus' ? { ...host, cpus: ids.ranges() } : { ...host, nodes: ids.ranges() };
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  if (paths.length === 0) throw new UsageError(`${command} needs at least one FILE, DIR or - (standard input)`);
  if (command === 'check') return { kind: 'check', paths, format: format ?? 'text', maxProblems, schemaDirectory, host };
  // The fixed document goes to standard output: it cannot share it with other files' reports.
  if (paths.includes('-') && paths.length > 1) throw new UsageError('fix reads - (standard input) alone, without other files');
  return { kind: 'fix', paths, dryRun, maxProblems, schemaDirectory, host };
}
