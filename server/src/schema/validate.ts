/**
 * Schema validation of the parsed tree with positioned findings: the derivative engine decides,
 * and at each point where it says no, this module says what was wrong in the document's terms
 * and recovers, so one bad element does not hide the next.
 */
import { Finding, Fix, shiftFinding } from '../finding';
import { decodeReferences, isWhitespaceText } from '../parser/chars';
import { Attribute, ChildNode, DocumentNode, ElementNode, Quote, attributeValue, elementText, isClosed } from '../parser/nodes';
import { NodeMemo, WIDE } from '../parser/parsedDocument';
import { Source } from '../parser/pieceText';
import { Derivatives, Expectations, P, containsName } from './derivatives';
import { Param, Words, andList, orList, render, words } from '../messages/words';
import { Namespaces, ROOT_SCOPE, commaList, describeName, isNamespaceDeclaration, qualified, requiredNames, scopeOf, uniqueWords } from './contentModel';
import { ValuePlace } from './datatypeWords';
import { ParentContent, SchemaFixes, closeMatches } from './fixes';
import { QuoteChar } from './snippets';

export interface DescribeData {
  /** Words for what a data pattern accepts where it stands (`place`), e.g. "an integer from 0 to 65535". */
  describe(pattern: Extract<P, { kind: 'data' }>['source'], place?: ValuePlace): Words;
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
  /** Offsets relative to the element's start (their fixes' too); for a run, to the start of the child in `owners`. */
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
  // Without a memo to fill, a valid document (most are) needs no more than a yes: the walk that
  // can say what is wrong runs only when there is something to say.
  if (!memo && conforms(d, text, root)) return [];
  const validator = new TreeValidator(d, words, text, documentQuote(tree), maxFindings, memo);
  validator.element(root, root.offset, d.start(), ROOT_SCOPE, undefined, 0);
  return validator.findings;
}

/**
 * The quote of the root's first quoted attribute (`<domain type='kvm'>`): the one fixes write
 * values in where an element has none of its own; libvirt's single quote when there is none.
 * Remembered findings need not know it: an edit of the root's start tag parses the root again,
 * and with it every element the memo knows.
 */
export function documentQuote(tree: DocumentNode): QuoteChar {
  const root = tree.children.find((child): child is ElementNode => child.kind === 'element');
  const quoted = root?.attributes.find((attribute) => attribute.quote !== Quote.None);
  return quoted?.quote === Quote.Double ? '"' : "'";
}

/**
 * Whether the root element matches the grammar: TreeValidator's derivatives, taken in the same
 * order (so true exactly when it would find nothing), without the words, labels and recovery it
 * needs to say what is wrong. The same order matters beyond the answer: the engine numbers
 * patterns as it makes them, and messages list choices in that order, so a check of many
 * documents must leave the engine as TreeValidator would have.
 */
function conforms(d: Derivatives, text: Source, root: ElementNode): boolean {
  return conformingElement(d, text, root, root.offset, d.start(), ROOT_SCOPE, 0).kind !== 'notAllowed';
}

/** The parent's pattern after `element`, as TreeValidator.element has it; notAllowed where it would report. */
function conformingElement(d: Derivatives, text: Source, element: ElementNode, start: number, p: P, outer: Namespaces, depth: number): P {
  const namespaces = scopeOf(element, text, start, outer);
  const open = d.startTagOpen(p, qualified(element.name, namespaces, true));
  return open.kind === 'notAllowed' ? open : d.resume(open, conformingContent(d, text, element, start, d.isolate(open), namespaces, depth));
}

/** What the end tag of `element` leaves of `open` (its start tag's `<name` taken), as TreeValidator.validateElement has it. */
function conformingContent(d: Derivatives, text: Source, element: ElementNode, start: number, open: P, namespaces: Namespaces, depth: number): P {
  let current = open;
  // Indexed loops: this walk runs before V8 optimises it, and an iterator allocates there.
  const attributes = element.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i];
    if (isNamespaceDeclaration(attribute.name)) continue;
    const value = attribute.valueClosed ? attributeValue(text, start, attribute) : undefined;
    current = d.attribute(current, qualified(attribute.name, namespaces, false), value);
    if (current.kind === 'notAllowed') return current;
  }
  let content = d.startTagClose(current);
  if (content.kind === 'notAllowed') return content;
  if (depth >= MAX_DEPTH) return d.endTagForgiving(content);
  if (!hasChildElement(element)) {
    const { value } = elementText(text, start, element);
    const after = d.text(content, value);
    content = isWhitespaceText(value) ? d.choice(content, after) : after;
  } else {
    const children = element.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      const childStart = start + child.offset;
      if (child.kind === 'element') content = conformingElement(d, text, child, childStart, content, namespaces, depth + 1);
      else if (child.kind === 'text' || child.kind === 'cdata') {
        const value = textOf(text, childStart, child);
        if (!isWhitespaceText(value)) content = d.text(content, value);
      }
      if (content.kind === 'notAllowed') return content;
    }
  }
  const after = d.endTag(content);
  // An element not closed yet is still being typed: TreeValidator does not report its missing content.
  return after.kind === 'notAllowed' && !isClosed(element) ? d.endTagForgiving(content) : after;
}

