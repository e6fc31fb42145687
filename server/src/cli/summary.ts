/** The one line on standard error that closes a run: how much was checked and what was found. */
import { Problem, ProblemSeverity } from './check';

const ORDER: [ProblemSeverity, string, string][] = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['info', 'info', 'infos'],
  ['hint', 'hint', 'hints'],
];

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "2 errors, 1 warning" from counts per severity in ORDER; undefined when all are 0. */
function countsPhrase(counts: readonly number[]): string | undefined {
  const phrases = ORDER.flatMap(([, one, many], i) => (counts[i] > 0 ? [count(counts[i], one, many)] : []));
  return phrases.length > 0 ? phrases.join(', ') : undefined;
}

/** "2 errors, 1 warning" (or "no problems") from counts per severity, the worst first: error, warning, info, hint. */
export function severityCounts(counts: readonly number[]): string {
  return countsPhrase(counts) ?? 'no problems';
}

/** "2 errors, 1 warning in 2 documents", or undefined when there is none. */
function problemCounts(problems: readonly Problem[]): string | undefined {
  const counts = countsPhrase(ORDER.map(([severity]) => problems.filter((p) => p.severity === severity).length));
  return counts && `${counts} in ${count(new Set(problems.map((p) => p.file)).size, 'document', 'documents')}`;
}

/** "checked 3 documents: 2 errors, 1 warning in 2 documents; 1 could not be checked" (files, directories, links). */
export function summaryLine(checked: number, problems: readonly Problem[], notChecked: number): string {
  const failed = notChecked > 0 ? `; ${notChecked} could not be checked` : '';
  return `checked ${count(checked, 'document', 'documents')}: ${problemCounts(problems) ?? 'no problems'}${failed}`;
}

export interface FixCounts {
  /** Documents read and looked at. */
  documents: number;
  /** Changes made (or that would be), and in how many documents. */
  changes: number;
  changedDocuments: number;
  /** Documents with safe fixes not made, each said why: not a domain, not well-formed, no better. */
  notFixed: number;
  /** Arguments, reads, fixes and writes that failed. */
  failures: number;
}

/** "made 3 changes in 2 of 4 documents; left: 1 error in 1 document" (with a dry run: "would make"). */
export function fixSummaryLine(counts: FixCounts, remaining: readonly Problem[], dryRun: boolean): string {
  const { documents, changes, changedDocuments, notFixed, failures } = counts;
  const done =
    changes === 0
      ? `nothing to fix in ${count(documents, 'document', 'documents')}`
      : `${dryRun ? 'would make' : 'made'} ${count(changes, 'change', 'changes')} in ${changedDocuments} of ${count(documents, 'document', 'documents')}`;
  const left = problemCounts(remaining);
  const parts = [done, left ? `${dryRun ? 'would leave' : 'left'}: ${left}` : 'no errors or warnings left'];
  if (notFixed > 0) parts.push(`fixes not made in ${count(notFixed, 'document', 'documents')} (said why above)`);
  if (failures > 0) parts.push(`${failures} could not be fixed`);
  return parts.join('; ');
}
