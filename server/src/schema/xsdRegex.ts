/**
 * XML Schema regular expressions (XML Schema Part 2, Appendix F) translated to JavaScript.
 *
 * The two dialects differ in ways that matter for libvirt's patterns: an XSD pattern always
 * matches the whole value and has no anchors (`^` and `$` are ordinary characters), `\s` `\d`
 * `\w` `\i` `\c` have XSD's own meanings, `.` excludes only line feed and carriage return,
 * character classes can subtract (`[a-z-[aeiou]]`), and there are no lazy quantifiers,
 * backreferences or lookarounds. The parser reads the XSD grammar (rejecting what XSD rejects)
 * into a tree whose characters are JS classes for the `u` flag; xsdMatcher.ts runs that tree as an
 * automaton, and translateXsdRegex emits it as a RegExp source anchored at both ends (groups
 * non-capturing).
 */

export class XsdRegexError extends Error {
  constructor(
    message: string,
    /** Offset (in code points) in the pattern where the problem was found. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'XsdRegexError';
  }
}

/** Inclusive code point ranges, sorted and non-overlapping. */
type Ranges = readonly (readonly [number, number])[];

const MAX_CODE_POINT = 0x10ffff;

function complement(ranges: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function rangesFragment(ranges: Ranges): string {
  return ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
}

// XML 1.0 (fifth edition) NameStartChar and NameChar: what `\i` and `\c` stand for.
const NAME_START: Ranges = [
  [0x3a, 0x3a], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6],
  [0xf8, 0x2ff], [0x370, 0x37d], [0x37f, 0x1fff], [0x200c, 0x200d], [0x2070, 0x218f],
  [0x2c00, 0x2fef], [0x3001, 0xd7ff], [0xf900, 0xfdcf], [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];
const NAME_CHAR: Ranges = [
  [0x2d, 0x2e], [0x30, 0x3a], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xb7, 0xb7],
  [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x37d], [0x37f, 0x1fff], [0x200c, 0x200d],
  [0x203f, 0x2040], [0x2070, 0x218f], [0x2c00, 0x2fef], [0x3001, 0xd7ff], [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];
const XSD_SPACE: Ranges = [[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0x20]];

/**
 * Each multi-character escape as something that can sit inside a JS character class, so it
 * combines with other members (`[\d\s]`) and under negation (`[^\w]`). `\w` is "everything but
 * punctuation, separators and other"; the general categories partition Unicode, so that is
 * letters, marks, numbers and symbols.
 */
const MULTI_CHAR_ESCAPES: Readonly<Record<string, string>> = {
  s: rangesFragment(XSD_SPACE),
  S: rangesFragment(complement(XSD_SPACE)),
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  w: '\\p{L}\\p{M}\\p{N}\\p{S}',
  W: '\\p{P}\\p{Z}\\p{C}',
  i: rangesFragment(NAME_START),
  I: rangesFragment(complement(NAME_START)),
  c: rangesFragment(NAME_CHAR),
  C: rangesFragment(complement(NAME_CHAR)),
};

/** The general categories XSD allows in `\p{..}` (JS accepts the same short names). */
const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp',
  'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

/**
 * JS has no Unicode block escapes, so `\p{IsBlock}` needs the block's range. Only the blocks a
 * schema author is likely to name are listed; any other block is reported as unsupported.
 */
const BLOCKS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['BasicLatin', [0x0000, 0x007f]],
  ['Latin-1Supplement', [0x0080, 0x00ff]],
  ['LatinExtended-A', [0x0100, 0x017f]],
  ['LatinExtended-B', [0x0180, 0x024f]],
  ['IPAExtensions', [0x0250, 0x02af]],
  ['SpacingModifierLetters', [0x02b0, 0x02ff]],
  ['CombiningDiacriticalMarks', [0x0300, 0x036f]],
  ['Greek', [0x0370, 0x03ff]],
  ['Cyrillic', [0x0400, 0x04ff]],
  ['Armenian', [0x0530, 0x058f]],
  ['Hebrew', [0x0590, 0x05ff]],
  ['Arabic', [0x0600, 0x06ff]],
  ['Devanagari', [0x0900, 0x097f]],
  ['Thai', [0x0e00, 0x0e7f]],
  ['LatinExtendedAdditional', [0x1e00, 0x1eff]],
  ['GreekExtended', [0x1f00, 0x1fff]],
  ['GeneralPunctuation', [0x2000, 0x206f]],
  ['SuperscriptsandSubscripts', [0x2070, 0x209f]],
  ['CurrencySymbols', [0x20a0, 0x20cf]],
  ['LetterlikeSymbols', [0x2100, 0x214f]],
  ['NumberForms', [0x2150, 0x218f]],
  ['Arrows', [0x2190, 0x21ff]],
  ['MathematicalOperators', [0x2200, 0x22ff]],
  ['BoxDrawing', [0x2500, 0x257f]],
  ['GeometricShapes', [0x25a0, 0x25ff]],
  ['MiscellaneousSymbols', [0x2600, 0x26ff]],
  ['CJKSymbolsandPunctuation', [0x3000, 0x303f]],
  ['Hiragana', [0x3040, 0x309f]],
  ['Katakana', [0x30a0, 0x30ff]],
  ['CJKUnifiedIdeographs', [0x4e00, 0x9fff]],
  ['HangulSyllables', [0xac00, 0xd7af]],
  ['PrivateUse', [0xe000, 0xf8ff]],
  ['AlphabeticPresentationForms', [0xfb00, 0xfb4f]],
  ['HalfwidthandFullwidthForms', [0xff00, 0xffef]],
  ['Specials', [0xfff0, 0xffff]],
]);

/** Characters `\` may escape in XSD, and the code point each stands for. */
const SINGLE_CHAR_ESCAPES: Readonly<Record<string, number>> = {
  n: 0x0a, r: 0x0d, t: 0x09,
  '\\': 0x5c, '|': 0x7c, '.': 0x2e, '-': 0x2d, '^': 0x5e, '?': 0x3f, '*': 0x2a, '+': 0x2b,
  '{': 0x7b, '}': 0x7d, '(': 0x28, ')': 0x29, '[': 0x5b, ']': 0x5d,
};

/** Printable ASCII as itself (escaped when JS would read it as syntax), the rest as \u{..}. */
function literal(cp: number, syntax: string): string {
  if (cp < 0x20 || cp > 0x7e) return hex(cp);
  const ch = String.fromCharCode(cp);
  return syntax.includes(ch) ? `\\${ch}` : ch;
}
const OUTSIDE_CLASS_SYNTAX = '^$\\.*+?()[]{}|/';
const INSIDE_CLASS_SYNTAX = '\\]-[^';

/** A parsed `[...]`: members as JS class text, and an optional class to subtract. */
interface CharClass {
  negated: boolean;
  members: string;
  subtract: CharClass | undefined;
}

function emitClass(cls: CharClass): string {
  const base = `[${cls.negated ? '^' : ''}${cls.members}]`;
  // Subtraction as "not the subtracted class, then the base class" on the same character.
  return cls.subtract ? `(?:(?!${emitClass(cls.subtract)})${base})` : base;
}

/**
 * A parsed XSD regex. Every node that consumes input is one character, held as JS class text (for
 * the `u` flag), so the same tree can be emitted as a RegExp source or built into an automaton.
 */
export type XsdRegexNode =
  | { readonly kind: 'char'; readonly source: string }
  | { readonly kind: 'seq'; readonly items: readonly XsdRegexNode[] }
  | { readonly kind: 'alt'; readonly branches: readonly XsdRegexNode[] }
  | { readonly kind: 'group'; readonly inner: XsdRegexNode }
  /** `max` is Infinity when unbounded; `text` is the quantifier as written. */
  | { readonly kind: 'repeat'; readonly item: XsdRegexNode; readonly min: number; readonly max: number; readonly text: string };

function emit(node: XsdRegexNode): string {
  switch (node.kind) {
    case 'char':
      return node.source;
    case 'seq':
      return node.items.map(emit).join('');
    case 'alt':
      return node.branches.map(emit).join('|');
    case 'group':
      return `(?:${emit(node.inner)})`;
    case 'repeat':
      return emit(node.item) + node.text;
  }
}

const SIMPLE_QUANTIFIERS: Readonly<Record<string, readonly [number, number]>> = { '?': [0, 1], '*': [0, Infinity], '+': [1, Infinity] };

class Parser {
  private readonly cps: number[];
  private pos = 0;

