/**
 * What the server and the CLI say to users, as data: a catalogue key with its parameters,
 * rendered in the user's language where it is shown (diagnostics, quick-fix titles, completion
 * details, hover lines, CLI output). Checks render the English where they make a finding, so
 * tests, logs and SARIF read as before; the LSP layer renders again for a Chinese user.
 * Templates name their parameters in braces: "`<{element}>` needs `{attribute}`".
 */
import type { MessageKey } from './en';
import { CLI_EN } from './en/cli';

export type Language = 'en' | 'zh';

/** Items joined the way the language joins them: "a, b and c" / "a、b 和 c". */
export interface WordList {
  items: readonly Param[];
  join: 'and' | 'or';
}

export type Param = string | number | Words | WordList;

export interface Words {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, Param>>;
}

type Catalogue = Readonly<Record<MessageKey, string>>;

/**
 * Each catalogue is loaded the first time one of its words is rendered: a run in English never
 * loads the Chinese, and a check that finds nothing says only the command line's own words
 * (CLI_EN, at hand), never loading the rest (domxml's bundle has them apart, scripts/build.mjs).
 */
let en: Catalogue | undefined;
let zh: Catalogue | undefined;

function catalogue(language: Language): Catalogue {
  if (language === 'en') return (en ??= (require('./en') as typeof import('./en')).EN);
  return (zh ??= (require('./zh') as typeof import('./zh')).ZH);
}

/** The English template of `key`. */
function english(key: MessageKey): string {
  return (CLI_EN as Partial<Catalogue>)[key] ?? catalogue('en')[key];
}

export function words(key: MessageKey, params: Record<string, Param> = {}): Words {
  return { key, params };
}

export function andList(items: readonly Param[]): WordList {
  return { items, join: 'and' };
}

export function orList(items: readonly Param[]): WordList {
  return { items, join: 'or' };
}

/** `text` in `language`: its template with each `{name}` replaced by that parameter, rendered alike. */
export function render(text: Words | string, language: Language): string {
  if (typeof text === 'string') return text;
  const template = (language === 'en' ? undefined : catalogue(language)[text.key]) ?? english(text.key);
  return template.replace(/\{(\w+)\}/g, (place, name: string, at: number) => {
    const value = text.params[name];
    if (value === undefined) return place;
    const rendered = renderParam(value, language);
    if (language !== 'zh') return rendered;
    // Chinese beside code, digits or Latin words gets a space where a parameter meets the template.
    const before = at > 0 && spaceBetween(template[at - 1], rendered[0]) ? ' ' : '';
    const after = spaceBetween(rendered[rendered.length - 1], template[at + place.length]) ? ' ' : '';
    return `${before}${rendered}${after}`;
  });
}

/** Whether Chinese typesetting puts a space between `left` and `right`: one is a Han character, the other ASCII code, digit or letter. */
function spaceBetween(left: string | undefined, right: string | undefined): boolean {
  if (!left || !right) return false;
  const latin = (c: string) => /[A-Za-z0-9`'"<]/.test(c);
  const han = (c: string) => /[\u4e00-\u9fff]/.test(c);
  return (han(left) && latin(right)) || (latin(left) && han(right));
}

function renderParam(value: Param, language: Language): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('key' in value) return render(value, language);
  const items = value.items.map((item) => renderParam(item, language));
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1];
  const rest = items.slice(0, -1);
  if (language === 'zh') {
    const head = rest.join('、');
    const word = value.join === 'and' ? '和' : '或';
    return `${head}${spaceBetween(head[head.length - 1], word) ? ' ' : ''}${word}${spaceBetween(word, last[0]) ? ' ' : ''}${last}`;
  }
  return `${rest.join(', ')} ${value.join} ${last}`;
}

/** The parameter names a template uses, for the test that both catalogues agree. */
export function templateParams(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
}
