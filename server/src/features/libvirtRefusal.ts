/**
 * What libvirt said when it refused a definition, placed on the token it is about. libvirt's
 * messages are format strings (`Attempted double use of PCI Address %1$s`); every rule records
 * the ones it stands for, so a refusal that reads like a rule's message lands where that rule's
 * finding is. Otherwise a name libvirt quotes (`'vda'`, `'q35'`) is looked up among the
 * document's values, and failing that the refusal sits on the root element's name.
 */
import { ElementNode, attributeValue, elementText, valueSpan } from '../parser/nodes';
import { walk } from '../parser/tree';
import { Finding } from '../finding';
import { render, words } from '../messages/words';
import { ruleByCode } from '../rules/index';
import { Analysis } from './analysis';

export const REFUSED_CODE = 'libvirt-refused';

/**
 * The libvirt messages a finding's code stands for: the rule's own, or for the cpuset checks
 * (virBitmapParse's callers) the one libvirt gives for any list it cannot use.
 */
export function libvirtMessagesOf(code: string): readonly string[] {
  const rule = ruleByCode(code);
  if (rule) return rule.libvirtMessages;
  return code.startsWith('cpuset-') ? ["Invalid value of '%1$s': %2$s"] : [];
}

/** libvirt's format string as a pattern: every conversion (%s, %1$s, %llu, %zu ...) stands for any text. */
function formatPattern(format: string): RegExp {
  const parts = format.split(/%(?:\d+\$)?[-#0 +']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXsc]/);
  return new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
}

/** Whether a finding with `code` says what libvirt's `message` says. */
export function meansTheSame(code: string, message: string): boolean {
  return libvirtMessagesOf(code).some((format) => formatPattern(format).test(message));
}

/**
 * Where a name libvirt quotes in `message` is written in the document: the first name quoted
 * (libvirt names its subject first), in an attribute's value, else in an element's text.
 */
function quotedValueSpan(analysis: Analysis, message: string): { start: number; end: number } | undefined {
  const quoted = [...new Set([...message.matchAll(/'([^'\n]{1,200})'/g)].map((match) => match[1]))];
  if (quoted.length === 0) return undefined;
  const wanted = new Set(quoted);
  const inAttribute = new Map<string, { start: number; end: number }>();
  const inText = new Map<string, { start: number; end: number }>();
  const source = analysis.source;
  walk(analysis.tree, {
    enter(node, start) {
      if (node.kind !== 'element') return false;
      const element: ElementNode = node;
      for (const attribute of element.attributes) {
        if (attribute.valueOffset < 0) continue;
        const value = attributeValue(source, start, attribute);
        if (!wanted.has(value) || inAttribute.has(value)) continue;
        const { from, to } = valueSpan(start, attribute);
        inAttribute.set(value, { start: from, end: to });
      }
      if (element.children.length === 1 && element.children[0].kind === 'text') {
        const text = elementText(source, start, element);
        const value = text.value.trim();
        if (wanted.has(value) && !inText.has(value)) inText.set(value, { start: text.from, end: text.to });
      }
      return true;
    },
  });
  for (const name of quoted) {
    const span = inAttribute.get(name) ?? inText.get(name);
    if (span) return span;
  }
  return undefined;
}

/** The root element's name, where a refusal goes that names nothing in the document. */
function rootNameSpan(analysis: Analysis): { start: number; end: number } {
  const root = analysis.tree.children.find((child) => child.kind === 'element');
  if (!root || root.kind !== 'element') return { start: 0, end: 0 };
  return { start: root.offset + 1, end: root.offset + 1 + root.name.length };
}

/**
 * The refusal as a finding: on the span of a finding that says the same (`findings`: those shown
 * for this version), else on a value libvirt quotes, else on the root's name.
 */
export function refusalFinding(analysis: Analysis, findings: readonly Finding[], connection: string, refusal: string): Finding {
  // virsh says what it tried first ("Failed to define domain from …"); libvirt's reason is last.
  const reason = refusal.split('\n').pop() ?? refusal;
  const same = findings.find((finding) => meansTheSame(finding.code, reason));
  const span = same ?? quotedValueSpan(analysis, reason) ?? rootNameSpan(analysis);
  const said = words('libvirt.refused', { connection, message: reason });
  return {
    start: span.start,
    end: span.end,
    severity: 'error',
    code: REFUSED_CODE,
    message: render(said, 'en'),
    words: said,
    beyondSchema: true,
  };
}
