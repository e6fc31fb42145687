/**
 * The quote character a completion writes around attribute values: the one the document already
 * uses near the cursor. `virsh dumpxml` writes single quotes, hand-written files often double;
 * a snippet in the other style would make the document mixed. Only the nearest attributes are
 * looked at, so the answer costs the same in a 10 MB document as in a small one.
 */
import { ChildNode, DocumentNode, ParentNode, Quote } from '../parser/nodes';
import { Located, childIndexAt, pathAt } from '../parser/tree';
import { QuoteChar } from '../schema/snippets';


/** Quoted attribute values that decide; a handful agree in any document that is not mixed. */
const SAMPLE = 8;
/** Nodes looked at, at most: a run of elements without attributes must not cost a walk of the document. */
const BUDGET = 256;

class Tally {
  single = 0;
  double = 0;
  budget = BUDGET;

  get done(): boolean {
    return this.single + this.double >= SAMPLE || this.budget <= 0;
  }

  node(node: ChildNode): void {
    this.budget--;
    if (node.kind !== 'element') return;
    for (const attribute of node.attributes) {
      if (attribute.quote === Quote.Single) this.single++;
      else if (attribute.quote === Quote.Double) this.double++;
    }
  }

  /**
   * `node` and what it holds, until the tally is done: the children nearest the cursor first
   * (the last ones when the cursor is after them, `step` -1). A frame per level, so a wide
   * element costs no more than the children looked at.
   */
  subtree(node: ChildNode, step: -1 | 1): void {
    this.node(node);
    if (node.kind !== 'element') return;
    const first = (children: ChildNode[]) => (step < 0 ? children.length - 1 : 0);
    const frames = [{ children: node.children, next: first(node.children) }];
    while (frames.length > 0 && !this.done) {
      const frame = frames[frames.length - 1];
      const child = frame.children[frame.next];
      if (child === undefined) {
        frames.pop();
        continue;
      }
      frame.next += step;
      this.node(child);
      if (child.kind === 'element' && child.children.length > 0) frames.push({ children: child.children, next: first(child.children) });
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
    for (let i = first; i >= 0 && i < children.length && !tally.done; i += step) tally.subtree(children[i], step);
  };
  for (let level = path.length - 1; level >= 0 && !tally.done; level--) {
    const { node } = path[level];
    if (node.kind === 'element') tally.node(node);
    siblings(level, -1);
  }
  for (let level = path.length - 1; level >= 0 && tally.single + tally.double === 0 && !tally.done; level--) siblings(level, 1);
  return tally.double > tally.single ? '"' : "'";
}
