/**
 * Completion of host paths in the values libvirt reads as files on the host: `<disk><source
 * file>`, `<os><loader>`, `<kernel>`, `<emulator>` ... Two parts: `pathQueryAt`, a pure function
 * of the analysis and the cursor (is the cursor in such a value, what is typed, what to replace),
 * and `completePath`, which lists one directory through an injected `readDirectory`, bounded in
 * entries read, entries kept and time, so a huge folder or a hung mount costs one short wait.
 *
 * libvirt wants absolute paths ("fully qualified", formatdomain), so every suggestion inserts
 * one: a relative path being typed is completed from the document's folder and replaced by the
 * absolute path.
 */
import * as path from 'node:path';
import { Words, render, words } from '../messages/words';
import { decodeReferences, isWhitespace } from '../parser/chars';
import { ElementNode, Quote, contentEnd, valueSpan } from '../parser/nodes';
import { Located } from '../parser/tree';
import { Analysis } from './analysis';
import { escapeXml } from '../schema/snippets';
import { cursorTarget } from './cursor';

/** Text content read as a path: the key of `PATH_VALUES` for an element's text. */
export const TEXT = '#text';

/** Where libvirt reads a host path: element → parent element → its attributes, or TEXT for its text. */
const PATH_VALUES: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map([
  [
    'source',
    new Map([
      ['disk', ['file', 'dir']],
      ['backingStore', ['file']],
      ['mirror', ['file']],
      ['nvram', ['file']],
      ['filesystem', ['file', 'dir']],
    ]),
  ],
  ['loader', new Map([['os', [TEXT]]])],
  ['nvram', new Map([['os', [TEXT, 'template']]])],
  ['kernel', new Map([['os', [TEXT]]])],
  ['initrd', new Map([['os', [TEXT]]])],
  ['dtb', new Map([['os', [TEXT]]])],
  ['shim', new Map([['os', [TEXT]]])],
  ['bootloader', new Map([['domain', [TEXT]]])],
  ['emulator', new Map([['devices', [TEXT]]])],
]);

/** Whether `name` (an attribute, or TEXT) of `<element>` in `<parent>` holds a host path. */
export function holdsHostPath(parent: string | undefined, element: string, name: string): boolean {
  return parent !== undefined && PATH_VALUES.get(element)?.get(parent)?.includes(name) === true;
}

/** Where a path value's text stands (absolute offsets), and how it is quoted ('' for element text). */
export interface PathValueSpan {
  from: number;
  to: number;
  quote: string;
}

/**
 * The text of a text-only element without its surrounding whitespace; undefined when it holds
 * elements, comments, CDATA or a `<` (a tag being typed).
 */
export function trimmedText(analysis: Analysis, element: Located<ElementNode>): PathValueSpan | undefined {
  const { node, start } = element;
  if (node.children.some((child) => child.kind !== 'text')) return undefined;
  const source = analysis.source;
  let from = start + node.startTagLength;
  let to = start + contentEnd(node);
  while (from < to && isWhitespace(source.charCodeAt(from))) from++;
  while (to > from && isWhitespace(source.charCodeAt(to - 1))) to--;
  for (let at = from; at < to; at++) if (source.charCodeAt(at) === LESS_THAN) return undefined;
  return { from, to, quote: '' };
}

const LESS_THAN = 0x3c;

