/**
 * Findings gathered over the whole tree, remembered per element so a keystroke only looks again
 * at the elements the edit patched (the path to it): each element with child elements keeps what
 * its subtree holds, relative to its own start, in a NodeMemo that the parser clears for every
 * element it patches. Leaves are looked at through their parent. Walks are iterative, since
 * documents nest deeply, and the result comes in document order, capped.
 */
import { ChildNode, DocumentNode, ElementNode, ParentNode } from '../parser/nodes';
import { NodeMemo, WIDE } from '../parser/parsedDocument';

/**
 * What one node contributes by itself (not its child elements), in absolute offsets: `start` is
 * the node's own start, `parent` the enclosing element's name (undefined at the top).
 */
export type LocalFindings<T> = (node: ChildNode, start: number, parent: string | undefined) => readonly T[];

/** A finding (or anything with offsets) that can be moved by a distance. */
export interface Placed {
  start: number;
  end: number;
}

/** A subtree's findings: its own, relative to its start, and the child elements that have some, in document order. */
export interface Summary<T> {
  items: (T | ElementNode)[];
}

const NOTHING: Summary<never> = { items: [] };

interface Frame<T> {
  node: ParentNode;
  start: number;
  name: string | undefined;
  index: number;
  items: (T | ElementNode)[];
  /** Of a wide node: where the run of children being summarised starts, and its first item. */
  run: { from: number; items: number } | undefined;
}

const hasChildElements = (element: ElementNode) => element.children.some((child) => child.kind === 'element');

/**
 * Every finding `local` gives for the nodes of `tree`, in document order, at most `max`; `shift`
 * moves a finding by a distance. Subtrees unchanged since the last call with the same `memo` are
 * taken from it; without one, everything is looked at and nothing is remembered.
 */
export function subtreeFindings<T extends Placed>(
  tree: DocumentNode,
  memo: NodeMemo<Summary<T>> | undefined,
  local: LocalFindings<T>,
  shift: (finding: T, by: number) => T,
  max = Number.POSITIVE_INFINITY,
): T[] {
  if (!memo) return allFindings(tree, local, max);
  const summary = summarize(tree, memo, local, shift);
  const found: T[] = [];
  // Depth-first through the summaries, each element's items relative to its start.
  const stack: { items: (T | ElementNode)[]; index: number; start: number }[] = [{ items: summary.items, index: 0, start: 0 }];
  while (stack.length > 0 && found.length < max) {
    const top = stack[stack.length - 1];
    if (top.index >= top.items.length) {
      stack.pop();
      continue;
    }
    const item = top.items[top.index++];
    if (isElement(item)) {
      const start = top.start + item.offset;
      stack.push({ items: (memo.get(item) as Summary<T>).items, index: 0, start });
    } else found.push(top.start === 0 ? item : shift(item, top.start));
  }
  return found;
}

/** What subtreeFindings gives without a memo: each node's own findings, then its descendants', in document order. */
function allFindings<T>(tree: DocumentNode, local: LocalFindings<T>, max: number): T[] {
  const found: T[] = [];
  const stack: { node: ParentNode; start: number; name: string | undefined; index: number }[] = [{ node: tree, start: 0, name: undefined, index: 0 }];
  while (stack.length > 0 && found.length < max) {
    const top = stack[stack.length - 1];
    const children = top.node.children;
    if (top.index >= children.length) {
      stack.pop();
      continue;
    }
    const child = children[top.index++];
    const start = top.start + child.offset;
    const own = local(child, start, top.name);
    for (let i = 0; i < own.length; i++) found.push(own[i]);
    if (child.kind === 'element' && child.children.length > 0) stack.push({ node: child, start, name: child.name, index: 0 });
  }
  return found.length > max ? found.slice(0, max) : found;
}

function isElement(item: unknown): item is ElementNode {
  return (item as ElementNode).kind === 'element' && (item as ElementNode).children !== undefined;
}

/**
 * The summary of the document, computing those of the elements not in `memo` (post-order, without
 * recursion). The children of wide elements are summarised in runs of siblings, remembered in the
 * memo too, so an edit among thousands of devices looks again at one run of them.
 */
function summarize<T extends Placed>(tree: DocumentNode, memo: NodeMemo<Summary<T>>, local: LocalFindings<T>, shift: (finding: T, by: number) => T): Summary<T> {
  const cached = memo.get(tree);
  if (cached) return cached;
  const frameOf = (node: ParentNode, start: number, name: string | undefined, items: (T | ElementNode)[]): Frame<T> => ({
    node,
    start,
    name,
    index: 0,
    items,
    run: node.children.length > WIDE ? { from: -1, items: 0 } : undefined,
  });
  const stack: Frame<T>[] = [frameOf(tree, 0, undefined, [])];
  const relative = (items: (T | ElementNode)[], findings: readonly T[], base: number) => {
    for (const finding of findings) items.push(shift(finding, -base));
  };
  for (;;) {
    const frame = stack[stack.length - 1];
    const children = frame.node.children;
    if (frame.run && frame.index < children.length && frame.run.from !== frame.index) {
      if (frame.run.from < 0 || memo.runEndsBefore(children, frame.run.from, frame.index)) {
        rememberRun(memo, frame, frame.index, shift);
        replayRuns(memo, frame, shift);
        frame.run = { from: frame.index, items: frame.items.length };
        continue;
      }
    }
    if (frame.index < children.length) {
      const child = children[frame.index++];
      const start = frame.start + child.offset;
      if (child.kind === 'element' && hasChildElements(child)) {
        const known = memo.get(child);
        if (known) {
          if (known.items.length > 0) frame.items.push(child);
          continue;
        }
        const items: (T | ElementNode)[] = [];
        relative(items, local(child, start, frame.name), start);
        stack.push(frameOf(child, start, child.name, items));
        continue;
      }
      // A leaf and what it holds (text, comments) count as its parent's own.
      relative(frame.items, local(child, start, frame.name), frame.start);
      if (child.kind === 'element') {
        for (const inner of child.children) relative(frame.items, local(inner, start + inner.offset, child.name), frame.start);
      }
      continue;
    }
    if (frame.run) rememberRun(memo, frame, children.length, shift);
    stack.pop();
    const summary: Summary<T> = frame.items.length > 0 ? { items: frame.items } : (NOTHING as Summary<T>);
    memo.set(frame.node, summary);
    if (stack.length === 0) return summary;
    if (summary.items.length > 0) stack[stack.length - 1].items.push(frame.node as ElementNode);
  }
}

/** Remembers the frame's children from its run's start to `to` as a run: its items, relative to its first child. */
function rememberRun<T extends Placed>(memo: NodeMemo<Summary<T>>, frame: Frame<T>, to: number, shift: (finding: T, by: number) => T): void {
  const run = frame.run as { from: number; items: number };
  if (run.from < 0 || to <= run.from) return;
  const children = frame.node.children;
  const base = children[run.from].offset;
  const items = frame.items.slice(run.items).map((item) => (isElement(item) ? item : shift(item, -base)));
  memo.setRun(children, run.from, to, items.length > 0 ? { items } : (NOTHING as Summary<T>));
}

/** Takes the remembered runs from the frame's next child on, moving its index past them. */
function replayRuns<T extends Placed>(memo: NodeMemo<Summary<T>>, frame: Frame<T>, shift: (finding: T, by: number) => T): void {
  frame.index = memo.replayRuns(frame.node.children, frame.index, (summary, first) => {
    for (const item of summary.items) frame.items.push(isElement(item) ? item : shift(item, first.offset));
    return true;
  });
}
