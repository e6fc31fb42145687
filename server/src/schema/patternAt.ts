/**
 * The schema's pattern at a point of a document that is being typed: what completion (and hover)
 * ask the schema. From the root down the point's ancestors, each start tag is derived with its
 * attributes (they pick the shape: `<disk type='network'>` gets the network `<source>`), and the
 * children before the point are derived through, as validation does and with its memo, so the
 * siblings of a large `<devices>` cost a lookup each.
 */
import { decodeReferences, isWhitespaceText } from '../parser/chars';
import { Attribute, ChildNode, DocumentNode, ElementNode, attributeValue } from '../parser/nodes';
import { NodeMemo } from '../parser/parsedDocument';
import { Source } from '../parser/pieceText';
import { Located, childIndexAt } from '../parser/tree';
import { Derivatives, P, QName } from './derivatives';
import { Namespaces, ROOT_SCOPE, afterElement, isNamespaceDeclaration, qualified, scopeOf } from './contentModel';
import { DescribeData, ElementValidation, Parent, TreeValidator, documentQuote, labelOf } from './validate';

/** What the walk needs of a schema (a Schema has both). */
export interface SchemaView {
  readonly derivatives: Derivatives;
  readonly datatypes: DescribeData;
}

export interface DocumentView {
  /** The document's text, read in parts. */
  readonly source: Source;
  readonly tree: DocumentNode;
  /** Validation's memo for this schema (`parsedDocument.memo(schema)`), used and filled. */
  readonly memo?: NodeMemo<ElementValidation>;
}

/** A point in the content of an element, or of the document. */
export interface ContentPoint {
  /** What may come at the point: the content after the start tag and the children before the point. */
  pattern: P;
  /** The content right after the start tag, before any child. */
  contentStart: P;
  namespaces: Namespaces;
  /** The element whose content holds the point; undefined at the top level of the document. */
  element: Located<ElementNode> | undefined;
  /** The names of the child elements after the point, in order. */
  later: QName[];
}

/** A point inside a start tag. */
export interface StartTagPoint {
  /** After `<name` and the tag's attributes (but the one left out): the attributes still open, and the content. */
  pattern: P;
  /** The namespaces in scope inside the element. */
  namespaces: Namespaces;
  name: QName;
}

/**
 * The content of the last of `ancestors` (the document's when there are none) at `offset`,
 * after the children before it; `leaveOut` (the element being typed at the point) does not count.
 * Undefined when the schema has no place for one of the ancestors.
 */
export function contentPatternAt(
  schema: SchemaView,
  document: DocumentView,
  ancestors: readonly Located<ElementNode>[],
  offset: number,
  leaveOut?: ElementNode,
): ContentPoint | undefined {
  const walk = new PointWalk(schema, document);
  const level = walk.descend(ancestors);
  if (!level) return undefined;
  return {
    pattern: walk.through(level, offset, leaveOut),
    contentStart: level.content,
    namespaces: level.namespaces,
    element: level.element,
    later: walk.laterNames(level, offset, leaveOut),
  };
}

/** The start tag of `element`, a child of the last of `ancestors`, without the attribute `leaveOut`. */
export function startTagPatternAt(
  schema: SchemaView,
  document: DocumentView,
  ancestors: readonly Located<ElementNode>[],
  element: Located<ElementNode>,
  leaveOut?: Attribute,
): StartTagPoint | undefined {
  const walk = new PointWalk(schema, document);
  const level = walk.descend(ancestors);
  if (!level) return undefined;
  return walk.openTag(level, walk.through(level, element.start, element.node), element, leaveOut);
}

/** The content of one element on the way down. */
interface Level {
  element: Located<ElementNode> | undefined;
  /** The pattern right after the start tag. */
  content: P;
  namespaces: Namespaces;
  /** The element as validation names it, for its memo. */
  parent: Parent | undefined;
  depth: number;
}

class PointWalk {
  private readonly d: Derivatives;
  private readonly validator: TreeValidator;

  constructor(
    schema: SchemaView,
    private readonly document: DocumentView,
  ) {
    this.d = schema.derivatives;
    // No cap on findings: they are not read, and capped runs would not fill the memo.
    this.validator = new TreeValidator(this.d, schema.datatypes, document.source, documentQuote(document.tree), Infinity, document.memo);
  }

  descend(ancestors: readonly Located<ElementNode>[]): Level | undefined {
    let level: Level = { element: undefined, content: this.d.start(), namespaces: ROOT_SCOPE, parent: undefined, depth: 0 };
    for (const ancestor of ancestors) {
      const tag = this.openTag(level, this.through(level, ancestor.start, ancestor.node), ancestor, undefined);
      if (!tag) return undefined;
      const closed = this.d.startTagClose(tag.pattern);
      // Required attributes not typed yet should not hide the content.
      const content = closed.kind === 'notAllowed' ? this.d.startTagCloseForgiving(tag.pattern) : closed;
      const label = labelOf(ancestor.node, this.document.source, ancestor.start);
      level = {
        element: ancestor,
        content,
        namespaces: tag.namespaces,
        parent: { node: ancestor.node, start: ancestor.start, content, namespaces: tag.namespaces, label },
        depth: level.depth + 1,
      };
    }
    return level;
  }

