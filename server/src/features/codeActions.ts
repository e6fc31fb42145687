/**
 * Code actions: the fixes findings carry, for the range the editor asks about, and one action
 * that applies every safe fix in the document (the "Fix All" of the Source Action menu, and what
 * `editor.codeActionsOnSave` runs).
 */
import { Finding, Fix } from '../finding';
import { Analysis } from './analysis';
import { safeFixEdits } from './safeFixes';

export interface FixAction {
  title: string;
  kind: 'quickfix' | 'fixAll';
  edits: Fix[];
  /** The findings it resolves. */
  findings: Finding[];
  /** The one obvious fix: the editor may apply it with a single keystroke. */
  preferred: boolean;
}

/** Quick fixes of the findings that touch [start, end], nearest first. */
export function quickFixesAt(findings: readonly Finding[], start: number, end: number): FixAction[] {
  const actions: FixAction[] = [];
  for (const finding of findings) {
    if (!finding.fixes || finding.end < start || finding.start > end) continue;
    for (const fix of finding.fixes) {
      actions.push({ title: fix.title, kind: 'quickfix', edits: [fix], findings: [finding], preferred: fix.safe && finding.fixes.length === 1 });
    }
  }
  return actions;
}

/** Every safe fix of the document in one action, when there is any. */
export function fixAllAction(analysis: Analysis): FixAction | undefined {
  if (!analysis.document.parsed) return undefined;
  const edits = safeFixEdits(analysis);
  if (edits.length === 0) return undefined;
  return { title: `Fix all safe problems (${edits.length} change${edits.length === 1 ? '' : 's'})`, kind: 'fixAll', edits, findings: [], preferred: false };
}
