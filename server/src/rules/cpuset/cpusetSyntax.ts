/**
 * Tolerant reading of a cpuset/nodeset value (`1-4,^3,6`) into items with exact offsets, so that
 * checks can point at the `4-1` inside `0,4-1,6` or the space in `1, 2`. Nothing here decides
 * what libvirt accepts; see evaluate.ts and checkSet.ts.
 *
 * All offsets are [start, end) within the value string.
 */
import { isWhitespace } from '../../parser/chars';

export interface NumberToken {
  start: number;
  end: number;
  text: string;
  /** The decimal value; beyond 2^53 only approximate, which is enough to say "too large". */
  value: number;
}

export type SetItem =
  | { kind: 'id'; start: number; end: number; id: NumberToken }
  | { kind: 'range'; start: number; end: number; first: NumberToken; last: NumberToken }
  | { kind: 'negation'; start: number; end: number; id: NumberToken }
  | { kind: 'negated-range'; start: number; end: number; first: NumberToken; last: NumberToken }
  /** Anything else: `a`, `1-`, `-3`, `1-2-3`, `^`, `1 2`. */
  | { kind: 'junk'; start: number; end: number; text: string };

/** The text between two commas (or an end of the value), spaces included. */
export interface SetSegment {
  start: number;
  end: number;
  /** Absent when the segment holds nothing but spaces. */
  item?: SetItem;
}

export interface Span {
  start: number;
  end: number;
}

export interface ParsedSet {
  value: string;
  /** value.split(',') with offsets: there is always at least one, and joining their texts with ',' gives the value back. */
  segments: SetSegment[];
  /** Runs of whitespace outside junk items (inside junk they are part of what is wrong). */
  spaces: Span[];
}

const enum Code {
  Comma = 44,
  Dash = 45,
  Zero = 48,
  Nine = 57,
  Caret = 94,
}

function isDigit(c: number): boolean {
  return c >= Code.Zero && c <= Code.Nine;
}

type Token = { kind: 'digits' | 'caret' | 'dash' | 'other'; start: number; end: number };

export function parseSet(value: string): ParsedSet {
  const segments: SetSegment[] = [];
  const spaces: Span[] = [];
  let start = 0;
  for (;;) {
    let end = value.indexOf(',', start);
    if (end < 0) end = value.length;
    segments.push(parseSegment(value, start, end, spaces));
    if (end === value.length) break;
    start = end + 1;
  }
  return { value, segments, spaces };
}

function parseSegment(value: string, start: number, end: number, spaces: Span[]): SetSegment {
  const tokens: Token[] = [];
  const segmentSpaces: Span[] = [];
  let i = start;
  while (i < end) {
    const c = value.charCodeAt(i);
    let j = i + 1;
    if (isWhitespace(c)) {
      while (j < end && isWhitespace(value.charCodeAt(j))) j++;
      segmentSpaces.push({ start: i, end: j });
    } else if (isDigit(c)) {
      while (j < end && isDigit(value.charCodeAt(j))) j++;
      tokens.push({ kind: 'digits', start: i, end: j });
    } else if (c === Code.Caret) {
      tokens.push({ kind: 'caret', start: i, end: j });
    } else if (c === Code.Dash) {
      tokens.push({ kind: 'dash', start: i, end: j });
    } else {
      // One token for a run of other characters keeps `abc` a single junk item.
      while (j < end && !isSpecial(value.charCodeAt(j))) j++;
      tokens.push({ kind: 'other', start: i, end: j });
    }
    i = j;
  }
  if (tokens.length === 0) {
    spaces.push(...segmentSpaces);
    return { start, end };
  }
  const item = itemOf(value, tokens);
  if (item.kind === 'junk') {
    for (const s of segmentSpaces) if (s.end <= item.start || s.start >= item.end) spaces.push(s);
  } else {
    spaces.push(...segmentSpaces);
  }
  return { start, end, item };
}

function isSpecial(c: number): boolean {
  return isWhitespace(c) || isDigit(c) || c === Code.Caret || c === Code.Dash;
}

/** `^? digits (- digits)?` over the tokens; spaces between them are reported separately. */
function itemOf(value: string, tokens: Token[]): SetItem {
  const start = tokens[0].start;
  const end = tokens[tokens.length - 1].end;
  const num = (t: Token): NumberToken => {
    const text = value.slice(t.start, t.end);
    return { start: t.start, end: t.end, text, value: Number(text) };
  };
  const negated = tokens[0].kind === 'caret' ? 1 : 0;
  const rest = tokens.length - negated;
  const isRange = rest === 3 && tokens[negated + 1].kind === 'dash' && tokens[negated + 2].kind === 'digits';
  if (rest > 0 && tokens[negated].kind === 'digits' && (rest === 1 || isRange)) {
    const first = num(tokens[negated]);
    if (rest === 1) return negated ? { kind: 'negation', start, end, id: first } : { kind: 'id', start, end, id: first };
    const last = num(tokens[negated + 2]);
    return negated ? { kind: 'negated-range', start, end, first, last } : { kind: 'range', start, end, first, last };
  }
  return { kind: 'junk', start, end, text: value.slice(start, end) };
}

/** The value rebuilt from segment texts: how fixes edit a list item by item. */
export function segmentTexts(parsed: ParsedSet): string[] {
  return parsed.segments.map((s) => parsed.value.slice(s.start, s.end));
}