  constructor(pattern: string) {
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0)!);
  }

  parse(): XsdRegexNode {
    const body = this.regExp();
    if (this.pos < this.cps.length) this.fail(`unexpected '${this.char()}'`);
    return body;
  }

  private fail(message: string, at = this.pos): never {
    throw new XsdRegexError(message, at);
  }

  private peek(offset = 0): number {
    return this.pos + offset < this.cps.length ? this.cps[this.pos + offset] : -1;
  }

  private char(offset = 0): string {
    const cp = this.peek(offset);
    return cp < 0 ? '' : String.fromCodePoint(cp);
  }

  private regExp(): XsdRegexNode {
    const branches = [this.branch()];
    while (this.char() === '|') {
      this.pos++;
      branches.push(this.branch());
    }
    return branches.length === 1 ? branches[0] : { kind: 'alt', branches };
  }

  private branch(): XsdRegexNode {
    const items: XsdRegexNode[] = [];
    while (this.pos < this.cps.length && this.char() !== '|' && this.char() !== ')') {
      const item = this.atom();
      items.push(this.quantified(item));
    }
    return { kind: 'seq', items };
  }

  private quantified(item: XsdRegexNode): XsdRegexNode {
    const ch = this.char();
    if (ch in SIMPLE_QUANTIFIERS) {
      this.pos++;
      const [min, max] = SIMPLE_QUANTIFIERS[ch];
      return { kind: 'repeat', item, min, max, text: ch };
    }
    if (ch !== '{') return item;
    const start = this.pos++;
    const min = this.number();
    if (min === undefined) this.fail("a '{' quantifier needs a number", start);
    let max: number | undefined = min;
    let text = String(min);
    if (this.char() === ',') {
      this.pos++;
      max = this.number();
      text += ',' + (max === undefined ? '' : String(max));
    }
    if (this.char() !== '}') this.fail("unterminated '{' quantifier", start);
    this.pos++;
    if (max !== undefined && max < min) this.fail(`quantifier {${text}} has its maximum below its minimum`, start);
    return { kind: 'repeat', item, min, max: max ?? Infinity, text: `{${text}}` };
  }

  private number(): number | undefined {
    const start = this.pos;
    while (this.peek() >= 0x30 && this.peek() <= 0x39) this.pos++;
    if (this.pos === start) return undefined;
    return Number(String.fromCodePoint(...this.cps.slice(start, this.pos)));
  }

  private atom(): XsdRegexNode {
    const at = this.pos;
    const cp = this.cps[this.pos++];
    const char = (source: string): XsdRegexNode => ({ kind: 'char', source });
    switch (String.fromCodePoint(cp)) {
      case '(': {
        const inner = this.regExp();
        if (this.char() !== ')') this.fail("unclosed '('", at);
        this.pos++;
        return { kind: 'group', inner };
      }
      case '[':
        return char(emitClass(this.charGroup(at)));
      case '.':
        return char('[^\\n\\r]');
      case '\\': {
        const escaped = this.escape();
        return char(typeof escaped === 'number' ? literal(escaped, OUTSIDE_CLASS_SYNTAX) : `[${escaped}]`);
      }
      case '?':
      case '*':
      case '+':
      case '{':
        return this.fail(`'${String.fromCodePoint(cp)}' has nothing to repeat`, at);
      case '}':
      case ']':
        return this.fail(`'${String.fromCodePoint(cp)}' must be escaped`, at);
      default:
        return char(literal(cp, OUTSIDE_CLASS_SYNTAX));
    }
  }