/** The path value holding the cursor at `offset`, if any. */
function pathValueAt(analysis: Analysis, offset: number): PathValueSpan | undefined {
  const target = cursorTarget(analysis.tree, offset);
  if (target.kind === 'attributeValue') {
    const { element, attribute, ancestors } = target;
    if (!holdsHostPath(ancestors[ancestors.length - 1]?.node.name, element.node.name, attribute.name)) return undefined;
    const { from, to } = valueSpan(element.start, attribute, offset);
    return { from, to, quote: attribute.quote === Quote.Single ? "'" : attribute.quote === Quote.Double ? '"' : '' };
  }
  if (target.kind === 'content' && target.ancestors.length > 0) {
    const { ancestors } = target;
    const element = ancestors[ancestors.length - 1];
    if (!element.node.startTagClosed || offset < element.start + element.node.startTagLength) return undefined;
    if (!holdsHostPath(ancestors[ancestors.length - 2]?.node.name, element.node.name, TEXT)) return undefined;
    const span = trimmedText(analysis, element);
    if (!span) return undefined;
    // In the whitespace before or after the text, the cursor starts a path of its own.
    return offset < span.from || offset > span.to ? { from: offset, to: offset, quote: '' } : span;
  }
  return undefined;
}

/** What completing the path at the cursor asks: which directory to list, and how to write what is picked. */
export interface PathQuery {
  /** The absolute directory to list. */
  directory: string;
  /** What is typed of the entry's name (after the last `/`), as libvirt reads it. */
  partial: string;
  /** The directory as written into the document for a pick: absolute, escaped, ending in `/`. */
  insertDirectory: string;
  /** The directory as typed (raw, up to and including the last `/`): what the editor filters on. */
  typedDirectory: string;
  /** A pick replaces text[replaceStart, replaceEnd): from the value's start to the end of the name under the cursor. */
  replaceStart: number;
  replaceEnd: number;
  /** The quote around the value ('' for element text), escaped in what is inserted. */
  quote: string;
  /** A `/` follows the replaced name: a directory picked there gets no second one. */
  slashFollows: boolean;
}

/**
 * The path completion at `offset`, or undefined when the cursor is not in a path value.
 * `documentDirectory` is the folder of the document (for a relative path being typed); undefined
 * (an untitled document) completes absolute paths only. A value running over lines, or one that
 * starts with `~` (libvirt does not expand it), gets nothing.
 */
export function pathQueryAt(analysis: Analysis, offset: number, documentDirectory: string | undefined): PathQuery | undefined {
  const value = pathValueAt(analysis, offset);
  if (!value) return undefined;
  const source = analysis.source;
  const typedRaw = source.slice(value.from, offset);
  if (typedRaw.includes('\n') || typedRaw.includes('\r') || typedRaw.startsWith('~')) return undefined;
  const lastSlash = typedRaw.lastIndexOf('/');
  const typedDirectory = typedRaw.slice(0, lastSlash + 1);
  const partial = decodeReferences(typedRaw.slice(lastSlash + 1));
  const absolute = typedRaw.startsWith('/');
  const base = absolute ? '/' : documentDirectory;
  if (base === undefined) return undefined;
  const directory = path.posix.resolve(base, decodeReferences(typedDirectory));
  let replaceEnd = offset;
  const valueEnd = Math.max(value.to, offset);
  while (replaceEnd < valueEnd && !isSeparator(source.charCodeAt(replaceEnd))) replaceEnd++;
  return {
    directory,
    partial,
    insertDirectory: absolute ? typedDirectory : escapeXml(withSlash(directory), value.quote),
    typedDirectory,
    replaceStart: value.from,
    replaceEnd,
    quote: value.quote,
    slashFollows: source.charCodeAt(replaceEnd) === SLASH,
  };
}

const SLASH = 0x2f;

function isSeparator(c: number): boolean {
  return c === SLASH || c === 0x0a || c === 0x0d;
}

function withSlash(directory: string): string {
  return directory.endsWith('/') ? directory : `${directory}/`;
}

/** One entry of a directory, as the listing reports it without following links. */
export interface DirectoryEntry {
  name: string;
  /** 'special': a device, FIFO or socket: never offered, never read. */
  kind: 'file' | 'directory' | 'symlink' | 'special';
}

export interface DirectoryListing {
  entries: DirectoryEntry[];
  /** False when the reading stopped at a limit (or was cut short): there may be more. */
  complete: boolean;
}

