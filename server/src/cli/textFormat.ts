/**
 * `--format text`: one `path:line:column: severity: message [code]` line per problem; under a
 * libvirt rule's finding, a `note:` line for each other place it is about and a `help:` line.
 */
import { Problem } from './check';

export function formatText(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const notes = (p.related ?? []).map((r) => `  note: ${p.file}:${r.line}:${r.column}: ${r.message}\n`).join('');
      const help = p.help ? `  help: ${p.help} (${p.helpUri})\n` : '';
      return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}]\n${notes}${help}`;
    })
    .join('');
}
