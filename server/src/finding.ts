/** What a check reports: plain offsets and words; the LSP layer turns it into a Diagnostic. */
import { Words, render } from './messages/words';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  /** In English; `words` says it in the user's language where the check gives them. */
  message: string;
  words?: Words;
  /** Edits that resolve it, offered as quick fixes. */
  fixes?: Fix[];
  /** libvirt's schema accepts what this is about; libvirt's own parser, or the guest's start, does not. */
  beyondSchema?: true;
  /** Other places the finding is about: the first device on the same address, the element that conflicts. */
  related?: Related[];
}

export interface Related {
  start: number;
  end: number;
  message: string;
  words?: Words;
}

/** Replace text[start, end) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix's main edit (its span is where it applies), with any others it makes at the same time. */
export interface Fix extends TextEdit {
  /** In English; `titleWords` in the user's language where given. */
  title: string;
  titleWords?: Words;
  /** Edits made together with the main one, such as the end tag of a renamed element; none overlaps another. */
  alsoEdits?: TextEdit[];
  /**
   * The main edit as a snippet (`$1`, `${1|a,b|}`) for editors that take snippets, such as a missing
   * attribute with its allowed values to choose from; `newText` is what it inserts elsewhere.
   */
  snippet?: string;
  /** Keeps what the user meant without a judgement call, so "fix all" and `domxml fix` may apply it unasked. */
  safe: boolean;
  /** The one to apply with a single keystroke where a finding has several (a lone fix always is). */
  preferred?: boolean;
}

/** A fix's title from catalogue words: the English `title` and the `titleWords` that say it in any language. */
export function wordedTitle(title: Words): { title: string; titleWords: Words } {
  return { title: render(title, 'en'), titleWords: title };
}

/** Every edit of `fix`, in document order. */
export function editsOf(fix: Fix): TextEdit[] {
  const main: TextEdit = { start: fix.start, end: fix.end, newText: fix.newText };
  return fix.alsoEdits ? [main, ...fix.alsoEdits].sort((a, b) => a.start - b.start) : [main];
}

/**
 * `finding` with every offset it holds moved by `delta`: its span, its fixes' edits and its
 * related places. For checks that remember findings relative to an element and place them back.
 */
export function shiftFinding<F extends Finding>(finding: F, delta: number): F {
  const shifted: F = { ...finding, start: finding.start + delta, end: finding.end + delta };
  if (finding.fixes) shifted.fixes = finding.fixes.map((fix) => shiftFix(fix, delta));
  if (finding.related) shifted.related = finding.related.map((related) => ({ ...related, start: related.start + delta, end: related.end + delta }));
  return shifted;
}

function shiftFix(fix: Fix, delta: number): Fix {
  const shifted: Fix = { ...fix, start: fix.start + delta, end: fix.end + delta };
  if (fix.alsoEdits) shifted.alsoEdits = fix.alsoEdits.map((edit) => ({ ...edit, start: edit.start + delta, end: edit.end + delta }));
  return shifted;
}