export interface ReadRequest {
  /** Whether to keep an entry (matching what is typed); the others are skipped as they are read. */
  keep(name: string): boolean;
  /** Stop after reading this many entries, kept or not. */
  maxRead: number;
  /** Stop after keeping this many. */
  maxKept: number;
  /** Aborted when the answer is no longer waited for. */
  signal: AbortSignal;
}

/** Lists a directory. Rejects (or returns no entries) when it cannot be read. */
export type ReadDirectory = (directory: string, request: ReadRequest) => Promise<DirectoryListing>;

export interface PathLimits {
  maxRead: number;
  maxKept: number;
  /** After this, the answer is given without the directory's entries. */
  timeoutMs: number;
}

/** A folder of 20,000 entries is read in about 20 ms; 300 ms is a pause the user notices but accepts once. */
export const PATH_LIMITS: PathLimits = { maxRead: 20_000, maxKept: 500, timeoutMs: 300 };

export interface PathSuggestion {
  label: string;
  kind: 'file' | 'directory' | 'symlink';
  insertText: string;
  /** The name as it would be typed after what is typed: the editor filters on it. */
  filterText: string;
  replaceStart: number;
  replaceEnd: number;
  sortText: string;
  /** `file in /var/lib/libvirt/images/`: in English; `detailWords` in any language. */
  detail: string;
  detailWords: Words;
}

export interface PathCompletions {
  suggestions: PathSuggestion[];
  /** Not every matching entry was read (a limit or the time ran out): ask again as the user types. */
  incomplete: boolean;
}

/**
 * The entries of the query's directory whose names start with what is typed (ignoring case),
 * directories first. Hidden entries only once a `.` is typed. Never rejects: a directory that
 * cannot be read gives nothing, one that does not answer within `limits.timeoutMs` gives nothing
 * and `incomplete`.
 */
export async function completePath(query: PathQuery, readDirectory: ReadDirectory, limits: PathLimits = PATH_LIMITS): Promise<PathCompletions> {
  const typed = query.partial.toLowerCase();
  const showHidden = typed.startsWith('.');
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<DirectoryListing>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ entries: [], complete: false });
    }, limits.timeoutMs);
  });
  const request: ReadRequest = {
    keep: (name) => (showHidden || !name.startsWith('.')) && name.toLowerCase().startsWith(typed),
    maxRead: limits.maxRead,
    maxKept: limits.maxKept,
    signal: controller.signal,
  };
  let listing: DirectoryListing;
  try {
    listing = await Promise.race([readDirectory(query.directory, request), timedOut]);
  } catch {
    listing = { entries: [], complete: true };
  } finally {
    clearTimeout(timer);
  }
  const offered = listing.entries
    .filter((entry): entry is DirectoryEntry & { kind: PathSuggestion['kind'] } => entry.kind !== 'special' && request.keep(entry.name))
    .slice(0, limits.maxKept)
    .sort((a, b) => Number(b.kind === 'directory') - Number(a.kind === 'directory') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const suggestions = offered.map((entry, index): PathSuggestion => {
    const name = escapeXml(entry.name, query.quote);
    const slash = entry.kind === 'directory' && !query.slashFollows ? '/' : '';
    return {
      label: entry.kind === 'directory' ? `${entry.name}/` : entry.name,
      kind: entry.kind,
      insertText: `${query.insertDirectory}${name}${slash}`,
      filterText: `${query.typedDirectory}${name}`,
      replaceStart: query.replaceStart,
      replaceEnd: query.replaceEnd,
      sortText: `0${String(index).padStart(5, '0')}`,
      ...detailOf(entry.kind, withSlash(query.directory)),
    };
  });
  return { suggestions, incomplete: !listing.complete };
}

function detailOf(kind: PathSuggestion['kind'], directory: string): Pick<PathSuggestion, 'detail' | 'detailWords'> {
  const said = words(`paths.${kind}`, { directory });
  return { detail: render(said, 'en'), detailWords: said };
}
