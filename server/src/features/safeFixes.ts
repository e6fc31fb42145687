/**
 * Every safe fix of a document at once (the editor's "Fix all", `domxml fix`): each set value with
 * all its safe fixes applied, then the safe fixes libvirt's rules offer, as non-overlapping edits
 * in document order, each with the codes of the findings it resolves. The rules' findings are
 * the analysis's own, not run again.
 */
import { Fix } from '../finding';
import { Analysis } from './analysis';
import { checkDocumentSets, setSafeFixEdits } from './cpuset/documentSets';
import { ruleFindings } from './diagnostics';

export interface SafeEdit extends Fix {
  /** The codes of the findings whose safe fix replaces the same text. */
  codes: string[];
}

export function safeFixEdits(analysis: Analysis): SafeEdit[] {
  const { text, tree, setKeys, host } = analysis;
  if (!setKeys) return [];
  const rules = ruleFindings(analysis);
  const codesBySpan = new Map<string, Set<string>>();
  for (const finding of [...checkDocumentSets(text, tree, setKeys, host, analysis.document), ...rules]) {
    for (const fix of finding.fixes ?? []) {
      if (!fix.safe) continue;
      const span = `${fix.start}:${fix.end}`;
      let codes = codesBySpan.get(span);
      if (!codes) codesBySpan.set(span, (codes = new Set()));
      codes.add(finding.code);
    }
  }
  const edits: Fix[] = setSafeFixEdits(text, tree, setKeys, host);
  for (const finding of rules) {
    for (const fix of finding.fixes ?? []) {
      if (fix.safe && !edits.some((e) => e.start < fix.end && fix.start < e.end)) edits.push(fix);
    }
  }
  return edits.sort((a, b) => a.start - b.start).map((edit) => ({ ...edit, codes: [...(codesBySpan.get(`${edit.start}:${edit.end}`) ?? [])] }));
}
