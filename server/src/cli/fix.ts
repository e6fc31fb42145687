/**
 * `domxml fix` on one document: every safe fix (the editor's "fix all"), what each
 * changed, and the problems left afterwards. Only the changed values' text is replaced.
 */
import { documentFindings } from '../features/diagnostics';
import { safeFixEdits } from '../features/safeFixes';
import { checkWellFormedness } from '../features/wellFormedness';
import { TextEdit } from '../finding';
import { Position } from '../parser/lineIndex';
import { CheckOptions, Problem, analysisForCheck, parseForCheck, problemOf } from './check';
import { Schema } from '../schema/schema';

export interface FixOptions extends CheckOptions {
  schema: Schema;
  /**
   * Which text lines and columns refer to: the fixed one (it is what was written) or the original
   * (a dry run leaves the file as it is).
   */
  positionsIn: 'fixed' | 'original';
}

export interface ValueChange {
  line: number;
  column: number;
  oldText: string;
  newText: string;
  /** The codes of the findings this change resolves, as they stood before it. */
  codes: string[];
}

export interface FixedDocument {
  /** The text with the fixes applied (the original when there were none). */
  text: string;
  changes: ValueChange[];
  /** Errors and warnings left after fixing: what needs a person. */
  remaining: Problem[];
  /** Not fixed, because the tree could not be trusted: it is not well-formed XML. */
  notWellFormed: boolean;
}

export function fixDocument(file: string, text: string, options: FixOptions): FixedDocument {
  const original = parseForCheck(text);
  const analysis = analysisForCheck(original, options);
  const needsPerson = (p: Problem): boolean => p.severity === 'error' || p.severity === 'warning';
  const originalPosition = (offset: number): Position => original.positionAt(offset);
  // Values read from a broken tree may not be values at all: a file is only rewritten when it is XML.
  if (checkWellFormedness(original.tree, 1).length > 0) {
    const remaining = documentFindings(analysis).map((f) => problemOf(file, f, originalPosition));
    return { text, changes: [], remaining: remaining.filter(needsPerson), notWellFormed: true };
  }

  const edits = safeFixEdits(analysis);
  if (edits.length === 0) {
    const remaining = documentFindings(analysis).map((f) => problemOf(file, f, originalPosition));
    return { text, changes: [], remaining: remaining.filter(needsPerson), notWellFormed: false };
  }

  const fixedText = applyEdits(text, edits);
  const fixed = parseForCheck(fixedText);
  const inFixed = options.positionsIn === 'fixed';
  let shift = 0;
  const changes = edits.map((edit): ValueChange => {
    const start = inFixed ? fixed.positionAt(edit.start + shift) : original.positionAt(edit.start);
    shift += edit.newText.length - (edit.end - edit.start);
    return { line: start.line + 1, column: start.character + 1, oldText: text.slice(edit.start, edit.end), newText: edit.newText, codes: edit.codes };
  });
  const remaining = documentFindings(analysisForCheck(fixed, options)).map((finding) =>
    inFixed
      ? problemOf(file, finding, (offset) => fixed.positionAt(offset))
      : problemOf(file, { ...finding, start: originalOffset(finding.start, edits, 'start'), end: originalOffset(finding.end, edits, 'end') }, originalPosition),
  );
  return { text: fixedText, changes, remaining: remaining.filter(needsPerson), notWellFormed: false };
}

/** `edits` (non-overlapping, in document order) applied to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.start), edit.newText);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * The offset in the original text of `offset` in the fixed one. Inside a replaced value it maps
 * to the start or the end of the value as it was, per `side`.
 */
export function originalOffset(offset: number, edits: readonly TextEdit[], side: 'start' | 'end'): number {
  let shift = 0;
  for (const edit of edits) {
    const from = edit.start + shift;
    const to = from + edit.newText.length;
    if (offset <= from) break;
    if (offset < to) return side === 'start' ? edit.start : edit.end;
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return offset - shift;
}

/** `path:line:column: "old" → "new" [codes]`, the values quoted as JSON strings so spaces show. */
export function formatChanges(file: string, changes: readonly ValueChange[]): string {
  return changes
    .map((c) => `${file}:${c.line}:${c.column}: ${JSON.stringify(c.oldText)} → ${JSON.stringify(c.newText)} [${c.codes.length > 0 ? c.codes.join(', ') : 'safe fix'}]\n`)
    .join('');
}
