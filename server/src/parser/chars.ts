/** Character classes of XML 1.0 (fifth edition), on UTF-16 code units. */

export const enum Ch {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Percent = 37,
  Ampersand = 38,
  SingleQuote = 39,
  Dash = 45,
  Slash = 47,
  Colon = 58,
  Semicolon = 59,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
  QuestionMark = 63,
  OpenBracket = 91,
  CloseBracket = 93,
  LowerX = 120,
  ByteOrderMark = 0xfeff,
}

export function isWhitespace(c: number): boolean {
  return c === Ch.Space || c === Ch.LineFeed || c === Ch.Tab || c === Ch.CarriageReturn;
}

export function isLineBreak(c: number): boolean {
  return c === Ch.LineFeed || c === Ch.CarriageReturn;
}

/** `\r\n` when the line break at `at` is one, else `\n`. */
export function lineBreakAt(text: { charCodeAt(index: number): number }, at: number): string {
  return text.charCodeAt(at) === Ch.CarriageReturn && text.charCodeAt(at + 1) === Ch.LineFeed ? '\r\n' : '\n';
}

export function isNameStartChar(c: number): boolean {
  if (c < 0x80) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  }
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    // Surrogates: names may use characters beyond the BMP (#x10000-#xEFFFF).
    (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

export function isNameChar(c: number): boolean {
  if (c < 0x80) {
    return (
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46
    );
  }
  return isNameStartChar(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** A code point XML allows in a document (the `Char` production). */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === Ch.Tab ||
    codePoint === Ch.LineFeed ||
    codePoint === Ch.CarriageReturn ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** End of the name starting at `start` (== start when there is none). */
export function scanName(text: string, start: number, limit: number): number {
  let p = start;
  if (p < limit && isNameStartChar(text.charCodeAt(p))) {
    p++;
    while (p < limit && isNameChar(text.charCodeAt(p))) p++;
  }
  return p;
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function isPredefinedEntity(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, name);
}

/** Only spaces, tabs and line breaks (or nothing). */
export function isWhitespaceText(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isWhitespace(value.charCodeAt(i))) return false;
  return true;
}

/**
 * Text with its character and predefined entity references replaced; other references (the
 * DOCTYPE's, never expanded) and malformed ones stay as written.
 */
export function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);/g, (whole, body: string) => {
    if (body[0] !== '#') return isPredefinedEntity(body) ? PREDEFINED_ENTITIES[body] : whole;
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  });
}
