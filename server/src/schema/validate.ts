/**
 * Schema validation of the parsed tree with positioned findings: the derivative engine decides,
 * and at each point where it says no, this module says what was wrong in the document's terms
 * and recovers, so one bad element does not hide the next.
 */
import { Finding } from '../finding';
import { decodeReferences, isWhitespaceText } from '../parser/chars';
import { Attribute, ChildNode, DocumentNode, ElementNode, attributeValue, elementText, isClosed } from '../parser/nodes';
import { NodeMemo, WIDE } from '../parser/parsedDocument';
import { Source } from '../parser/pieceText';
import { Derivatives, Expectations, P, QName, containsName } from './derivatives';
import { Namespaces, ROOT_SCOPE, describeName, qualified, requiredNames, scopeOf } from './contentModel';

export interface DescribeData {
  /** Words for what a data pattern accepts, e.g. "an integer from 0 to 65535". */
  describe(pattern: Extract<P, { kind: 'data' }>['source']): string;
}

/** Elements nested deeper than this are not validated (no libvirt document comes close). */
const MAX_DEPTH = 400;

/**
 * What validating one element found, for re-use while the element is unchanged and is met in the
 * same state (the parent's pattern, namespaces and name before it).
 */
export interface ElementValidation {
  input: P;
  scope: string;
  parent: string | undefined;
  output: P;
  /** Offsets relative to the element's start; for a run, to the start of the child in `owners`. */
  findings: readonly Finding[];
  /**
   * For a run of siblings: the child each finding lies in. An edit of the whitespace between two
   * of them moves the later one without changing a node, so the run stays valid: each finding
   * moves with its own child.
   */
  owners?: readonly ChildNode[];
}

/**
 * Validates the document's root element. With `memo`, elements an edit left alone are not walked
 * again: their findings and the pattern after them come from the memo.
 */
export function validateTree(
  d: Derivatives,
  words: DescribeData,
  text: Source,
  tree: DocumentNode,
  maxFindings = Infinity,
  memo?: NodeMemo<ElementValidation>,
): Finding[] {
  const root = tree.children.find((child): child is ElementNode => child.kind === 'element');
  // Without a `<domain>` root the well-formedness check has said all there is to say.
  if (root?.name !== 'domain') return [];
  const validator = new TreeValidator(d, words, text, maxFindings, memo);
  validator.element(root, root.offset, d.start(), ROOT_SCOPE, undefined, 0);
  return validator.findings;
}

export class TreeValidator {
  readonly findings: Finding[] = [];
  private readonly expect: Expectations;

  constructor(
    private readonly d: Derivatives,
    private readonly words: DescribeData,
    private readonly text: Source,
    private readonly maxFindings: number,
    private readonly memo: NodeMemo<ElementValidation> | undefined,
  ) {
    this.expect = new Expectations(d);
  }

  private report(start: number, end: number, code: string, message: string): void {
    if (this.findings.length < this.maxFindings) this.findings.push({ start, end, severity: 'error', code, message });
  }

  /** Validates `element` where the parent's content is at `p`; returns the parent's pattern after it. */
  element(element: ElementNode, start: number, p: P, outer: Namespaces, parent: Parent | undefined, depth: number): P {
    const known = this.memo?.get(element);
    if (known && known.input === p && known.scope === outer.key && known.parent === parent?.label) {
      for (const finding of known.findings) this.report(start + finding.start, start + finding.end, finding.code, finding.message);
      return known.output;
    }
    const before = this.findings.length;
    const output = this.validateElement(element, start, p, outer, parent, depth);
    // Leaves are cheap to check again and the most numerous: memoised, they would cost memory
    // and save little, except in long runs of siblings (thousands of <vcpupin>), which every
    // edit among them, and every completion or hover after them, would walk again.
    // With the cap reached, the findings are incomplete: not worth keeping.
    const worthKeeping = hasChildElement(element) || (parent !== undefined && parent.node.children.length > MANY_SIBLINGS);
    if (this.memo && worthKeeping && this.findings.length < this.maxFindings) {
      const findings = this.findings.length === before ? NO_FINDINGS : this.findings.slice(before).map((f) => ({ ...f, start: f.start - start, end: f.end - start }));
      this.memo.set(element, { input: p, scope: outer.key, parent: parent?.label, output, findings });
    }
    return output;
  }

