/**
 * The quote character a completion writes around attribute values: the one the document already
 * uses near the cursor. `virsh dumpxml` writes single quotes, hand-written files often double;
 * a snippet in the other style would make the document mixed. Only the nearest attributes are
 * looked at, so the answer costs the same in a 10 MB document as in a small one.
 */
import { ChildNode, DocumentNode, ElementNode, ParentNode, Quote } from '../parser/nodes';
import { Located, childIndexAt, pathAt } from '../parser/tree';

export type QuoteChar = "'" | '"';

/** Quoted attribute values that decide; a handful agree in any document that is not mixed. */
const SAMPLE = 8;
/** Elements looked at, at most: a run of elements without attributes must not cost a walk of the document. */
const BUDGET = 256;

class Tally {
  single = 0;
  double = 0;
  budget = BUDGET;

  get done(): boolean {
    return this.single + this.double >= SAMPLE || this.budget <= 0;
  }

  element(element: ElementNode): void {
    this.budget--;
    for (const attribute of element.attributes) {
      if (attribute.quote === Quote.Single) this.single++;
      else if (attribute.quote === Quote.Double) this.double++;
    }
  }

  /** `node` and what it holds, until the tally is done. */
  subtree(node: ChildNode): void {
    const stack: ChildNode[] = [node];
    while (stack.length > 0 && !this.done) {
      const next = stack.pop() as ChildNode;
      if (next.kind !== 'element') continue;
      this.element(next);
      for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]);
    }
  }
}

/**
 * The quote of most of the attributes nearest `offset`: those of the elements the cursor is in
 * and of the siblings before it at each level (with their content), then, when there are none
 * before it, those after it. Single quotes, as libvirt writes them, when the document has none.
 */
export function quoteAt(tree: DocumentNode, offset: number): QuoteChar {
  const tally = new Tally();
  const path = pathAt(tree, offset).filter((entry): entry is Located<ParentNode> => entry.node.kind === 'element' || entry.node.kind === 'document');
  const siblings = (level: number, step: -1 | 1): void => {
    const { node, start } = path[level];
    const children = node.children;
    const at = childIndexAt(children, offset - start);
    // The child the cursor is in was counted one level down.
    const first = step > 0 ? at + 1 : children[at] === path[level + 1]?.node ? at - 1 : at;
    for (let i = first; i >= 0 && i < children.length && !tally.done; i += step) tally.subtree(children[i]);
  };
  for (let level = path.length - 1; level >= 0 && !tally.done; level--) {
    const { node } = path[level];
    if (node.kind === 'element') tally.element(node);
    siblings(level, -1);
  }
  for (let level = path.length - 1; level >= 0 && tally.single + tally.double === 0 && !tally.done; level--) siblings(level, 1);
  return tally.double > tally.single ? '"' : "'";
}
