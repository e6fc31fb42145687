import assert from 'node:assert/strict';
import { Position, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/parser/lineIndex';

/** Line/character of the first occurrence of `needle` in `text` (plus `shift` characters). */
export function positionOf(text: string, needle: string, shift = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset + shift);
  return { line: before.split('\n').length - 1, character: offset + shift - (before.lastIndexOf('\n') + 1) };
}

/** `text` with the LSP text edits of one answer applied, as an editor applies them (they do not overlap). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const located = edits.map((edit) => ({ start: lines.offsetAt(edit.range.start, text), end: lines.offsetAt(edit.range.end, text), newText: edit.newText }));
  let result = text;
  for (const edit of located.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