  private validateElement(element: ElementNode, start: number, p: P, outer: Namespaces, parent: Parent | undefined, depth: number): P {
    const namespaces = scopeOf(element, this.text, start, outer);
    const name = qualified(element.name, namespaces, true);
    const nameStart = start + 1;
    const nameEnd = nameStart + element.name.length;
    const open = this.d.startTagOpen(p, name);
    if (open.kind === 'notAllowed') {
      this.reportUnexpectedElement(element, name, p, parent, nameStart, nameEnd);
      return p;
    }
    // The root's type (kvm, xen) rarely decides what its children look like: left out of messages.
    const self: Parent = { node: element, label: depth === 0 ? `<${element.name}>` : labelOf(element, this.text, start) };
    // "`<source>` in a `<disk type='network'>`": the parent's type decides the shape of most children.
    const subject = parent?.label.includes(' ') ? `\`<${element.name}>\` in a \`${parent.label}\`` : `\`<${element.name}>\``;
    let current = open;
    for (const attribute of element.attributes) {
      if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
      // A value still being typed (its quote not closed yet) is the parser's to report.
      const value = attribute.valueClosed ? attributeValue(this.text, start, attribute) : undefined;
      const attributeName = qualified(attribute.name, namespaces, false);
      const next = this.d.attribute(current, attributeName, value);
      if (next.kind !== 'notAllowed') {
        current = next;
        continue;
      }
      this.reportAttribute(subject, attribute, value ?? '', current, start, namespaces);
      // A known attribute with a bad value still counts as given.
      const forgiven = this.d.attribute(current, attributeName, undefined);
      if (forgiven.kind !== 'notAllowed') current = forgiven;
    }
    let content = this.d.startTagClose(current);
    if (content.kind === 'notAllowed') {
      const missing = requiredNames(current, 'attribute');
      this.report(
        nameStart,
        nameEnd,
        'missing-attribute',
        missing.length > 0
          ? `${subject} needs the attribute${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}.`
          : `${subject} is missing a required attribute.`,
      );
      content = this.d.startTagCloseForgiving(current);
    }
    if (depth >= MAX_DEPTH) return this.d.endTagForgiving(content);
    const before = this.findings.length;
    content = this.children(self, start, content, namespaces, depth);
    const after = this.d.endTag(content);
    if (after.kind !== 'notAllowed') return after;
    // An element not closed yet is still being typed: its missing content is not news.
    if (this.findings.length === before && isClosed(element)) {
      const required = requiredNames(content, 'element');
      const expected = required.length > 0 ? required : unique(this.expect.elementNames(content).map(describeName));
      const list = required.length > 0 ? andList : orList;
      this.report(
        nameStart,
        nameEnd,
        'missing-content',
        expected.length > 0 && expected.length <= 6
          ? `\`${self.label}\` is incomplete: it needs ${list(expected.map((n) => `\`<${n}>\``))}.`
          : `\`${self.label}\` is incomplete: some required content is missing.`,
      );
    }
    return this.d.endTagForgiving(content);
  }

  private children(self: Parent, start: number, p: P, namespaces: Namespaces, depth: number): P {
    const element = self.node;
    if (!hasChildElement(element)) {
      // Text-only (or empty) content is one value, checked as a whole.
      const { value, from, to } = elementText(this.text, start, element);
      const after = this.d.text(p, value);
      if (isWhitespaceText(value)) return this.d.choice(p, after);
      if (after.kind === 'notAllowed') {
        this.reportText(element.name, p, from, to);
        return this.skipTo(p);
      }
      return after;
    }
    const children = element.children;
    const memo = children.length > WIDE ? this.memo : undefined;
    let current = p;
    // Of wide elements, children are validated in runs, each remembered with the pattern it
    // starts from: a run met again unchanged and in the same state is not walked.
    let run = { from: 0, input: p, findings: this.findings.length };
    for (let i = 0; i < children.length; i++) {
      if (memo) {
        if (memo.runEndsBefore(children, run.from, i)) this.rememberRun(memo, children, run, i, current, start, namespaces, self);
        if (i === run.from) {
          ({ index: i, output: current } = this.replayRuns(memo, children, i, current, start, namespaces, self));
          run = { from: i, input: current, findings: this.findings.length };
          if (i === children.length) break;
        }
      }
      current = this.child(element, children[i], start, current, namespaces, self, depth);
    }
    if (memo) this.rememberRun(memo, children, run, children.length, current, start, namespaces, self);
    return current;
  }

  private child(element: ElementNode, child: ChildNode, start: number, current: P, namespaces: Namespaces, self: Parent, depth: number): P {
    const childStart = start + child.offset;
    if (child.kind === 'element') return this.element(child, childStart, current, namespaces, self, depth + 1);
    if (child.kind !== 'text' && child.kind !== 'cdata') return current;
    const value = child.kind === 'text' ? decodeReferences(this.text.slice(childStart, childStart + child.length)) : this.text.slice(childStart + 9, childStart + child.length - 3);
    if (isWhitespaceText(value)) return current;
    const next = this.d.text(current, value);
    if (next.kind !== 'notAllowed') return next;
    this.report(childStart, childStart + child.length, 'unexpected-text', `Text is not allowed in \`<${element.name}>\` here.`);
    return current;
  }

  /** Takes the remembered runs from `children[index]` on while they fit the state: the index and pattern after them. */
  private replayRuns(
    memo: NodeMemo<ElementValidation>,
    children: readonly ChildNode[],
    index: number,
    input: P,
    start: number,
    namespaces: Namespaces,
    self: Parent,
  ): { index: number; output: P } {
    let current = input;
    const after = memo.replayRuns(children, index, (known, first) => {
      if (known.input !== current || known.scope !== namespaces.key || known.parent !== self.label) return false;
      known.findings.forEach((finding, i) => {
        const base = start + (known.owners?.[i] ?? first).offset;
        this.report(base + finding.start, base + finding.end, finding.code, finding.message);
      });
      current = known.output;
      return true;
    });
    return { index: after, output: current };
  }

  /** Remembers children[run.from, to) as a run, unless the findings were capped. */
  private rememberRun(
    memo: NodeMemo<ElementValidation>,
    children: readonly ChildNode[],
    run: { from: number; input: P; findings: number },
    to: number,
    output: P,
    start: number,
    namespaces: Namespaces,
    self: Parent,
  ): void {
    if (to <= run.from || this.findings.length >= this.maxFindings) return;
    const findings: Finding[] = [];
    const owners: ChildNode[] = [];
    // Findings come in the order of the children they lie in.
    let owner = run.from;
    for (const finding of this.findings.slice(run.findings)) {
      while (owner + 1 < to && start + children[owner + 1].offset <= finding.start) owner++;
      const base = start + children[owner].offset;
      findings.push({ ...finding, start: finding.start - base, end: finding.end - base });
      owners.push(children[owner]);
    }
    const value: ElementValidation = { input: run.input, scope: namespaces.key, parent: self.label, output, findings: findings.length > 0 ? findings : NO_FINDINGS };
    if (owners.length > 0) value.owners = owners;
    memo.setRun(children, run.from, to, value);
    run.from = to;
    run.input = output;
    run.findings = this.findings.length;
  }

  /** After a bad value: the content counts as given, so the end tag raises nothing more. */
  private skipTo(p: P): P {
    return this.d.after(this.d.empty, this.d.endTagForgiving(p));
  }

  private reportUnexpectedElement(element: ElementNode, name: QName, p: P, parent: Parent | undefined, start: number, end: number): void {
    const written = element.name;
    const where = parent ? `in \`${parent.label}\`` : 'as the root element';
    if (parent && earlierSibling(parent.node, element)) {
      // One of its name came before: the usual cause is a second one where only one may be.
      this.report(start, end, 'unexpected-element', `\`<${written}>\` is not allowed again ${where}: it may appear only once there.`);
      return;
    }
    const allowed = unique(this.expect.elementNames(p).map(describeName));
    const suggestion = nearest(name.local, allowed);
    let message = `\`<${written}>\` is not allowed ${where}`;
    message += allowed.length === 0 ? ' (nothing more may come here).' : allowed.length <= 8 ? `; allowed here: ${allowed.map((n) => `\`<${n}>\``).join(', ')}.` : '.';
    if (suggestion) message += ` Did you mean \`<${suggestion}>\`?`;
    this.report(start, end, 'unexpected-element', message);
  }

  private reportAttribute(subject: string, attribute: Attribute, value: string, p: P, start: number, namespaces: Namespaces): void {
    const name = qualified(attribute.name, namespaces, false);
    const candidates = this.expect.attributes(p).filter((a) => containsName(a.name, name));
    const nameStart = start + attribute.nameOffset;
    if (candidates.length === 0) {
      const known = unique(this.expect.attributes(p).map((a) => describeName(a.name)));
      const suggestion = nearest(attribute.name, known);
      let message = `\`${attribute.name}\` is not an attribute of ${subject}`;
      message += known.length > 0 && known.length <= 10 ? `; it takes ${known.map((n) => `\`${n}\``).join(', ')}.` : '.';
      if (suggestion) message += ` Did you mean \`${suggestion}\`?`;
      this.report(nameStart, nameStart + attribute.name.length, 'unexpected-attribute', message);
      return;
    }
    const valueStart = attribute.valueOffset >= 0 ? start + attribute.valueOffset : nameStart;
    const valueEnd = attribute.valueOffset >= 0 ? valueStart + attribute.valueLength : nameStart + attribute.name.length;
    this.report(valueStart, valueEnd, 'bad-attribute-value', `\`${attribute.name}\` ${this.expectedValue(candidates.map((c) => c.p), value)}`);
  }

  private reportText(element: string, p: P, from: number, to: number): void {
    this.report(from, to, 'bad-value', `\`<${element}>\` ${this.expectedValue([p], this.text.slice(from, to))}`);
  }

  /** "must be `static` or `auto`", "must be an integer from 0 to 65535", ... */
  private expectedValue(patterns: P[], value: string): string {
    const values = patterns.flatMap((p) => this.expect.values(p) ?? []);
    if (values.length > 0 && patterns.every((p) => this.expect.values(p) !== undefined)) {
      const listed = unique(values);
      const shown = listed.length <= 12 ? orList(listed.map((v) => `\`${v}\``)) : `one of ${listed.length} names`;
      const suggestion = nearest(value.trim(), listed);
      return `must be ${shown}${suggestion ? `: did you mean \`${suggestion}\`?` : '.'}`;
    }
    const data = patterns.flatMap((p) => this.expect.data(p));
    if (data.length > 0) return `must be ${orList(unique(data.map((q) => this.words.describe(q.source))))}.`;
    return 'has a value that is not allowed here.';
  }

}

/** The element as messages name it: with its `type`, which decides the shape of most of libvirt's elements. */
export interface Parent {
  node: ElementNode;
  /** `<disk type='network'>`, or `<devices>`. */
  label: string;
}

export function labelOf(element: ElementNode, text: Source, start: number): string {
  const type = element.attributes.find((attribute) => attribute.name === 'type' && attribute.valueClosed && attribute.valueOffset >= 0);
  return type ? `<${element.name} type='${attributeValue(text, start, type)}'>` : `<${element.name}>`;
}

/** Whether an element of the same name comes before `element` among its siblings. */
function earlierSibling(parent: ElementNode, element: ElementNode): boolean {
  for (const sibling of parent.children) {
    if (sibling === element) return false;
    if (sibling.kind === 'element' && sibling.name === element.name) return true;
  }
  return false;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** Above this many children, a parent's leaves are memoised too. */
const MANY_SIBLINGS = 64;

function hasChildElement(element: ElementNode): boolean {
  return element.children.some((child) => child.kind === 'element');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The candidate closest to `word` when it looks like a typo of it (edit distance ≤ 2). */
function nearest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (distance < bestDistance && candidate !== word) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