export class TreeValidator {
  readonly findings: Finding[] = [];
  private readonly expect: Expectations;
  private readonly fixes: SchemaFixes;

  constructor(
    private readonly d: Derivatives,
    private readonly words: DescribeData,
    private readonly text: Source,
    /** documentQuote of the document. */
    quote: QuoteChar,
    private readonly maxFindings: number,
    private readonly memo: NodeMemo<ElementValidation> | undefined,
  ) {
    this.expect = new Expectations(d);
    this.fixes = new SchemaFixes(d, this.expect, text, quote);
  }

  /** No more findings are kept: what is found from here on need not be put in words. */
  private get capped(): boolean {
    return this.findings.length >= this.maxFindings;
  }

  /** `fixes` are made only for a finding that is kept (under the cap). */
  private report(start: number, end: number, code: string, said: Words, fixes?: () => (Fix | undefined)[]): void {
    if (this.findings.length >= this.maxFindings) return;
    const finding: Finding = { start, end, severity: 'error', code, message: render(said, 'en'), words: said };
    const given = (fixes?.() ?? []).filter((fix): fix is Fix => fix !== undefined);
    if (given.length > 0) finding.fixes = given;
    this.findings.push(finding);
  }

  /** A remembered finding, its offsets relative to `base`. */
  private replay(finding: Finding, base: number): void {
    if (this.findings.length < this.maxFindings) this.findings.push(shiftFinding(finding, base));
  }

  /** Validates `element` where the parent's content is at `p`; returns the parent's pattern after it. */
  element(element: ElementNode, start: number, p: P, outer: Namespaces, parent: Parent | undefined, depth: number): P {
    const known = this.memo?.get(element);
    if (known && known.input === p && known.scope === outer.key && known.parent === parent?.label) {
      for (const finding of known.findings) this.replay(finding, start);
      return known.output;
    }
    const namespaces = scopeOf(element, this.text, start, outer);
    const open = this.d.startTagOpen(p, qualified(element.name, namespaces, true));
    const before = this.findings.length;
    if (open.kind === 'notAllowed') {
      this.reportUnexpectedElement(element, start, p, namespaces, parent);
      // Its fixes may read the siblings around it, which an edit can change without touching it:
      // remembered with the element only where they do not.
      if (parent && !this.fixes.readsSiblings(parent)) this.remember(element, start, p, outer, parent, p, before);
      return p;
    }
    // The element's content is walked with what follows it set aside (Derivatives.isolate).
    const output = this.d.resume(open, this.validateElement(element, start, this.d.isolate(open), namespaces, parent, depth));
    this.remember(element, start, p, outer, parent, output, before);
    return output;
  }

  /** Remembers what validating `element` from `input` found (the findings from `before` on), when worth it. */
  private remember(element: ElementNode, start: number, input: P, outer: Namespaces, parent: Parent | undefined, output: P, before: number): void {
    // Leaves are cheap to check again and the most numerous: memoised, they would cost memory
    // and save little, except in long runs of siblings (thousands of <vcpupin>), which every
    // edit among them, and every completion or hover after them, would walk again.
    // With the cap reached, the findings are incomplete: not worth keeping.
    const worthKeeping = hasChildElement(element) || (parent !== undefined && parent.node.children.length > MANY_SIBLINGS);
    if (!this.memo || !worthKeeping || this.findings.length >= this.maxFindings) return;
    const findings = this.findings.length === before ? NO_FINDINGS : this.findings.slice(before).map((f) => shiftFinding(f, -start));
    this.memo.set(element, { input, scope: outer.key, parent: parent?.label, output, findings });
  }

