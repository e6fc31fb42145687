/**
 * A document's text kept as pieces of a few kilobytes, so a keystroke allocates one piece and
 * not the whole text again. A fresh 10 MB string costs more than the rest of a keystroke: its
 * memory is new to the process, and on the machines we measure on, faulting it in takes 30 ms.
 * The whole text as one string is built only when something asks for it, and kept until the
 * next edit.
 */

import { lastAtMost } from './arrays';

/** What reading parts of a text needs: a string is one, and so is a PieceText. */
export interface Source {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start: number, end: number): string;
}

/** A stretch of the text as a string, and the offset in the text where it starts. */
export interface Window {
  text: string;
  base: number;
  /** Whether a line starts where the window does (the parser measures indentation back to one). */
  startsLine: boolean;
}

/** The text after an edit, as the incremental parser reads it. */
export interface EditedText {
  /**
   * A string holding text[from, limit) and a little past it, starting where no space or tab
   * runs on from before it: the parser measures a tag's indentation back over those only.
   */
  window(from: number, limit: number): Window;
  whole(): string;
}

/** A plain string as EditedText: the window is the whole of it. */
export function wholeText(text: string): EditedText {
  return { window: () => ({ text, base: 0, startsLine: true }), whole: () => text };
}

const DEFAULT_PIECE_LENGTH = 16 * 1024;
/** Characters the parser may look at past a fragment's limit (`<![CDATA[` is the longest). */
const LOOKAHEAD = 64;
/** How far back a window looks over spaces and tabs before taking the whole text instead. */
const MAX_INDENT_SCAN = 4096;

export class PieceText implements Source, EditedText {
  private pieces: string[] = [];
  /** Offset of each piece in the text. */
  private starts: number[] = [];
  private flat: string | undefined;
  /** The piece the last lookup found: reads come in runs. */
  private lastPiece = 0;
  length = 0;

  constructor(
    text: string,
    readonly pieceLength = DEFAULT_PIECE_LENGTH,
  ) {
    this.cut(text);
  }

  /** The text as one string (built at most once per edit). */
  toString(): string {
    if (this.flat === undefined) this.cut(this.pieces.join(''));
    return this.flat as string;
  }

  whole(): string {
    return this.toString();
  }

  /** Pieces sliced from `text`: slices share its characters, and the old pieces can go. */
  private cut(text: string): void {
    this.flat = text;
    this.length = text.length;
    this.pieces = [];
    this.starts = [];
    for (let at = 0; at < text.length; at += this.pieceLength) {
      this.pieces.push(text.slice(at, at + this.pieceLength));
      this.starts.push(at);
    }
    this.lastPiece = 0;
  }

  /** Index of the piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    const starts = this.starts;
    const last = this.lastPiece;
    if (last < starts.length && starts[last] <= offset && (last + 1 === starts.length || offset < starts[last + 1])) return last;
    this.lastPiece = lastAtMost(starts, offset);
    return this.lastPiece;
  }

  charCodeAt(index: number): number {
    if (this.flat !== undefined) return this.flat.charCodeAt(index);
    if (index < 0 || index >= this.length) return NaN;
    const piece = this.pieceAt(index);
    return this.pieces[piece].charCodeAt(index - this.starts[piece]);
  }

  slice(start: number, end: number = this.length): string {
    if (this.flat !== undefined) return this.flat.slice(start, end);
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (start === end) return '';
    const first = this.pieceAt(start);
    const firstStart = this.starts[first];
    if (end <= firstStart + this.pieces[first].length) return this.pieces[first].slice(start - firstStart, end - firstStart);
    const parts = [this.pieces[first].slice(start - firstStart)];
    let piece = first + 1;
    for (; this.starts[piece] + this.pieces[piece].length < end; piece++) parts.push(this.pieces[piece]);
    parts.push(this.pieces[piece].slice(0, end - this.starts[piece]));
    return parts.join('');
  }

  window(from: number, limit: number): Window {
    if (this.flat !== undefined) return { text: this.flat, base: 0, startsLine: true };
    let base = from;
    while (base > 0 && from - base < MAX_INDENT_SCAN) {
      const c = this.charCodeAt(base - 1);
      if (c !== 32 && c !== 9) break;
      base--;
    }
    // Position 1 may follow a byte order mark, which the XML declaration's check looks at.
    if (base === 1 || (base > 0 && from - base >= MAX_INDENT_SCAN)) base = 0;
    const before = base > 0 ? this.charCodeAt(base - 1) : 10;
    return { text: this.slice(base, limit + LOOKAHEAD), base, startsLine: before === 10 || before === 13 };
  }

  /** Replaces text[start, end) with `inserted`. */
  replace(start: number, end: number, inserted: string): void {
    if (this.pieces.length === 0) {
      this.cut(inserted);
      return;
    }
    this.flat = undefined;
    const first = this.pieceAt(start);
    const last = this.pieceAt(Math.max(start, end - 1));
    const firstStart = this.starts[first];
    const lastStart = this.starts[last];
    const merged = this.pieces[first].slice(0, start - firstStart) + inserted + this.pieces[last].slice(end - lastStart);
    // A long paste is cut into pieces too, so later edits in it stay cheap.
    const replacement: string[] = [];
    if (merged.length <= 2 * this.pieceLength) {
      if (merged.length > 0) replacement.push(merged);
    } else {
      for (let at = 0; at < merged.length; at += this.pieceLength) replacement.push(merged.slice(at, at + this.pieceLength));
    }
    const replacementStarts = replacement.map((_, k) => firstStart + k * this.pieceLength);
    const delta = inserted.length - (end - start);
    this.pieces.splice(first, last - first + 1, ...replacement);
    this.starts.splice(first, last - first + 1, ...replacementStarts);
    for (let k = first + replacement.length; k < this.starts.length; k++) this.starts[k] += delta;
    this.length += delta;
    this.lastPiece = first;
    if (this.pieces.length === 0) this.cut('');
  }
}
