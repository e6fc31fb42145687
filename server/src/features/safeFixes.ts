/**
 * Every safe fix of a document at once (the editor's "Fix all", `domxml fix`): each set value with
 * all its safe fixes applied, then the safe fixes of every other finding (well-formedness, the
 * schema, generated values, libvirt's rules), as non-overlapping edits in document order, each
 * with the codes of the findings it resolves. A fix whose edits would touch one already taken is
 * left for the next round; its edits are taken together or not at all. With `setValues: false`,
 * only the fixes `findings` carry (`domxml fix` makes a document well-formed first, before it
 * reads any value).
 */
import { Finding, TextEdit, editsOf } from '../finding';
import { Words } from '../messages/words';
import { Analysis } from './analysis';
import { setSafeFixEdits } from './cpuset/documentSets';
import { documentFindings } from './diagnostics';

export interface SafeEdit extends TextEdit {
  /** What the fix it belongs to does, in English; `titleWords` in any language where the fix gives them. */
  title: string;
  titleWords?: Words;
  /** The codes of the findings whose safe fix makes this edit. */
  codes: string[];
}

export function safeFixEdits(analysis: Analysis, findings: readonly Finding[] = documentFindings(analysis), { setValues = true } = {}): SafeEdit[] {
  const { text, tree, setKeys, host } = analysis;
  if (!analysis.document.parsed) return [];
  const codesBySpan = new Map<string, Set<string>>();
  for (const finding of findings) {
    for (const fix of finding.fixes ?? []) {
      if (!fix.safe) continue;
      const span = spanKey(fix);
      let codes = codesBySpan.get(span);
      if (!codes) codesBySpan.set(span, (codes = new Set()));
      codes.add(finding.code);
    }
  }
  const taken: SafeEdit[] = [];
  const take = (edit: TextEdit, { title, titleWords }: { title: string; titleWords?: Words }): void => {
    const safeEdit: SafeEdit = { start: edit.start, end: edit.end, newText: edit.newText, title, codes: [...(codesBySpan.get(spanKey(edit)) ?? [])] };
    taken.push(titleWords ? { ...safeEdit, titleWords } : safeEdit);
  };
  if (setKeys && setValues) for (const edit of setSafeFixEdits(text, tree, setKeys, host)) take(edit, edit);
  for (const finding of findings) {
    for (const fix of finding.fixes ?? []) {
      if (!fix.safe) continue;
      const edits = editsOf(fix);
      if (edits.some((edit) => taken.some((other) => clash(edit, other)))) continue;
      for (const edit of edits) take(edit, fix);
    }
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

function spanKey(edit: TextEdit): string {
  return `${edit.start}:${edit.end}`;
}

/** Two edits that overlap, or insert at the same place (their order would be a guess). */
function clash(a: TextEdit, b: TextEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}
