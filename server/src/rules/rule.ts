/**
 * A rule of libvirt's that its schema cannot say: one check of libvirt's parser, post-parse or
 * validation code (or the QEMU driver's), mirrored over the Domain view. A rule is data about
 * the check (code, the libvirt function, when libvirt rejects, libvirt's own message) plus a
 * `check` that reports findings through `report`; runRules (index.ts) adds what is common.
 */
import { Fix, TextEdit, wordedTitle } from '../finding';
import { Words } from '../messages/words';
import { Domain, El, Span } from './domain';

/**
 * When libvirt says no: `define` when `virsh define` (the parser, post-parse or validation)
 * rejects the document, `start` when it is accepted but the guest fails to start, `accepted`
 * when libvirt takes the document but ignores or changes what the finding is about (a warning).
 */
export type Stage = 'define' | 'start' | 'accepted';

/** `qemu`: the QEMU driver's rules, for `<domain type='kvm'>` and `type='qemu'`; `any`: every driver. */
export type Driver = 'any' | 'qemu';

export interface RelatedSpan extends Span {
  message: string | Words;
}

export interface ReportOptions {
  /** The other party: the first device on the same address, the `<boot dev>` that conflicts. */
  related?: RelatedSpan[];
  /** Edits that resolve it, where there is one answer. */
  fixes?: Fix[];
}

/**
 * Reports a finding on `at` (the token that has to change). `message` names the values involved
 * and has no closing period: runRules adds when libvirt refuses.
 */
export type Report = (at: Span, message: string | Words, options?: ReportOptions) => void;

export interface Rule {
  /** Stable, kebab-case: what the diagnostic's code, the CLI and SARIF show. */
  code: string;
  /** The libvirt function whose check this mirrors, with its file: `virDomainDefValidateInternal (src/conf/domain_validate.c)`. */
  libvirt: string;
  stage: Stage;
  driver: Driver;
  /**
   * libvirt's own error message for this check, as its format string (`%1$s` and the like stand
   * for any text): conformance matches libvirt's test expectations against these.
   */
  libvirtMessages: readonly string[];
  /**
   * What libvirt checks and why, and how to put it right: hover on the finding and SARIF's help.
   * As catalogue words (`rules.help.<code>`) where translated; `helpIn` renders either.
   */
  help: string | Words;
  /** The section of libvirt.org/formatdomain.html about what the rule checks (its anchor). */
  docsAnchor?: string;
  /**
   * Element names of which the document must have one, anywhere, for the rule to find anything:
   * runRules does not run the rule on other documents (most have no `<hostdev>`, no NUMA cells ...).
   * Absent: the rule runs on every document.
   */
  onlyWith?: readonly string[];
  check(domain: Domain, report: Report): void;
}

/** What is said about a rule, without its check: what hover, the CLI and SARIF read. */
export type RuleInfo = Omit<Rule, 'check'>;

/** The edit that removes `el`, with its line when it stands alone on one. */
export function removeElementEdit(domain: Domain, el: El): TextEdit {
  const text = domain.text;
  let start = el.start;
  let end = el.start + el.element.length;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  if ((lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r')) {
    start = lineStart;
    end = lineEnd;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
  }
  return { start, end, newText: '' };
}

/**
 * The edit that adds `child` (markup) as the last child of `el`: on a line of its own, indented
 * one step inside `el`, where `el`'s end tag stands on its own line; else just before the end tag.
 * A self-closing `el` gets an end tag.
 */
export function appendChildEdit(domain: Domain, el: El, child: string): TextEdit {
  const text = domain.text;
  const { element } = el;
  if (element.selfClosing) {
    const close = el.start + element.startTagLength - 2;
    let from = close;
    while (from > el.start && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
    return { start: from, end: el.start + element.startTagLength, newText: `>${child}</${element.name}>` };
  }
  const endTag = el.start + (element.endTagOffset >= 0 ? element.endTagOffset : element.length);
  const indent = lineIndent(text, endTag);
  if (indent === undefined) return { start: endTag, end: endTag, newText: child };
  const inner = element.children.find((node) => node.kind === 'element' && lineIndent(text, el.start + node.offset) !== undefined);
  const innerIndent = inner && lineIndent(text, el.start + inner.offset);
  const step = innerIndent !== undefined && innerIndent.startsWith(indent) && innerIndent.length > indent.length ? innerIndent.slice(indent.length) : '  ';
  return { start: endTag, end: endTag, newText: `${step}${child}\n${indent}` };
}

/** The blanks before `offset` on its line when nothing else comes before it there; undefined otherwise. */
function lineIndent(text: string, offset: number): string | undefined {
  let from = offset;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return from === 0 || text[from - 1] === '\n' ? text.slice(from, offset) : undefined;
}

/** The title of a fix that removes the attribute `name`. */
export function removeTitle(name: string): string {
  return `Remove \`${name}\``;
}

export const REMOVE_ADDRESS = 'Remove the `<address>`';

/** The report options of a finding with `fix`, when there is one. */
export function withFix(fix: Fix | undefined): { fixes: Fix[] } | undefined {
  return fix ? { fixes: [fix] } : undefined;
}

/** A fix's title: English, with the catalogue words it renders from when given as words. */
export function fixTitle(title: string | Words): Pick<Fix, 'title' | 'titleWords'> {
  return typeof title === 'string' ? { title } : wordedTitle(title);
}

/** `fix` (made by one of the helpers here, or none) with its title said by `title`, whatever title the helper was given. */
export function titled<F extends Fix | undefined>(fix: F, title: Words): F {
  return (fix && { ...fix, ...fixTitle(title) }) as F;
}

/** An edit that replaces the text at `span` (an attribute value or element text). */
export function replaceFix(span: Span, newText: string, title: string | Words, safe = false): Fix {
  return { ...fixTitle(title), start: span.from, end: span.to, newText, safe };
}

/** An edit that removes attribute `name` of `el` with the space before it; undefined when it is absent. */
export function removeAttributeFix(domain: Domain, el: El, name: string, title: string | Words, safe = false): Fix | undefined {
  const attribute = el.element.attributes.find((a) => a.name === name && a.valueOffset >= 0 && a.valueClosed);
  if (!attribute) return undefined;
  let start = el.start + attribute.nameOffset;
  while (start > el.start && /\s/.test(domain.text[start - 1])) start--;
  return { ...fixTitle(title), start, end: el.start + attribute.valueOffset + attribute.valueLength, newText: '', safe };
}

/** An edit that removes `el` with its line (see removeElementEdit). */
export function removeElementFix(domain: Domain, el: El, title: string | Words, safe = false): Fix {
  return { ...fixTitle(title), ...removeElementEdit(domain, el), safe };
}
