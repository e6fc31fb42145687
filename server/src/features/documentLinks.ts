/**
 * Document links: a host path libvirt reads (`<source file>`, `<kernel>`, `<emulator>` ... see
 * pathCompletion.ts), when absolute, opens that file; a web address in a comment, in text or in
 * an attribute value opens the page. Namespace declarations and `id` attributes hold URLs as
 * names, not pages (`xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`, libosinfo's
 * `<libosinfo:os id='http://microsoft.com/win/10'/>`): they get no link.
 *
 * No file is looked at: a domain is often written for another host, and the editor says so
 * when a linked file is not there.
 */
import { decodeReferences } from '../parser/chars';
import { Attribute, ElementNode, attributeValue, valueSpan } from '../parser/nodes';
import { walk } from '../parser/tree';
import { Analysis } from './analysis';
import { TEXT, holdsHostPath, trimmedText } from './pathCompletion';

export interface DocumentLink {
  /** The linked text, text[start, end). */
  start: number;
  end: number;
  /** A `file://` or `http(s)://` URI. */
  target: string;
}

/** Every link of the document, in document order. */
export function documentLinks(analysis: Analysis): DocumentLink[] {
  const source = analysis.source;
  const links: DocumentLink[] = [];
  /** Elements whose text is a path: their text is not searched for web addresses. */
  const pathTexts = new Set<ElementNode>();
  walk(analysis.tree, {
    enter(node, start, parent) {
      switch (node.kind) {
        case 'element': {
          const parentName = parent.kind === 'element' ? parent.name : undefined;
          for (const attribute of node.attributes) {
            if (attribute.valueOffset < 0 || namesRatherThanLocates(attribute)) continue;
            const { from, to } = valueSpan(start, attribute);
            if (holdsHostPath(parentName, node.name, attribute.name)) pushFileLink(links, from, to, attributeValue(source, start, attribute));
            else if (to - from > MIN_URL_LENGTH) pushWebLinks(links, source.slice(from, to), from, true);
          }
          if (holdsHostPath(parentName, node.name, TEXT)) {
            pathTexts.add(node);
            const span = trimmedText(analysis, { node, start });
            if (span) pushFileLink(links, span.from, span.to, decodeReferences(source.slice(span.from, span.to)));
          }
          return true;
        }
        case 'text':
          if (!(parent.kind === 'element' && pathTexts.has(parent))) pushWebLinks(links, source.slice(start, start + node.length), start, true);
          return false;
        case 'comment':
          // Between `<!--` and `-->`: the comment's own dashes do not end a URL there.
          pushWebLinks(links, source.slice(start + 4, start + node.length - (node.closed ? 3 : 0)), start + 4, false);
          return false;
        case 'cdata':
          pushWebLinks(links, source.slice(start + 9, start + node.length - (node.closed ? 3 : 0)), start + 9, false);
          return false;
        default:
          return false;
      }
    },
  });
  return links;
}

/** `xmlns`, `xmlns:prefix` and `id`: their URLs are names. */
function namesRatherThanLocates(attribute: Attribute): boolean {
  return attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:') || attribute.name === 'id';
}

/** Places a path may name that are not files to open in an editor (a disk's device node would be read whole). */
const NOT_FILES = /^\/(dev|proc|sys)(\/|$)/;

function pushFileLink(links: DocumentLink[], from: number, to: number, value: string): void {
  if (!value.startsWith('/') || NOT_FILES.test(value)) return;
  const target = fileUri(value);
  if (target) links.push({ start: from, end: to, target });
}

/**
 * The `file://` URI of an absolute POSIX path (as url.pathToFileURL on Linux, a few times
 * faster, and the same on any platform the server runs on); undefined for a path with a lone
 * surrogate, which no URI can carry.
 */
export function fileUri(absolutePath: string): string | undefined {
  try {
    return `file://${encodeURI(absolutePath).replace(/[?#]/g, (c) => (c === '?' ? '%3F' : '%23'))}`;
  } catch {
    return undefined;
  }
}

/** Shorter than `http://a.b`: no web address. */
const MIN_URL_LENGTH = 9;
/** A web address runs to the first space, quote or angle bracket. */
const WEB_ADDRESS = /https?:\/\/[^\s"'<>`]+/gi;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?]+$/;

/** The web addresses in `text` (which starts at `base`); `decode`: references stand for characters there (not in comments or CDATA). */
function pushWebLinks(links: DocumentLink[], text: string, base: number, decode: boolean): void {
  if (!/https?:\/\//i.test(text)) return;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const written = withoutTrailingPunctuation(match[0]);
    const target = decode ? decodeReferences(written) : written;
    if (!URL.canParse(target)) continue;
    const start = base + match.index;
    links.push({ start, end: start + written.length, target });
  }
}

/** `http://x/a).` in prose ends at `a`; `http://x/f(1)` keeps its balanced parenthesis. */
function withoutTrailingPunctuation(address: string): string {
  let end = address.replace(TRAILING, '').length;
  while (end > 0 && address[end - 1] === ')' && count(address, '(', end) < count(address, ')', end)) {
    end--;
    end = address.slice(0, end).replace(TRAILING, '').length;
  }
  return address.slice(0, end);
}

function count(text: string, char: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text[i] === char) n++;
  return n;
}