/** After a `\`: a code point for a single-character escape, else class-member text. */
  private escape(): number | string {
    const at = this.pos - 1;
    const ch = this.char();
    if (ch === '') this.fail("pattern ends with '\\'", at);
    this.pos++;
    if (ch in SINGLE_CHAR_ESCAPES) return SINGLE_CHAR_ESCAPES[ch];
    if (ch in MULTI_CHAR_ESCAPES) return MULTI_CHAR_ESCAPES[ch];
    if (ch === 'p' || ch === 'P') return this.property(ch === 'P', at);
    return this.fail(`'\\${ch}' is not an XSD escape`, at);
  }

  private property(negated: boolean, at: number): string {
    if (this.char() !== '{') this.fail(`'\\${negated ? 'P' : 'p'}' needs a {name}`, at);
    const close = this.cps.indexOf(0x7d, this.pos);
    if (close < 0) this.fail("unterminated '\\p{'", at);
    const name = String.fromCodePoint(...this.cps.slice(this.pos + 1, close));
    this.pos = close + 1;
    if (CATEGORIES.has(name)) return `\\${negated ? 'P' : 'p'}{${name}}`;
    if (name.startsWith('Is')) {
      const block = BLOCKS.get(name.slice(2));
      if (!block) this.fail(`Unicode block '${name}' is not supported`, at);
      return rangesFragment(negated ? complement([block]) : [block]);
    }
    return this.fail(`'${name}' is not a Unicode category or block name`, at);
  }

  /** After `[`: the group, its optional subtraction, and the closing `]`. */
  private charGroup(open: number): CharClass {
    const cls: CharClass = { negated: false, members: '', subtract: undefined };
    if (this.char() === '^') {
      cls.negated = true;
      this.pos++;
    }
    let count = 0;
    for (;;) {
      const ch = this.char();
      if (ch === '') this.fail("unclosed '['", open);
      if (ch === ']') break;
      if (ch === '-') {
        if (this.char(1) === '[') {
          if (count === 0) this.fail('nothing to subtract from', this.pos);
          this.pos += 2;
          cls.subtract = this.charGroup(this.pos - 1);
          if (this.char() !== ']') this.fail('a subtraction must end its class', this.pos);
          break;
        }
        // A bare '-' is literal only as the first or last member.
        if (count !== 0 && this.char(1) !== ']') this.fail("'-' must be escaped here", this.pos);
        this.pos++;
        cls.members += '\\-';
        count++;
        continue;
      }
      if (ch === '[') this.fail("'[' must be escaped in a class", this.pos);
      const start = this.member();
      if (typeof start === 'string') {
        cls.members += start;
      } else if (this.char() === '-' && this.char(1) !== ']' && this.char(1) !== '[') {
        const dash = this.pos++;
        const end = this.member();
        if (typeof end === 'string') this.fail('a range cannot end in a class escape', dash);
        if (end < start) this.fail('range out of order', dash);
        cls.members += `${literal(start, INSIDE_CLASS_SYNTAX)}-${literal(end, INSIDE_CLASS_SYNTAX)}`;
      } else {
        cls.members += literal(start, INSIDE_CLASS_SYNTAX);
      }
      count++;
    }
    if (count === 0) this.fail('empty character class', open);
    this.pos++;
    return cls;
  }

  private member(): number | string {
    const cp = this.cps[this.pos++];
    if (cp === 0x5c) return this.escape();
    if (cp === 0x5b) this.fail("'[' must be escaped in a class", this.pos - 1);
    return cp;
  }
}

/** The parsed pattern; throws XsdRegexError. */
export function parseXsdRegex(pattern: string): XsdRegexNode {
  return new Parser(pattern).parse();
}

/**
 * The JS source (for the `u` flag) equivalent to an XSD pattern; throws XsdRegexError. V8 runs it
 * by backtracking, which can take time exponential in the value's length, so values are matched
 * with the automaton of xsdMatcher.ts; this source is the reference its tests compare against.
 */
export function translateXsdRegex(pattern: string): string {
  return `^(?:${emit(parseXsdRegex(pattern))})$`;
}
