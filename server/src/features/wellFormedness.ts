/**
 * Well-formedness findings: what the parser noted on each node, with the fixes it found,
 * references to entities the DOCTYPE does not declare, and the document-level rules (one root,
 * and it is `<domain>`). With the document's memo, a keystroke looks again only at the elements
 * the edit patched. Fixes are made only for the findings reported, after the memo: the parser's
 * placed by the finding (a problem and its fixes are both relative to its node, so they move
 * together), and those that read the text around a node (a stray end tag's line, text outside
 * the root, what precedes the XML declaration) from this version's text.
 */
import { Ch, isLineBreak, lineBreakAt } from '../parser/chars';
import { DocumentNode, Problem, StrayEndTagNode } from '../parser/nodes';
import { NodeMemo } from '../parser/parsedDocument';
import { Source } from '../parser/pieceText';
import { Finding, Fix, wordedTitle } from '../finding';
import { Words, render, words } from '../messages/words';
import { LocalFindings, Summary, subtreeFindings } from './subtreeFindings';
import { shiftFinding } from '../finding';

const TITLES = {
  removeEndTag: (name: string) => (name === '' ? words('wellFormed.fix.removeNamelessEndTag') : words('wellFormed.fix.removeEndTag', { name })),
  removeTextAfterRoot: (root: string) => words('wellFormed.fix.removeTextAfterRoot', { root }),
  removeTextBeforeRoot: words('wellFormed.fix.removeTextBeforeRoot'),
  removeSpaceBeforeDeclaration: words('wellFormed.fix.removeSpaceBeforeDeclaration'),
};

/** A finding's message in English, with its words for the user's language (a problem's words are catalogue words too). */
function said(message: Words): { message: string; words: Words } {
  return { message: render(message, 'en'), words: message };
}

/**
 * A finding on a node, with the problem it reports (whose fixes it gets when reported) and the
 * stray end tag that holds it; a reference to an entity stays a candidate until the DOCTYPE is known.
 */
type Noted = Finding & { entity?: string; problem?: Problem; stray?: StrayEndTagNode };

/** What nearly every node has noted on it: one list for all (a list per node was most of this walk's garbage). */
const NOTHING_NOTED: readonly Noted[] = Object.freeze([]);

/** What the parser noted on each node, and where it refers to entities. */
const notedOn: LocalFindings<Noted> = (node, start) => {
  const endTagProblems = node.kind === 'element' ? node.endTagProblems : undefined;
  if (!node.problems && !endTagProblems && !node.entityReferences) return NOTHING_NOTED;
  const noted: Noted[] = [];
  const add = (problems: Problem[] | undefined, base: number): void => {
    for (const problem of problems ?? []) {
      const finding: Noted = { start: base + problem.start, end: base + problem.end, severity: 'error', code: problem.code, ...said(problem.words), problem };
      if (node.kind === 'strayEndTag') finding.stray = node;
      noted.push(finding);
    }
  };
  add(node.problems, start);
  if (node.kind === 'element') add(endTagProblems, start + node.endTagOffset);
  for (const reference of node.entityReferences ?? []) {
    const at = start + reference.start;
    noted.push({
      start: at,
      end: at + reference.name.length + 2,
      severity: 'error',
      code: 'undefined-entity',
      ...said(words('wellFormed.undefined-entity', { name: reference.name })),
      entity: reference.name,
    });
  }
  return noted;
};

/** Per-element memo of what the parser noted in each subtree (`ParsedDocument.memo(WELL_FORMEDNESS)`). */
export const WELL_FORMEDNESS = {};

/** With `text`, the findings also get the fixes that read the text around their node (see above). */
export function checkWellFormedness(tree: DocumentNode, maxFindings = Number.POSITIVE_INFINITY, memo?: NodeMemo<Summary<Noted>>, text?: Source): Finding[] {
  const declared = new Set<string>();
  for (const child of tree.children) {
    if (child.kind === 'doctype') for (const name of child.declaredEntities) declared.add(name);
  }
  const findings: Finding[] = [];
  // References to declared entities drop out here: with any declared, gather all to fill the cap.
  for (const { entity, problem, stray, ...finding } of subtreeFindings(tree, memo, notedOn, shiftFinding, declared.size === 0 ? maxFindings : undefined)) {
    if (findings.length >= maxFindings) break;
    if (entity !== undefined && declared.has(entity)) continue;
    if (problem) addFixes(finding, problem, stray, text);
    findings.push(finding);
  }
  checkDocumentStructure(tree, findings, text);
  return findings.length > maxFindings ? findings.slice(0, maxFindings) : findings;
}

