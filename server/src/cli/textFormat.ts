/**
 * `--format text`: one `path:line:column: severity: message [code]` line per problem; under a
 * libvirt rule's finding, a `note:` line for each other place it is about and a `help:` line.
 * In the language of the run: messages where the checks gave their words, the labels always.
 */
import { Language, Words, render, words } from '../messages/words';
import { Problem } from './check';

export function formatText(problems: readonly Problem[], language: Language = 'en'): string {
  const say = (english: string, said: Words | undefined): string => (said ? render(said, language) : english);
  return problems
    .map((p) => {
      const notes = (p.related ?? [])
        .map((r) => `${render(words('cli.text.note', { location: `${p.file}:${r.line}:${r.column}`, message: say(r.message, r.words) }), language)}\n`)
        .join('');
      const help = p.help ? `${render(words('cli.text.help', { help: say(p.help, p.helpWords), uri: p.helpUri ?? '' }), language)}\n` : '';
      const line = words('cli.text.problem', {
        location: `${p.file}:${p.line}:${p.column}`,
        severity: words(`cli.severity.${p.severity}`),
        message: say(p.message, p.words),
        code: p.code,
      });
      return `${render(line, language)}\n${notes}${help}`;
    })
    .join('');
}
