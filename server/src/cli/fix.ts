/**
 * `domxml fix` on one document: the safe fixes (the editor's "fix all"), what each changed, and
 * the problems left afterwards.
 *
 * Two stages, each in rounds, since a fix can reveal the next finding: first the safe fixes of
 * the well-formedness findings, because every other check reads the tree they leave; then, once
 * the document is well-formed, every safe fix. A round is kept only when it makes the document
 * better, and the result only when it is better than the original: documents compare by their
 * findings counted per severity, errors first (fewer errors is better whatever the rest; with as
 * many errors, fewer warnings; then information, then hints). Otherwise the document is left as
 * it was, and `notFixed` says why.
 */
import { Analysis } from '../features/analysis';
import { documentFindings } from '../features/diagnostics';
import { SafeEdit, safeFixEdits } from '../features/safeFixes';
import { WELL_FORMEDNESS_CODES } from '../features/wellFormednessCodes';
import { Finding, Severity, TextEdit } from '../finding';
import { Language, Words, render, words } from '../messages/words';
import { ParsedDocument } from '../parser/parsedDocument';
import { CheckOptions, Problem, analysisForCheck, parseForCheck, problemOf } from './check';
import { Schema } from '../schema/schema';
import { severityCounts } from './summary';

/** Rounds per stage: enough for fixes that reveal fixes, few enough that fixes undoing each other stop soon. */
export const MAX_ROUNDS = 8;

/** Findings counted to compare versions; a version with more is not compared (a hostile document could hold millions). */
export const MAX_COUNTED_FINDINGS = 100_000;

export interface FixOptions extends CheckOptions {
  schema: Schema;
  /**
   * Which text lines and columns refer to: the fixed one (it is what was written) or the original
   * (a dry run leaves the file as it is).
   */
  positionsIn: 'fixed' | 'original';
}

export interface Change {
  line: number;
  column: number;
  oldText: string;
  newText: string;
  /** The codes of the findings this change resolves, as they stood before it. */
  codes: string[];
  /** What the fix does ("Remove the spaces"), in English; `titleWords` in any language where the fix gave them. */
  title: string;
  titleWords?: Words;
}

export interface FixedDocument {
  /** The text with the fixes applied (the original when there were none, or it was left as it was). */
  text: string;
  /** In document order. */
  changes: Change[];
  /** Errors and warnings left after fixing: what needs a person. */
  remaining: Problem[];
  /** Why safe fixes were not made, to follow the file's name ("is not well-formed XML, …: not fixed"), in English; `notFixedWords` in any language. */
  notFixed?: string;
  notFixedWords?: Words;
}

/** One version of the document: its tree, analysis and findings (up to MAX_COUNTED_FINDINGS: versions compare by them). */
interface Look {
  text: string;
  document: ParsedDocument;
  analysis: Analysis;
  findings: Finding[];
}

const tooMany = (look: Look): boolean => look.findings.length >= MAX_COUNTED_FINDINGS;
/** A version with too many findings to count is worse than any other. */
const TOO_MANY: readonly number[] = [Number.POSITIVE_INFINITY];

export function fixDocument(file: string, text: string, options: FixOptions): FixedDocument {
  const look = (version: string): Look => {
    const document = parseForCheck(version);
    const analysis = analysisForCheck(document, { ...options, maxProblems: MAX_COUNTED_FINDINGS });
    return { text: version, document, analysis, findings: documentFindings(analysis) };
  };
  const original = look(text);
  const problems = (of: Look, offsetIn: (finding: Finding, side: 'start' | 'end') => number, document: ParsedDocument): Problem[] =>
    of.findings
      .slice(0, options.maxProblems)
      .filter((finding) => finding.severity === 'error' || finding.severity === 'warning')
      .map((finding) => problemOf(file, { ...finding, start: offsetIn(finding, 'start'), end: offsetIn(finding, 'end') }, (offset) => document.positionAt(offset)));
  const asItWas = (notFixed: Words | undefined): FixedDocument => {
    const left: FixedDocument = { text, changes: [], remaining: problems(original, (finding, side) => finding[side], original.document) };
    return notFixed ? { ...left, notFixed: render(notFixed, 'en'), notFixedWords: notFixed } : left;
  };

  // The fixes are a domain's: another libvirt document (a <network>) is not touched.
  const root = original.document.tree.children.find((child) => child.kind === 'element');
  if (root && original.findings.some((finding) => finding.code === 'root-not-domain')) {
    return asItWas(words('cli.fix.notDomain', { root: root.name }));
  }

  if (tooMany(original)) return asItWas(words('cli.fix.tooMany', { count: MAX_COUNTED_FINDINGS.toLocaleString('en-US') }));

  const wellFormed = fixInRounds(original, {
    look,
    edits: (at) => safeFixEdits(at.analysis, notWellFormed(at), { setValues: false }),
    badness: (at) => (tooMany(at) ? TOO_MANY : [notWellFormed(at).length, ...tally(at.findings)]),
  });
  let notFixed: Words | undefined;
  let rounds = wellFormed.rounds;
  let fixed = wellFormed.last;
  if (notWellFormed(fixed).length > 0) {
    // Values read from a broken tree may not be values at all: only well-formedness is fixed.
    if (rounds.length === 0) return asItWas(words('cli.fix.notWellFormed'));
    notFixed = words('cli.fix.stillNotWellFormed');
  } else {
    const rest = fixInRounds(fixed, { look, edits: (at) => safeFixEdits(at.analysis, at.findings), badness: (at) => (tooMany(at) ? TOO_MANY : tally(at.findings)) });
    rounds = [...rounds, ...rest.rounds];
    fixed = rest.last;
    if (rest.stopped === 'notBetter') notFixed = words('cli.fix.notBetter', { fixes: safeFixes(rest.pending) });
    if (rest.stopped === 'unsettled') notFixed = words('cli.fix.unsettled', { fixes: safeFixes(rest.pending), rounds: MAX_ROUNDS });
  }
  if (rounds.length === 0) return asItWas(notFixed);

  const before = tally(original.findings);
  const after = tally(fixed.findings);
  if (!fewer(after, before)) return asItWas(words('cli.fix.worse', { before: severityCounts(before), after: severityCounts(after) }));

  const inFixed = options.positionsIn === 'fixed';
  const result: FixedDocument = {
    text: fixed.text,
    changes: changesOf(rounds, inFixed ? fixed.document : original.document, options.positionsIn),
    remaining: inFixed
      ? problems(fixed, (finding, side) => finding[side], fixed.document)
      : problems(fixed, (finding, side) => rounds.reduceRight((offset, round) => originalOffset(offset, round.edits, side), finding[side]), original.document),
  };
  return notFixed ? { ...result, notFixed: render(notFixed, 'en'), notFixedWords: notFixed } : result;
}