  /**
   * Validates an element the parent takes here: `open` is the pattern after its `<name`, what
   * follows the element set aside. Returns what its end tag leaves of `open`.
   */
  private validateElement(element: ElementNode, start: number, open: P, namespaces: Namespaces, parent: Parent | undefined, depth: number): P {
    const nameStart = start + 1;
    const nameEnd = nameStart + element.name.length;
    // "`<source>` in a `<disk type='network'>`": the parent's type decides the shape of most children.
    const subject = parent?.label.includes(' ') ? words('schema.subject.inParent', { element: element.name, parent: parent.label }) : words('schema.subject', { element: element.name });
    let current = open;
    // Unknown attributes the fixes rename to a known one: the one missing, most likely.
    let renamedTo: Set<string> | undefined;
    for (const attribute of element.attributes) {
      if (isNamespaceDeclaration(attribute.name)) continue;
      // A value still being typed (its quote not closed yet) is the parser's to report.
      const value = attribute.valueClosed ? attributeValue(this.text, start, attribute) : undefined;
      const attributeName = qualified(attribute.name, namespaces, false);
      const next = this.d.attribute(current, attributeName, value);
      if (next.kind !== 'notAllowed') {
        current = next;
        continue;
      }
      const rename = this.reportAttribute(subject, element, attribute, value ?? '', current, start, namespaces);
      if (rename) (renamedTo ??= new Set()).add(rename.newText);
      // A known attribute with a bad value still counts as given.
      const forgiven = this.d.attribute(current, attributeName, undefined);
      if (forgiven.kind !== 'notAllowed') current = forgiven;
    }
    let content = this.d.startTagClose(current);
    if (content.kind === 'notAllowed') {
      const missing = requiredNames(this.d, current, 'attribute');
      this.report(
        nameStart,
        nameEnd,
        'missing-attribute',
        missing.length > 0
          ? words(missing.length > 1 ? 'schema.missingAttribute.other' : 'schema.missingAttribute.one', { subject, names: commaList(missing.map((m) => `\`${m}\``)) })
          : words('schema.missingAttribute.unnamed', { subject }),
        () => (missing.some((name) => renamedTo?.has(name)) ? [] : [this.fixes.addAttributes(element, start, current, namespaces)]),
      );
      content = this.d.startTagCloseForgiving(current);
    }
    if (depth >= MAX_DEPTH) return this.d.endTagForgiving(content);
    // The root's type (kvm, xen) rarely decides what its children look like: left out of messages.
    const self: Parent = { node: element, start, content, namespaces, label: depth === 0 ? `<${element.name}>` : labelOf(element, this.text, start) };
    const before = this.findings.length;
    content = this.children(self, start, content, namespaces, depth);
    const after = this.d.endTag(content);
    if (after.kind !== 'notAllowed') return after;
    // An element not closed yet is still being typed: its missing content is not news.
    if (this.findings.length === before && isClosed(element)) {
      const required = requiredNames(this.d, content, 'element');
      const expected = required.length > 0 ? required : unique(this.expect.elementNames(content).map(describeName));
      const list = required.length > 0 ? andList : orList;
      this.report(
        nameStart,
        nameEnd,
        'missing-content',
        expected.length > 0 && expected.length <= 6
          ? words('schema.missingContent', { label: self.label, expected: list(expected.map((n) => `\`<${n}>\``)) })
          : words('schema.missingContent.unnamed', { label: self.label }),
        () => this.fixes.addChildren(element, start, self.content, content, namespaces),
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
        this.reportText(element, start, p, from, to);
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
    const value = textOf(this.text, childStart, child);
    if (isWhitespaceText(value)) return current;
    const next = this.d.text(current, value);
    if (next.kind !== 'notAllowed') return next;
    this.report(childStart, childStart + child.length, 'unexpected-text', words('schema.unexpectedText', { element: element.name }));
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
      known.findings.forEach((finding, i) => this.replay(finding, start + (known.owners?.[i] ?? first).offset));
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
      findings.push(shiftFinding(finding, -(start + children[owner].offset)));
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

  private reportUnexpectedElement(element: ElementNode, start: number, p: P, namespaces: Namespaces, parent: Parent | undefined): void {
    if (this.capped) return;
    const written = element.name;
    const nameStart = start + 1;
    const nameEnd = nameStart + written.length;
    const where = parent ? words('schema.where.in', { parent: parent.label }) : words('schema.where.root');
    if (parent && earlierSibling(parent.node, element)) {
      // One of its name came before: the usual cause is a second one where only one may be.
      const message = words('schema.unexpectedElement.again', { element: written, where });
      this.report(nameStart, nameEnd, 'unexpected-element', message, () => this.fixes.placeChild(element, start, parent, true));
      return;
    }
    const allowed = unique(this.expect.elementNames(p).map(describeName));
    const suggestion = nearest(qualified(written, namespaces, true).local, allowed);
    let message =
      allowed.length === 0
        ? words('schema.unexpectedElement.nothingMore', { element: written, where })
        : allowed.length <= 8
          ? words('schema.unexpectedElement.allowed', { element: written, where, allowed: commaList(allowed.map((n) => `\`<${n}>\``)) })
          : words('schema.unexpectedElement', { element: written, where });
    if (suggestion) message = words('schema.didYouMean.element', { message, suggestion });
    // A name the parent takes elsewhere is moved there; another, renamed to the one allowed here it is a typo of.
    this.report(nameStart, nameEnd, 'unexpected-element', message, () => {
      const moves = parent ? this.fixes.placeChild(element, start, parent, false) : [];
      return moves.length > 0 ? moves : [this.fixes.renameElement(element, start, p, namespaces, parent)];
    });
  }

  /** Reports a bad attribute; returns the fix that renames it, if it is unknown and one is offered. */
  private reportAttribute(subject: Words, element: ElementNode, attribute: Attribute, value: string, p: P, start: number, namespaces: Namespaces): Fix | undefined {
    if (this.capped) return undefined;
    const name = qualified(attribute.name, namespaces, false);
    const candidates = this.expect.attributes(p).filter((a) => containsName(a.name, name));
    const nameStart = start + attribute.nameOffset;
    if (candidates.length === 0) {
      const known = unique(this.expect.attributes(p).map((a) => describeName(a.name)));
      const suggestion = nearest(attribute.name, known);
      let message =
        known.length > 0 && known.length <= 10
          ? words('schema.unexpectedAttribute.takes', { attribute: attribute.name, subject, known: commaList(known.map((n) => `\`${n}\``)) })
          : words('schema.unexpectedAttribute', { attribute: attribute.name, subject });
      if (suggestion) message = words('schema.didYouMean.attribute', { message, suggestion });
      let rename: Fix | undefined;
      this.report(nameStart, nameStart + attribute.name.length, 'unexpected-attribute', message, () => [(rename = this.fixes.renameAttribute(element, start, attribute, p, namespaces))]);
      return rename;
    }
    const valueStart = attribute.valueOffset >= 0 ? start + attribute.valueOffset : nameStart;
    const valueEnd = attribute.valueOffset >= 0 ? valueStart + attribute.valueLength : nameStart + attribute.name.length;
    const patterns = candidates.map((c) => c.p);
    const lists = candidates.map((c) => this.d.listedValues(c));
    const listed = lists.every((list) => list.only) ? unique(lists.flatMap((list) => list.values)) : undefined;
    const place: ValuePlace = { element: element.name, attribute: attribute.name };
    this.report(valueStart, valueEnd, 'bad-attribute-value', this.expectedValue(`\`${attribute.name}\``, place, patterns, listed, value), () => [
      listed && this.fixes.changeAttributeValue(start, attribute, value, listed),
    ]);
    return undefined;
  }

  private reportText(element: ElementNode, start: number, p: P, from: number, to: number): void {
    if (this.capped) return;
    const values = this.expect.values(p);
    const listed = values && unique(values);
    const said = this.expectedValue(`\`<${element.name}>\``, { element: element.name }, [p], listed, this.text.slice(from, to));
    this.report(from, to, 'bad-value', said, () => [listed && this.fixes.changeText(element, start, listed)]);
  }

  /**
   * "`mode` must be `static` or `auto`", "… must be an integer from 0 to 65535", ...; `subject`: the
   * attribute or element as code; `place`: where the value stands, which names some patterns;
   * `listed`: the values the patterns list, when they allow nothing else.
   */
  private expectedValue(subject: string, place: ValuePlace, patterns: P[], listed: string[] | undefined, value: string): Words {
    if (listed) {
      const expected: Param = listed.length <= 12 ? orList(listed.map((v) => `\`${v}\``)) : words('schema.value.oneOfNames', { count: listed.length });
      const suggestion = nearest(value.trim(), listed);
      return suggestion ? words('schema.value.mustBe.suggest', { subject, expected, suggestion }) : words('schema.value.mustBe', { subject, expected });
    }
    const data = patterns.flatMap((p) => this.expect.data(p));
    if (data.length > 0) return words('schema.value.mustBe', { subject, expected: orList(uniqueWords(data.map((q) => this.words.describe(q.source, place)))) });
    return words('schema.value.notAllowed', { subject });
  }

}

/** An element whose children are validated: as messages name it, with its `type`, which decides the shape of most of libvirt's elements. */
export interface Parent extends ParentContent {
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

/** A text child's value (references decoded), or a CDATA section's. */
function textOf(text: Source, childStart: number, child: ChildNode & { kind: 'text' | 'cdata' }): string {
  return child.kind === 'text' ? decodeReferences(text.slice(childStart, childStart + child.length)) : text.slice(childStart + 9, childStart + child.length - 3);
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** Above this many children, a parent's leaves are memoised too. */
const MANY_SIBLINGS = 64;

function hasChildElement(element: ElementNode): boolean {
  // A loop, not some(): a closure made per element, and a call per child, before V8 optimises the walk.
  const children = element.children;
  for (let i = 0; i < children.length; i++) if (children[i].kind === 'element') return true;
  return false;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The candidate `word` is closest to, when it looks like a typo of it or it is one cut short (fixes.ts). */
function nearest(word: string, candidates: string[]): string | undefined {
  return closeMatches(word, candidates)[0]?.candidate;
}
