/** Which documents a `domxml check` run reads: files, directories' .xml files, or stdin. */
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
  const text = fs.readFileSync(input.kind === 'stdin' ? 0 : input.path, 'utf8');
  return text.charCodeAt(0) === Ch.ByteOrderMark ? text.slice(1) : text;
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
  }
  return error instanceof Error ? error.message : String(error);
}