/** The well-formedness findings but the root's name: those the tree cannot be read right without. */
function notWellFormed(look: Look): Finding[] {
  return look.findings.filter((finding) => WELL_FORMEDNESS_CODES.has(finding.code) && finding.code !== 'root-not-domain');
}

const safeFixes = (n: number): Words => words(n === 1 ? 'cli.fix.safeFixes.one' : 'cli.fix.safeFixes.other', { count: n });

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** The findings counted per severity, the worst first: how bad a document is. */
export function tally(findings: readonly Pick<Finding, 'severity'>[]): number[] {
  return SEVERITIES.map((severity) => findings.filter((finding) => finding.severity === severity).length);
}

/** Whether counts `a` are better than `b`: fewer at the first place where they differ. */
export function fewer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

/** A stage of fixing: how a version is looked at, the edits it calls for, and how bad it is (compared by `fewer`). */
export interface Stage<L extends { text: string }> {
  look(text: string): L;
  edits(version: L): readonly SafeEdit[];
  badness(version: L): readonly number[];
}

/** A round of fixes: the text it was made on, and its edits (non-overlapping, in document order). */
export interface Round {
  text: string;
  edits: readonly SafeEdit[];
}

export interface Rounds<L> {
  /** The version the rounds made (the first one when none was kept). */
  last: L;
  rounds: Round[];
  /** Why the rounds stopped: no edits left, a round that would not make the text better, or MAX_ROUNDS. */
  stopped: 'settled' | 'notBetter' | 'unsettled';
  /** The edits of the round not made, when one was not. */
  pending: number;
}

/** Makes the stage's edits on `first` again and again, while each round makes it better, at most `maxRounds` times. */
export function fixInRounds<L extends { text: string }>(first: L, stage: Stage<L>, maxRounds = MAX_ROUNDS): Rounds<L> {
  const rounds: Round[] = [];
  let current = first;
  for (;;) {
    const edits = stage.edits(current);
    const next = edits.length === 0 ? current.text : applyEdits(current.text, edits);
    if (next === current.text) return { last: current, rounds, stopped: 'settled', pending: 0 };
    if (rounds.length >= maxRounds) return { last: current, rounds, stopped: 'unsettled', pending: edits.length };
    const fixed = stage.look(next);
    if (!fewer(stage.badness(fixed), stage.badness(current))) return { last: current, rounds, stopped: 'notBetter', pending: edits.length };
    rounds.push({ text: current.text, edits });
    current = fixed;
  }
}

/** Each edit of `rounds` as a change, located in `document` (the fixed text, or the original one), in document order. */
function changesOf(rounds: readonly Round[], document: ParsedDocument, positionsIn: 'fixed' | 'original'): Change[] {
  const located: { offset: number; change: Omit<Change, 'line' | 'column'> }[] = [];
  rounds.forEach((round, index) => {
    let shift = 0;
    for (const edit of round.edits) {
      const inRoundResult = edit.start + shift;
      shift += edit.newText.length - (edit.end - edit.start);
      const offset =
        positionsIn === 'fixed'
          ? rounds.slice(index + 1).reduce((at, later) => fixedOffset(at, later.edits), inRoundResult)
          : rounds.slice(0, index).reduceRight((at, earlier) => originalOffset(at, earlier.edits, 'start'), edit.start);
      const change = { oldText: round.text.slice(edit.start, edit.end), newText: edit.newText, codes: edit.codes, title: edit.title };
      located.push({ offset, change: edit.titleWords ? { ...change, titleWords: edit.titleWords } : change });
    }
  });
  return located
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, change }) => {
      const position = document.positionAt(offset);
      return { line: position.line + 1, column: position.character + 1, ...change };
    });
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

/** The offset in the fixed text of `offset` in the text `edits` were made on; inside a replaced span, that span's start. */
export function fixedOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    if (offset < edit.start) break;
    if (offset < edit.end) return edit.start + shift;
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return offset + shift;
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

/** `path:line:column: "old" → "new" [codes] title`, the texts quoted as JSON strings so spaces show; the title in `language` where the fix gave its words. */
export function formatChanges(file: string, changes: readonly Change[], language: Language = 'en'): string {
  return changes
    .map((c) => {
      const line = words('cli.change', {
        location: `${file}:${c.line}:${c.column}`,
        oldText: JSON.stringify(c.oldText),
        newText: JSON.stringify(c.newText),
        codes: c.codes.length > 0 ? c.codes.join(', ') : words('cli.change.noCodes'),
        title: c.titleWords ?? c.title,
      });
      return `${render(line, language)}\n`;
    })
    .join('');
}
