import { lastAtMost, replaceRange } from './arrays';
import { Source } from './pieceText';

/**
 * Offsets <-> LSP positions (line, UTF-16 character), kept up to date by edits so a keystroke
 * costs the lines after it, not a rescan of the text.
 */

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset at which each line starts; lineStarts[0] === 0. */
  private lineStarts: number[];

  constructor(text: string) {
    this.lineStarts = [0, ...lineBreaksIn(text, 0, text.length)];
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number, text: { readonly length: number }): Position {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const line = lastAtMost(this.lineStarts, clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  /** The offset of `position`; a character past the end of its line means the line's end. */
  offsetAt(position: Position, text: Source): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return text.length;
    const lineStart = this.lineStarts[position.line];
    let lineEnd = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : text.length;
    while (lineEnd > lineStart && isLineBreak(text.charCodeAt(lineEnd - 1))) lineEnd--;
    return lineStart + Math.max(0, Math.min(position.character, lineEnd - lineStart));
  }

  /** Updates the index for `oldText[start, end)` replaced by `insertedLength` characters. */
  applyEdit(newText: Source, start: number, end: number, insertedLength: number): void {
    const starts = this.lineStarts;
    const delta = insertedLength - (end - start);
    // A line start s depends on the characters at s-1 and s (CR LF counts once), so the old
    // starts in [start, end] are re-read from the new text, and those after end only move.
    const first = lowerBound(starts, Math.max(start, 1));
    const last = lowerBound(starts, end + 1);
    const added = lineBreaksIn(newText, Math.max(0, start - 1), start + insertedLength);
    for (let i = last; i < starts.length; i++) starts[i] += delta;
    replaceRange(starts, first, last - first, added);
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Index of the first element not less than `value`. */
function lowerBound(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Line starts produced by the line breaks that begin in text[from, to): after LF, and after CR
 * unless an LF follows it (then the LF's own start counts).
 */
function lineBreaksIn(text: Source, from: number, to: number): number[] {
  const result: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) result.push(i + 1);
  }
  return result;
}
