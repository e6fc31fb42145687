/** Which documents a `domxml check` or `fix` run reads (files, directories' .xml files, or stdin), and writing fixed ones back. */
import { Dirent, Stats, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Words, render, words } from '../messages/words';
import { Ch } from '../parser/chars';
import { NotReplacedError, ReadForReplace, readForReplace, replaceFile } from '../safeWrite';

/** How stdin is named in arguments and in what the checker prints. */
export const STDIN_ARGUMENT = '-';
export const STDIN_NAME = '<stdin>';

export type Input = { kind: 'stdin' } | { kind: 'file'; path: string };

export interface ExpandedInputs {
  inputs: Input[];
  /** One line per argument or directory entry that could not be used (missing, unreadable, skipped). */
  problems: Words[];
  /** Directories given that hold no .xml file. */
  emptyDirectories: string[];
}

/** The .xml files under a directory, and one line for each entry that could not be checked. */
export interface DirectoryWalk {
  files: string[];
  problems: Words[];
}

/**
 * The .xml files under `root`, recursively, sorted. Walks on past an unreadable entry, and says
 * what it skips: a symbolic link is followed when it leads to a file inside the tree (checked once,
 * under its own name if the walk does not reach it otherwise); one leading out of the tree, a
 * dangling one, a link loop, and what is not a regular file (a FIFO could block the run) are
 * reported instead. Links to directories are not walked: those inside the tree are walked by
 * their own name, so no loop can form.
 */
export function walkXmlFiles(root: string): DirectoryWalk {
  const rootReal = realpathSync(root);
  const inTree = (real: string): boolean => real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
  const files = new Map<string, string>(); // real path → the name it is checked under
  const linked: [string, string][] = []; // [name, real path] of links to files in the tree
  const problems: Words[] = [];
  const pending: [string, string][] = [[root, rootReal]]; // [name, real path] of directories
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [directory, directoryReal] = next;
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      problems.push(words('cli.cannotReadDirectory', { directory, reason: describeError(error) }));
      continue;
    }
    const subdirectories: [string, string][] = [];
    for (const entry of entries.sort((a, b) => byCodeUnits(a.name, b.name))) {
      const name = join(directory, entry.name);
      const isXml = entry.name.endsWith('.xml');
      if (entry.isDirectory()) subdirectories.push([name, join(directoryReal, entry.name)]);
      else if (entry.isFile()) {
        if (isXml) files.set(join(directoryReal, entry.name), name);
      } else if (entry.isSymbolicLink()) {
        let real: string;
        let stats: Stats;
        try {
          real = realpathSync(name);
          stats = statSync(real);
        } catch (error) {
          // A broken link named like a document hides one; any other (a directory's, perhaps) cannot be told apart.
          if (isXml) problems.push(words('cli.cannotRead', { name, reason: describeError(error) }));
          continue;
        }
        if (!isXml && !stats.isDirectory()) continue;
        if (!inTree(real)) problems.push(words('cli.skippedLink', { name, target: real, root }));
        else if (isXml && stats.isFile()) linked.push([name, real]);
        else if (isXml && !stats.isDirectory()) problems.push(words('cli.skippedNotRegular', { name }));
      } else if (isXml) problems.push(words('cli.skippedNotRegular', { name }));
    }
    // Last first onto the stack: what is reported comes in the order of names.
    pending.push(...subdirectories.reverse());
  }
  for (const [name, real] of linked.sort(([a], [b]) => byCodeUnits(a, b))) if (!files.has(real)) files.set(real, name);
  return { files: [...files.values()].sort(), problems };
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The .xml files under `directory`, for scripts and tests over a corpus: anything the walk could not check is an error. */
export function xmlFilesUnder(directory: string): string[] {
  const { files, problems } = walkXmlFiles(directory);
  if (problems.length > 0) throw new Error(problems.map((problem) => render(problem, 'en')).join('\n'));
  return files;
}

