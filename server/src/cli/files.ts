/** Which documents a `domxml check` or `fix` run reads (files, directories' .xml files, or stdin), and writing fixed ones back. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ch } from '../parser/chars';
import { NotReplacedError, ReadForReplace, readForReplace, replaceFile } from '../safeWrite';

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

/** Bytes a text decoder would change: such a document is left as it is. */
export class NotUtf8Error extends NotReplacedError {
  constructor() {
    super('is not UTF-8 text');
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
    if (code === 'ENOSPC') return 'no space left on device';
    if (code === 'EDQUOT') return 'disk quota exceeded';
    if (code === 'ELOOP') return 'a loop of symbolic links';
    if (code === 'ENOTDIR') return 'not a directory';
  }
  return error instanceof Error ? error.message : String(error);
}
