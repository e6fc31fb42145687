/** `domxml` command line: what was asked for, or why the arguments cannot be used. */
import { HostTopology } from '../features/cpuset/documentSets';
import { evaluateSet } from '../rules/cpuset/evaluate';
import { Language, Words, render, words } from '../messages/words';
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

/** `--connect URI` and `--virsh PATH`: the libvirt host the documents are checked against. */
export interface HostConnectionOptions {
  uri: string;
  virshPath: string | undefined;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({
      kind: 'check';
      format: Format;
      connect: HostConnectionOptions | undefined;
      /** --jobs: how many threads check the documents; undefined: as many as the files and cores make worth it. */
      jobs: number | undefined;
    } & DocumentCommand)
  | ({ kind: 'fix'; dryRun: boolean } & DocumentCommand);

/** Arguments that cannot be used: `message` in English, `words` to say it in the user's language. */
export class UsageError extends Error {
  constructor(readonly words: Words) {
    super(render(words, 'en'));
  }
}

export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/**
 * `--lang en|zh` (or `--lang=zh`) taken out of the arguments wherever it stands before `--`, so
 * that it applies to `--help` and to the usage errors too; the rest for parseArguments.
 */
export function takeLanguage(args: readonly string[]): { language: Language | undefined; rest: string[] } {
  let language: Language | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      rest.push(arg);
      continue;
    }
    let chosen: string;
    if (arg !== '--lang') chosen = arg.slice('--lang='.length);
    else if (i + 1 < args.length) chosen = args[++i];
    else throw new UsageError(words('cli.usage.needsValue', { option: '--lang' }));
    if (!(LANGUAGES as readonly string[]).includes(chosen)) throw new UsageError(words('cli.usage.lang', { value: JSON.stringify(chosen) }));
    language = chosen as Language;
  }
  return { language, rest };
}

/**
 * The language of a run without `--lang`: the locale of messages as POSIX orders it (LC_ALL, then
 * LC_MESSAGES, then LANG, the first that is set). A `zh` locale (zh_CN.UTF-8, zh_TW…) is Chinese;
 * anything else, or none, English.
 */
export { localeLanguage } from '../messages/locale';

/** `--help`, in `language`. */
export function usage(language: Language): string {
  return render(words('cli.usage', { maxProblems: DEFAULT_SETTINGS.maxProblems }), language);
}

export function parseArguments(args: readonly string[]): Command {
  if (args.length === 0) throw new UsageError(words('cli.usage.noCommand'));
  const [command, ...rest] = args;
  if (command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-V') return { kind: 'version' };
  if (command !== 'check' && command !== 'fix') throw new UsageError(words('cli.usage.unknownCommand', { command: JSON.stringify(command) }));

  let format: Format | undefined;
  let dryRun = false;
  let maxProblems = DEFAULT_SETTINGS.maxProblems;
  let schemaDirectory: string | undefined;
  let host: HostTopology | undefined;
  let connect: string | undefined;
  let virshPath: string | undefined;
  let jobs: number | undefined;
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
      if (i + 1 >= rest.length) throw new UsageError(words('cli.usage.needsValue', { option: name }));
      return rest[++i];
    };
    if (name === '--format') {
      if (command !== 'check') throw new UsageError(words('cli.usage.formatForCheck'));
      const chosen = value();
      if (!(FORMATS as readonly string[]).includes(chosen)) throw new UsageError(words('cli.usage.formatValue', { formats: FORMATS.join(', '), value: JSON.stringify(chosen) }));
      format = chosen as Format;
    } else if (name === '--dry-run') {
      if (command !== 'fix') throw new UsageError(words('cli.usage.dryRunForFix'));
      if (inlineValue !== undefined) throw new UsageError(words('cli.usage.dryRunNoValue'));
      dryRun = true;
    } else if (name === '--max-problems') {
      maxProblems = wholeNumber(value(), 'cli.usage.maxProblems');
    } else if (name === '--jobs') {
      if (command !== 'check') throw new UsageError(words('cli.usage.jobsForCheck'));
      jobs = wholeNumber(value(), 'cli.usage.jobs');
    } else if (name === '--schema') {
      schemaDirectory = value();
    } else if (name === '--connect' || name === '--virsh') {
      if (command !== 'check') throw new UsageError(words('cli.usage.connectForCheck', { option: name }));
      const given = value();
      if (given.trim() === '') throw new UsageError(words('cli.usage.needsValue', { option: name }));
      if (name === '--connect') connect = given.trim();
      else virshPath = given;
    } else if (name === '--host-cpus' || name === '--host-nodes') {
      const chosen = value();
      const ids = evaluateSet(chosen);
      if (!ids) throw new UsageError(words(name === '--host-cpus' ? 'cli.usage.hostCpus' : 'cli.usage.hostNodes', { value: JSON.stringify(chosen) }));
      host = name === '--host-cpus' ? { ...host, cpus: ids.ranges() } : { ...host, nodes: ids.ranges() };
    } else {
      throw new UsageError(words('cli.usage.unknownOption', { option: name }));
    }
  }
  if (paths.length === 0) throw new UsageError(words('cli.usage.noPaths', { command }));
  if (connect !== undefined && host) throw new UsageError(words('cli.usage.connectWithHost'));
  if (virshPath !== undefined && connect === undefined) throw new UsageError(words('cli.usage.virshWithoutConnect'));
  if (command === 'check') return { kind: 'check', paths, format: format ?? 'text', maxProblems, schemaDirectory, host, connect: connect === undefined ? undefined : { uri: connect, virshPath }, jobs };
  // The fixed document goes to standard output: it cannot share it with other files' reports.
  if (paths.includes('-') && paths.length > 1) throw new UsageError(words('cli.usage.stdinAlone'));
  return { kind: 'fix', paths, dryRun, maxProblems, schemaDirectory, host };
}

/** A whole number of at least 1, else the usage error `key` saying what was given. */
function wholeNumber(given: string, key: 'cli.usage.maxProblems' | 'cli.usage.jobs'): number {
  if (!/^[1-9]\d*$/.test(given)) throw new UsageError(words(key, { value: JSON.stringify(given) }));
  return Number(given);
}
