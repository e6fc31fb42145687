/** The one line on standard error that closes a run: how much was checked and what was found. */
import { Problem, ProblemSeverity } from './check';

const ORDER: [ProblemSeverity, string, string][] = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['info', 'info', 'infos'],
  ['hint', 'hint', 'hints'],
];

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "2 errors, 1 warning in 2 documents", or undefined when there is none. */
function problemCounts(problems: readonly Problem[]): string | undefined {
  const counts = ORDER.map(([severity, one, many]) => [problems.filter((p) => p.severity === severity).length, one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => count(n, one, many));
  if (counts.length === 0) return undefined;
  return `${counts.join(', ')} in ${count(new Set(problems.map((p) => p.file)).size, 'document', 'documents')}`;
}

/** "checked 3 documents: 2 errors, 1 warning in 2 documents; 1 could not be checked" (files, directories, links). */
export function summaryLine(checked: number, problems: readonly Problem[], notChecked: number): string {
  const failed = notChecked > 0 ? `; ${notChecked} could not be checked` : '';
  return `checked ${count(checked, 'document', 'documents')}: ${problemCounts(problems) ?? 'no problems'}${failed}`;
}

export interface FixCounts {
  /** Documents read and looked at. */
  documents: number;
  /** Values changed (or that would be), and in how many documents. */
  values: number;
  changedDocuments: number;
  /** Left alone: not well-formed XML. */
  notWellFormed: number;
  /** Arguments, reads, fixes and writes that failed. */
  failures: number;
}

/** "fixed 3 values in 2 of 4 documents; left: 1 error in 1 document" (with a dry run: "would fix"). */
export function fixSummaryLine(counts: FixCounts, remaining: readonly Problem[], dryRun: boolean): string {
  const { documents, values, changedDocuments, notWellFormed, failures } = counts;
  const done =
    values === 0
      ? `nothing to fix in ${count(documents, 'document', 'documents')}`
      : `${dryRun ? 'would fix' : 'fixed'} ${count(values, 'value', 'values')} in ${changedDocuments} of ${count(documents, 'document', 'documents')}`;
  const left = problemCounts(remaining);
  const parts = [done, left ? `${dryRun ? 'would leave' : 'left'}: ${left}` : 'no errors or warnings left'];
  if (notWellFormed > 0) parts.push(`${count(notWellFormed, 'document', 'documents')} not fixed (not well-formed XML)`);
  if (failures > 0) parts.push(`${failures} could not be fixed`);
  return parts.join('; ');
}