/** Arguments in the order given, each directory replaced by its .xml files; repeats dropped. */
export function expandArguments(args: readonly string[]): ExpandedInputs {
  const result: ExpandedInputs = { inputs: [], problems: [], emptyDirectories: [] };
  const seen = new Set<string>();
  const add = (input: Input): void => {
    const key = input.kind === 'stdin' ? STDIN_ARGUMENT : resolve(input.path);
    if (seen.has(key)) return;
    seen.add(key);
    result.inputs.push(input);
  };
  for (const arg of args) {
    if (arg === STDIN_ARGUMENT) {
      add({ kind: 'stdin' });
      continue;
    }
    let stats: Stats;
    try {
      stats = statSync(arg);
    } catch (error) {
      result.problems.push(words('cli.cannotRead', { name: arg, reason: describeError(error) }));
      continue;
    }
    if (!stats.isDirectory()) {
      add({ kind: 'file', path: arg });
      continue;
    }
    let walk: DirectoryWalk;
    try {
      walk = walkXmlFiles(arg);
    } catch (error) {
      result.problems.push(words('cli.cannotReadDirectory', { directory: arg, reason: describeError(error) }));
      continue;
    }
    result.problems.push(...walk.problems);
    if (walk.files.length === 0 && walk.problems.length === 0) result.emptyDirectories.push(arg);
    for (const file of walk.files) add({ kind: 'file', path: file });
  }
  return result;
}

/** The document's text as an editor shows it: UTF-8, without a byte order mark. */
export function readInput(input: Input): string {
  return withoutByteOrderMark(readBytes(input).toString('utf8')).text;
}

/** Bytes a text decoder would change: such a document is left as it is. */
export class NotUtf8Error extends NotReplacedError {
  constructor() {
    super(words('cli.notReplaced.notUtf8'));
  }
}

/** A document to be written back: its text, and whether a byte order mark stood before it. */
export interface ExactText {
  text: string;
  byteOrderMark: boolean;
  /** The file as read, when it is to be replaced: it is only while it stays so. */
  original?: ReadForReplace;
}

/**
 * The document's text, when writing it back changes no byte of it: valid UTF-8 only (a lenient
 * read would turn other bytes into U+FFFD, and writing that back would destroy them). With
 * `toReplace`, a file is read as `writeExactText` needs it (a regular file, through a link).
 */
export function readExactInput(input: Input, toReplace: boolean): ExactText {
  const original = toReplace && input.kind === 'file' ? readForReplace(input.path) : undefined;
  const bytes = original?.bytes ?? readBytes(input);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NotUtf8Error();
  }
  return { ...withoutByteOrderMark(text), original };
}

/** Replaces the file `original` was read from with `text` (see safeWrite.ts: never half-written, never over a newer save). */
export function writeExactText(original: ReadForReplace, { text, byteOrderMark }: ExactText): void {
  replaceFile(original, withByteOrderMark(text, byteOrderMark));
}

export function withByteOrderMark(text: string, byteOrderMark: boolean): string {
  return byteOrderMark ? String.fromCharCode(Ch.ByteOrderMark) + text : text;
}

function withoutByteOrderMark(text: string): ExactText {
  const byteOrderMark = text.charCodeAt(0) === Ch.ByteOrderMark;
  return { text: byteOrderMark ? text.slice(1) : text, byteOrderMark };
}

function readBytes(input: Input): Buffer {
  return readFileSync(input.kind === 'stdin' ? 0 : input.path);
}

export function inputName(input: Input): string {
  return input.kind === 'stdin' ? STDIN_NAME : input.path;
}

/** The system errors a user meets, in words; any other error by its own (English) message. */
const ERROR_WORDS = ['ENOENT', 'EACCES', 'EISDIR', 'EROFS', 'ENOSPC', 'EDQUOT', 'ELOOP', 'ENOTDIR'] as const;

export function describeError(error: unknown): Words {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = ERROR_WORDS.find((known) => known === (error as NodeJS.ErrnoException).code);
    if (code) return words(`cli.error.${code}`);
  }
  return words('cli.error.other', { message: error instanceof Error ? error.message : String(error) });
}
