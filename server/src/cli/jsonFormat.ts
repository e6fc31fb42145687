/**
 * `--format json`: the problems as an array of {file, line, column, endLine, endColumn, severity,
 * code, message}, with `beyondSchema: true` on those libvirt's schema alone would not raise.
 */
import { Problem } from './check';

export function formatJson(problems: readonly Problem[]): string {
  const plain = problems.map(({ file, line, column, endLine, endColumn, severity, code, message, beyondSchema }) =>
    beyondSchema ? { file, line, column, endLine, endColumn, severity, code, message, beyondSchema } : { file, line, column, endLine, endColumn, severity, code, message },
  );
  return `${JSON.stringify(plain, null, 2)}\n`;
}
