/**
 * Every safe fix of a document at once (the editor's "Fix all", `domxml fix`): each set value with
 * all its safe fixes applied, then the safe fixes libvirt's rules offer, as non-overlapping edits
 * in document order, each with the codes of the findings it resolves.
 */
import { Finding, Fix } from '../finding';
import { DocumentNode } from '../parser/nodes';
import { runRules } from '../rules';
import { Domain } from '../rules/domain';
import { HostTopology, checkDocumentSets, setSafeFixEdits } from './cpuset/documentSets';

export interface SafeEdit extends Fix {
  /** The codes of the findings whose safe fix replaces the same text. */
  codes: string[];
}

export function safeFixEdits(text: string, tree: DocumentNode, setKeys: ReadonlySet<string>, host: HostTopology | undefined): SafeEdit[] {
  const domain = Domain.of(text, tree);
  const ruleFindings = domain ? runRules(domain) : [];
  const findings: Finding[] = [...checkDocumentSets(text, tree, setKeys, host), ...ruleFindings];
  const codesBySpan = new Map<string, Set<string>>();
  for (const finding of findings) {
    for (const fix of finding.fixes ?? []) {
      if (!fix.safe) continue;
      const span = `${fix.start}:${fix.end}`;
      let codes = codesBySpan.get(span);
      if (!codes) codesBySpan.set(span, (codes = new Set()));
      codes.add(finding.code);
    }
  }
  const edits: Fix[] = setSafeFixEdits(text, tree, setKeys, host);
  for (const finding of ruleFindings) {
    for (const fix of finding.fixes ?? []) {
      if (fix.safe && !edits.some((e) => e.start < fix.end && fix.start < e.end)) edits.push(fix);
    }
  }
  return edits.sort((a, b) => a.start - b.start).map((edit) => ({ ...edit, codes: [...(codesBySpan.get(`${edit.start}:${edit.end}`) ?? [])] }));
}
