// Decides whether a document is a libvirt domain definition by looking at its root element.
// Pure (no `vscode` import) so it can be unit-tested in plain Node.

/** The language id this extension contributes for domain documents. */
export const LANGUAGE_ID = 'libvirt-xml';

/**
 * How many characters of a document the sniffing reads. Files written by libvirt put a
 * ~400-character warning comment before `<domain>`; 64 KiB leaves ample room for hand-written
 * prologs and comments while keeping the check O(1) for a 50 MB file. A root element that
 * starts beyond this bound is not detected.
 */
export const SNIFF_LIMIT = 64 * 1024;

const ROOT = '<domain';

/**
 * True when the root element of `text` is `<domain>` (no namespace prefix). Before the root
 * element we accept what XML allows there: a byte order mark, the XML declaration, processing
 * instructions, comments, a DOCTYPE and whitespace.
 */
export function isDomainDocumentText(text: string): boolean {
  const s = text.length > SNIFF_LIMIT ? text.slice(0, SNIFF_LIMIT) : text;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    i = skipWhitespace(s, i);
    if (s.startsWith('<?', i)) {
      i = indexAfter(s, '?>', i + 2);
    } else if (s.startsWith('<!--', i)) {
      i = indexAfter(s, '-->', i + 4);
    } else if (s.startsWith('<!DOCTYPE', i)) {
      i = indexAfterDoctype(s, i + 9);
    } else {
      break;
    }
    if (i < 0) return false;
  }
  return s.startsWith(ROOT, i) && endsName(s.charCodeAt(i + ROOT.length));
}

function isXmlWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function skipWhitespace(s: string, i: number): number {
  while (i < s.length && isXmlWhitespace(s.charCodeAt(i))) i++;
  return i;
}

// The character after `<domain` must end the name, so `<domainsnapshot>` does not count.
// NaN (end of input) does not: a lone `<domain` cannot be told apart from a longer name.
function endsName(c: number): boolean {
  return isXmlWhitespace(c) || c === 0x3e /* > */ || c === 0x2f /* / */;
}

function indexAfter(s: string, terminator: string, from: number): number {
  const at = s.indexOf(terminator, from);
  return at < 0 ? -1 : at + terminator.length;
}

// A DOCTYPE may carry an internal subset in [...] whose declarations contain '>' and quoted
// literals, so the closing '>' is the first one outside brackets and quotes.
function indexAfterDoctype(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === '[') {
      depth++;
    } else if (c === ']') {
      depth--;
    } else if (c === '>' && depth <= 0) {
      return i + 1;
    }
  }
  return -1;
}
