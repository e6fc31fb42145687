/** The one line on standard error that closes a run: how much was checked and what was found. */
import { Words, words } from '../messages/words';
import { Problem, ProblemSeverity } from './check';

const ORDER: readonly ProblemSeverity[] = ['error', 'warning', 'info', 'hint'];

type Counted = ProblemSeverity | 'document' | 'change';

/** "1 error", "2 documents". */
const count = (n: number, what: Counted): Words => words(`cli.count.${what}.${n === 1 ? 'one' : 'other'}`, { count: n });

/** The phrases joined: "a, b, c" (or "a; b; c"). */
function joined(phrases: readonly Words[], by: 'comma' | 'semicolon'): Words {
  return phrases.slice(0, -1).reduceRight((rest, first) => words(`cli.list.${by}`, { first, rest }), phrases[phrases.length - 1]);
}

/** "2 errors, 1 warning" from counts per severity in ORDER; undefined when all are 0. */
function countsPhrase(counts: readonly number[]): Words | undefined {
  const phrases = ORDER.flatMap((severity, i) => (counts[i] > 0 ? [count(counts[i], severity)] : []));
  return phrases.length > 0 ? joined(phrases, 'comma') : undefined;
}

/** "2 errors, 1 warning" (or "no problems") from counts per severity, the worst first: error, warning, info, hint. */
export function severityCounts(counts: readonly number[]): Words {
  return countsPhrase(counts) ?? words('cli.summary.noProblems');
}

/** "2 errors, 1 warning in 2 documents", or undefined when there is none. */
function problemCounts(problems: readonly Problem[]): Words | undefined {
  const counts = countsPhrase(ORDER.map((severity) => problems.filter((p) => p.severity === severity).length));
  return counts && words('cli.summary.problemsIn', { counts, documents: count(new Set(problems.map((p) => p.file)).size, 'document') });
}

/** "checked 3 documents: 2 errors, 1 warning in 2 documents; 1 could not be checked" (files, directories, links). */
export function summaryLine(checked: number, problems: readonly Problem[], notChecked: number): Words {
  const documents = count(checked, 'document');
  const found = problemCounts(problems) ?? words('cli.summary.noProblems');
  return notChecked > 0 ? words('cli.summary.checkedNotAll', { documents, found, count: notChecked }) : words('cli.summary.checked', { documents, found });
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
export function fixSummaryLine(counts: FixCounts, remaining: readonly Problem[], dryRun: boolean): Words {
  const { documents, changes, changedDocuments, notFixed, failures } = counts;
  const done =
    changes === 0
      ? words('cli.summary.nothingToFix', { documents: count(documents, 'document') })
      : words(dryRun ? 'cli.summary.wouldMake' : 'cli.summary.made', { changes: count(changes, 'change'), changed: changedDocuments, documents: count(documents, 'document') });
  const left = problemCounts(remaining);
  const parts = [done, left ? words(dryRun ? 'cli.summary.wouldLeave' : 'cli.summary.left', { problems: left }) : words('cli.summary.clean')];
  if (notFixed > 0) parts.push(words('cli.summary.notMade', { documents: count(notFixed, 'document') }));
  if (failures > 0) parts.push(words('cli.summary.notFixed', { count: failures }));
  return joined(parts, 'semicolon');
}
