/** `--format text`: one `path:line:column: severity: message [code]` line per problem. */
import { Problem } from './check';

export function formatText(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}]\n`).join('');
}
