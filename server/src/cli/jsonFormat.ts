/** `--format json`: the problems as an array of {file, line, column, endLine, endColumn, severity, code, message}. */
import { Problem } from './check';

export function formatJson(problems: readonly Problem[]): string {
  const plain = problems.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({ file, line, column, endLine, endColumn, severity, code, message }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}
