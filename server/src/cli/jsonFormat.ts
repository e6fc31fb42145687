/**
 * `--format json`: the problems as an array of {file, line, column, endLine, endColumn, severity,
 * code, message}, with `beyondSchema: true` on those libvirt's schema alone would not raise, and
 * for libvirt's rules `related` (other places, each with line, column, endLine, endColumn and
 * message), `help` and `helpUri`.
 */
import { Problem } from './check';

export function formatJson(problems: readonly Problem[]): string {
  const plain = problems.map(({ file, line, column, endLine, endColumn, severity, code, message, beyondSchema, related, help, helpUri }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    severity,
    code,
    message,
    ...(beyondSchema ? { beyondSchema } : {}),
    // English only, as `message`: the words stay behind.
    ...(related ? { related: related.map(({ words: _words, ...place }) => place) } : {}),
    ...(help ? { help, helpUri } : {}),
  }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}
