/** The one line on standard error that closes a run: how much was checked and what was found. */
import { Problem, ProblemSeverity } from './check';

const ORDER: [ProblemSeverity, string, string][] = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['info', 'info', 'infos'],
  ['hint', 'hint', 'hints'],
];

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "checked 3 documents: 2 errors, 1 warning in 2 documents; 1 could not be read" */
export function summaryLine(checked: number, problems: readonly Problem[], unreadable: number): string {
  const counts = ORDER.map(([severity, one, many]) => [problems.filter((p) => p.severity === severity).length, one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => count(n, one, many));
  const files = new Set(problems.map((p) => p.file)).size;
  const found = counts.length === 0 ? 'no problems' : `${counts.join(', ')} in ${count(files, 'document', 'documents')}`;
  const failed = unreadable > 0 ? `; ${unreadable} could not be read` : '';
  return `checked ${count(checked, 'document', 'documents')}: ${found}${failed}`;
}
