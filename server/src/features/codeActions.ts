/**
 * Code actions: the fixes findings carry, for the range the editor asks about, and one action
 * that applies every safe fix in the document (the "Fix All" of the Source Action menu, and what
 * `editor.codeActionsOnSave` runs).
 */
import { Finding, TextEdit, editsOf, wordedTitle } from '../finding';
import { Words, words } from '../messages/words';
import { Analysis } from './analysis';
import { safeFixEdits } from './safeFixes';

export interface FixAction {
  /** In English; `titleWords` in the user's language where given. */
  title: string;
  titleWords?: Words;
  kind: 'quickfix' | 'fixAll';
  /** Non-overlapping, in document order. */
  edits: TextEdit[];
  /** One of `edits` (same span) as a snippet, for editors that take snippets. */
  snippet?: { start: number; end: number; snippet: string };
  /** The findings it resolves. */
  findings: Finding[];
  /** The one obvious fix: the editor may apply it with a single keystroke. */
  preferred: boolean;
  safe: boolean;
}

/** Quick fixes of the findings that touch [start, end], in the findings' order; a fix two findings share is offered once. */
export function quickFixesAt(findings: readonly Finding[], start: number, end: number): FixAction[] {
  const actions: FixAction[] = [];
  const byKey = new Map<string, FixAction>();
  for (const finding of findings) {
    if (!finding.fixes || finding.end < start || finding.start > end) continue;
    for (const fix of finding.fixes) {
      const edits = editsOf(fix);
      const key = `${fix.title}\0${JSON.stringify(edits)}`;
      const same = byKey.get(key);
      if (same) {
        same.findings.push(finding);
        continue;
      }
      const action: FixAction = {
        title: fix.title,
        kind: 'quickfix',
        edits,
        findings: [finding],
        preferred: finding.fixes.length === 1 || fix.preferred === true,
        safe: fix.safe,
      };
      if (fix.titleWords) action.titleWords = fix.titleWords;
      if (fix.snippet !== undefined) action.snippet = { start: fix.start, end: fix.end, snippet: fix.snippet };
      byKey.set(key, action);
      actions.push(action);
    }
  }
  keepOnePreferred(actions);
  return actions;
}

/**
 * Several findings at the cursor, each with a lone fix, would make several actions preferred, and
 * the editor applies none of them with its one keystroke: keep the fix of the most specific
 * finding (the shortest span), a safe one before one that is not, else the first.
 */
function keepOnePreferred(actions: FixAction[]): void {
  const preferred = actions.filter((action) => action.preferred);
  if (preferred.length <= 1) return;
  const span = (action: FixAction) => Math.min(...action.findings.map((finding) => finding.end - finding.start));
  const best = preferred.reduce((kept, action) => {
    const shorter = span(action) - span(kept);
    return shorter < 0 || (shorter === 0 && action.safe && !kept.safe) ? action : kept;
  });
  for (const action of preferred) action.preferred = action === best;
}

/** Every safe fix of the document in one action, when there is any. */
export function fixAllAction(analysis: Analysis): FixAction | undefined {
  if (!analysis.document.parsed) return undefined;
  const edits = safeFixEdits(analysis);
  if (edits.length === 0) return undefined;
  const fixes = new Set(edits.map((edit) => edit.title)).size;
  const title = words(fixes === 1 ? 'server.fixAll.one' : 'server.fixAll.other', { count: fixes });
  return { ...wordedTitle(title), kind: 'fixAll', edits, findings: [], preferred: false, safe: true };
}
