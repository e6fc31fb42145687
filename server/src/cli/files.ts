/** Which documents a `domxml check` or `fix` run reads (files, directories' .xml files, or stdin), and writing fixed ones back. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ch } from '../parser/chars';

/** How stdin is named in arguments and in what the checker prints. */
export const STDIN_ARGUMENT = '-';
export const STDIN_NAME = '<stdin>';

export type Input = { kind: 'stdin' } | { kind: 'file'; path: string };

export interface ExpandedInputs {
  inputs: Input[];
  /** One line per argument that could not be used (missing, unreadable directory). */
  problems: string[];
  /** Directories given that hold no .xml file. */
  emptyDirectories: string[];
}

/** The .xml files under `directory`, recursively, sorted. */
export function xmlFilesUnder(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.xml'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** Arguments in the order given, each directory replaced by its .xml files; repeats dropped. */
export function expandArguments(args: readonly string[]): ExpandedInputs {
  const result: ExpandedInputs = { inputs: [], problems: [], emptyDirectories: [] };
  const seen = new Set<string>();
  const add = (input: Input): void => {
    const key = input.kind === 'stdin' ? STDIN_ARGUMENT : path.resolve(input.path);
    if (seen.has(key)) return;
    seen.add(key);
    result.inputs.push(input);
  };
  for (const arg of args) {
    if (arg === STDIN_ARGUMENT) {
      add({ kind: 'stdin' });
      continue;
    }
    let stats: fs.Stats;
    try {
      stats = fs.statSync(arg);
    } catch (error) {
      result.problems.push(`cannot read ${arg}: ${describeError(error)}`);
      continue;
    }
    if (!stats.isDirectory()) {
      add({ kind: 'file', path: arg });
      continue;
    }
    try {
      const files = xmlFilesUnder(arg);
      if (files.length === 0) result.emptyDirectories.push(arg);
      for (const file of files) add({ kind: 'file', path: file });
    } catch (error) {
      result.problems.push(`cannot read the directory ${arg}: ${describeError(error)}`);
    }
  }
  return result;
}

/** The document's text as an editor shows it: UTF-8, without a byte order mark. */
export function readInput(input: Input): string {
  return withoutByteOrderMark(readBytes(input).toString('utf8')).text;
}

export class NotUtf8Error extends Error {
  constructor() {
    super('not UTF-8 text');
  }
}

/** A document to be written back: its text, and whether a byte order mark stood before it. */
export interface ExactText {
  text: string;
  byteOrderMark: boolean;
}

/**
 * The document's text, when writing it back changes no byte of it: valid UTF-8 only (a lenient
 * read would turn other bytes into U+FFFD, and writing that back would destroy them).
 */
export function readExactInput(input: Input): ExactText {
  const bytes = readBytes(input);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NotUtf8Error();
  }
  return withoutByteOrderMark(text);
}

/**
 * Writes the whole new text to a temporary file beside the file, then renames it over the file,
 * so an interrupted write never leaves half a document. A symbolic link is followed (its target is
 * replaced), and the file keeps its mode and, where allowed, its owner.
 */
export function writeExactText(file: string, { text, byteOrderMark }: ExactText): void {
  const target = fs.realpathSync(file);
  const { mode, uid, gid } = fs.statSync(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.domxml-${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, withByteOrderMark(text, byteOrderMark), { mode: mode & 0o7777, flag: 'wx' });
    fs.chmodSync(temporary, mode & 0o7777);
    try {
      fs.chownSync(temporary, uid, gid);
    } catch {
      // Only root may give a file to another owner; the file is then the writer's, as any editor leaves it.
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

export function withByteOrderMark(text: string, byteOrderMark: boolean): string {
  return byteOrderMark ? String.fromCharCode(Ch.ByteOrderMark) + text : text;
}

function withoutByteOrderMark(text: string): ExactText {
  const byteOrderMark = text.charCodeAt(0) === Ch.ByteOrderMark;
  return { text: byteOrderMark ? text.slice(1) : text, byteOrderMark };
}

function readBytes(input: Input): Buffer {
  return fs.readFileSync(input.kind === 'stdin' ? 0 : input.path);
}

export function inputName(input: Input): string {
  return input.kind === 'stdin' ? STDIN_NAME : input.path;
}

export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    if (code === 'EROFS') return 'read-only file system';
  }
  return error instanceof Error ? error.message : String(error);
}