  /** The level's content after its children that end before `offset`, leaving out `leaveOut`. */
  through(level: Level, offset: number, leaveOut: ElementNode | undefined): P {
    const { source: text } = this.document;
    const children = this.childrenOf(level);
    const base = level.element?.start ?? 0;
    let p = level.content;
    const last = childIndexAt(children, offset - base);
    for (let i = 0; i <= last; i++) {
      const child = children[i];
      const start = base + child.offset;
      // What holds the point (or is text running up to it) is being typed: it is the point, not before it.
      const end = start + child.length;
      if (child === leaveOut || end > offset || (end === offset && child.kind !== 'element')) continue;
      if (child.kind === 'element') {
        p = this.validator.element(child, start, p, level.namespaces, level.parent, level.depth);
      } else if (level.element && (child.kind === 'text' || child.kind === 'cdata')) {
        const value = child.kind === 'text' ? decodeReferences(text.slice(start, start + child.length)) : text.slice(start + 9, start + child.length - 3);
        if (isWhitespaceText(value)) continue;
        const next = this.d.text(p, value);
        if (next.kind !== 'notAllowed') p = next;
      }
    }
    return p;
  }

  laterNames(level: Level, offset: number, leaveOut: ElementNode | undefined): QName[] {
    const children = this.childrenOf(level);
    const base = level.element?.start ?? 0;
    const names: QName[] = [];
    for (let i = Math.max(0, childIndexAt(children, offset - base)); i < children.length; i++) {
      const child = children[i];
      const start = base + child.offset;
      if (child.kind !== 'element' || child === leaveOut || start < offset) continue;
      names.push(qualified(child.name, scopeOf(child, this.document.source, start, level.namespaces), true));
    }
    return names;
  }

  /** After `<name` and the attributes of `element`, whose parent's content is at `p`. */
  openTag(level: Level, p: P, element: Located<ElementNode>, leaveOut: Attribute | undefined): StartTagPoint | undefined {
    const { source: text } = this.document;
    const namespaces = scopeOf(element.node, text, element.start, level.namespaces);
    const name = qualified(element.node.name, namespaces, true);
    let current = this.d.startTagOpen(p, name);
    // Out of place (a second one, or before what it must follow): the shape it has as the first child.
    if (current.kind === 'notAllowed' && p !== level.content) current = this.d.startTagOpen(level.content, name);
    if (current.kind === 'notAllowed') return undefined;
    // As validation derives it, so that its memo serves the content's children here too.
    current = this.d.isolate(current);
    for (const attribute of element.node.attributes) {
      if (attribute === leaveOut || isNamespaceDeclaration(attribute.name)) continue;
      const attributeName = qualified(attribute.name, namespaces, false);
      const value = attribute.valueClosed ? attributeValue(text, element.start, attribute) : undefined;
      let next = this.d.attribute(current, attributeName, value);
      // A bad or half-typed value still says which attribute is there; an unknown one says nothing.
      if (next.kind === 'notAllowed' && value !== undefined) next = this.d.attribute(current, attributeName, undefined);
      if (next.kind !== 'notAllowed') current = next;
    }
    return { pattern: current, namespaces, name };
  }

  private childrenOf(level: Level): readonly ChildNode[] {
    return level.element ? level.element.node.children : this.document.tree.children;
  }
}

/**
 * Whether the children after a point still fit when an element is inserted there, its parent's
 * content being `inserted` after it. A later child that does not fit even without the insertion
 * (an error already) is passed over.
 */
export class LaterChildren {
  private readonly distinct: QName[];
  private readonly skipped = new Map<string, P>();
  private readonly fixpoints = new Map<number, boolean>();
  /** For each later child, whether it is out of place already; and the names that always are. */
  private baseline: { misfit: boolean[]; alwaysMisfit: Set<number> } | undefined;

  constructor(
    private readonly d: Derivatives,
    private readonly point: ContentPoint,
  ) {
    const byKey = new Map<string, QName>();
    for (const name of point.later) byKey.set(nameKey(name), name);
    this.distinct = [...byKey.values()];
  }

  accept(inserted: P): boolean {
    if (this.point.later.length === 0) return true;
    const baseline = (this.baseline ??= this.walkBaseline());
    let p = inserted;
    for (let i = 0; i < this.point.later.length; i++) {
      if (this.isFixpoint(p, baseline.alwaysMisfit)) return true;
      const next = this.skip(p, this.point.later[i]);
      if (next.kind !== 'notAllowed') p = next;
      else if (!baseline.misfit[i]) return false;
    }
    return true;
  }

  private walkBaseline(): { misfit: boolean[]; alwaysMisfit: Set<number> } {
    const misfit: boolean[] = [];
    let p = this.point.pattern;
    for (const name of this.point.later) {
      const next = this.skip(p, name);
      misfit.push(next.kind === 'notAllowed');
      if (next.kind !== 'notAllowed') p = next;
    }
    const alwaysMisfit = new Set<number>();
    this.distinct.forEach((name, index) => {
      const key = nameKey(name);
      if (this.point.later.every((later, i) => misfit[i] || nameKey(later) !== key)) alwaysMisfit.add(index);
    });
    return { misfit, alwaysMisfit };
  }

  /**
   * `p` takes any of the later names and stays itself (zeroOrMore of a choice, in practice):
   * the rest of a long `<devices>` then fits without walking it.
   */
  private isFixpoint(p: P, alwaysMisfit: Set<number>): boolean {
    let fixed = this.fixpoints.get(p.id);
    if (fixed === undefined) {
      fixed = this.distinct.every((name, index) => {
        const next = this.skip(p, name);
        return next === p || (next.kind === 'notAllowed' && alwaysMisfit.has(index));
      });
      this.fixpoints.set(p.id, fixed);
    }
    return fixed;
  }

  private skip(p: P, name: QName): P {
    const key = `${p.id}\u0000${nameKey(name)}`;
    let next = this.skipped.get(key);
    if (!next) {
      next = afterElement(this.d, p, name);
      this.skipped.set(key, next);
    }
    return next;
  }
}

function nameKey(name: QName): string {
  return `${name.ns}\u0000${name.local}`;
}