/** The problem's fixes where the finding now is; what the text around its node gives, with the text. */
function addFixes(finding: Finding, problem: Problem, stray: StrayEndTagNode | undefined, text: Source | undefined): void {
  const nodeStart = finding.start - problem.start;
  if (problem.fixes) {
    finding.fixes = problem.fixes.map(({ titleWords, start, end, newText, safe, preferred }) => {
      const fix: Fix = { ...wordedTitle(titleWords), start: nodeStart + start, end: nodeStart + end, newText, safe };
      if (preferred) fix.preferred = true;
      return fix;
    });
  } else if (stray && (problem.code === 'mismatched-end-tag' || problem.code === 'missing-end-tag-name')) {
    // No open element took it as its own end tag (the parser's fix): it may go, with its line,
    // but the element it was meant to close may be the one missing.
    const tag = { start: nodeStart, end: nodeStart + stray.length };
    finding.fixes = [{ ...wordedTitle(TITLES.removeEndTag(stray.name)), ...(text ? withItsLine(text, tag) : tag), newText: '', safe: false }];
  } else if (text && problem.code === 'misplaced-xml-declaration') {
    addSpaceRemoval(finding, text);
  }
}

/** Runs of spaces, tabs or blank text looked over when widening a removal; longer ones are left. */
const MAX_SPACE_SCAN = 4096;

const isSpaceOrTab = (c: number) => c === Ch.Space || c === Ch.Tab;
const isBlank = (c: number) => isSpaceOrTab(c) || isLineBreak(c);

/** Where a run of `matches` characters from `from` ends, going forward (`step` 1) or back (-1). */
function skip(text: Source, from: number, step: 1 | -1, matches: (c: number) => boolean): number {
  let p = from;
  for (let n = 0; n < MAX_SPACE_SCAN; n++) {
    const at = step > 0 ? p : p - 1;
    if (at < 0 || at >= text.length || !matches(text.charCodeAt(at))) break;
    p += step;
  }
  return p;
}

/** `span` with its whole line and one line break, when nothing else stands on that line. */
function withItsLine(text: Source, span: { start: number; end: number }): { start: number; end: number } {
  const lineStart = skip(text, span.start, -1, isSpaceOrTab);
  const lineEnd = skip(text, span.end, 1, isSpaceOrTab);
  const startsLine = lineStart === 0 || isLineBreak(text.charCodeAt(lineStart - 1));
  const endsLine = lineEnd === text.length || isLineBreak(text.charCodeAt(lineEnd));
  if (!startsLine || !endsLine) return { start: span.start, end: span.end };
  if (lineEnd < text.length) return { start: lineStart, end: lineEnd + lineBreakAt(text, lineEnd).length };
  let start = lineStart;
  if (start > 0) start -= text.charCodeAt(start - 1) === Ch.LineFeed && text.charCodeAt(start - 2) === Ch.CarriageReturn ? 2 : 1;
  return { start, end: lineEnd };
}

/** An XML declaration that only space (after a byte order mark) precedes: removing the space puts it first. */
function addSpaceRemoval(finding: Finding, text: Source): void {
  const from = text.charCodeAt(0) === Ch.ByteOrderMark ? 1 : 0;
  if (finding.start > from && skip(text, from, 1, isBlank) === finding.start) {
    finding.fixes = [{ ...wordedTitle(TITLES.removeSpaceBeforeDeclaration), start: from, end: finding.start, newText: '', safe: true }];
  }
}

function checkDocumentStructure(tree: DocumentNode, findings: Finding[], text: Source | undefined): void {
  let root: { name: string; start: number } | undefined;
  for (const child of tree.children) {
    const start = child.offset;
    if (child.kind === 'element') {
      if (!root) {
        root = { name: child.name, start };
        if (child.name !== 'domain') {
          findings.push({
            start: start + 1,
            end: start + 1 + child.name.length,
            severity: 'error',
            code: 'root-not-domain',
            ...said(words('wellFormed.root-not-domain', { element: child.name })),
          });
        }
      } else {
        findings.push({
          start: start + 1,
          end: start + 1 + child.name.length,
          severity: 'error',
          code: 'extra-root-element',
          ...said(words('wellFormed.extra-root-element', { element: child.name, root: root.name })),
        });
      }
    } else if (child.kind === 'text' || child.kind === 'cdata') {
      const finding: Finding = {
        start,
        end: start + child.length,
        severity: 'error',
        code: 'text-outside-root',
        ...said(root ? words('wellFormed.text-outside-root.afterRoot', { root: root.name }) : words('wellFormed.text-outside-root.beforeRoot')),
      };
      if (text) {
        // The text goes, and the blank around it on the far side from the root, so no blank line is left.
        const from = root ? start : skip(text, start, 1, isBlank);
        const to = root ? skip(text, start + child.length, -1, isBlank) : start + child.length;
        const title = root ? TITLES.removeTextAfterRoot(root.name) : TITLES.removeTextBeforeRoot;
        finding.fixes = [{ ...wordedTitle(title), start: from, end: to, newText: '', safe: false }];
      }
      findings.push(finding);
    } else if (child.kind === 'doctype' && root) {
      findings.push({ start, end: start + 9, severity: 'error', code: 'misplaced-doctype', ...said(words('wellFormed.misplaced-doctype')) });
    }
  }
  if (!root) {
    findings.push({
      start: 0,
      end: 0,
      severity: 'error',
      code: 'missing-root',
      ...said(words('wellFormed.missing-root')),
    });
  }
}
