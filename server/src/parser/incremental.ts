/**
 * Keeps a tree in step with edits, re-parsing only the edited stretch.
 *
 * For an edit, find the deepest element whose content holds it. Re-parse the run of its
 * children the edit touches (plus the text on either side, so text nodes stay maximal); if
 * that run does not parse on its own (an element left open, an end tag of an ancestor, a
 * comment running on), re-parse the element's whole content, then go up one element and try
 * again. At the document, parse everything. The result always equals a fresh parse of the new
 * text (the differential test checks this over random edits).
 */
import { replaceRange } from './arrays';
import { ChildNode, DocumentNode, ElementNode, ParentNode, isClosed } from './nodes';
import { parseDocument, parseFragment } from './parse';
import { EditedText, wholeText } from './pieceText';
import { childIndexAt } from './tree';

export interface Edit {
  /** Replaced range in the old text. */
  start: number;
  end: number;
  /** Length of the text that replaces it. */
  insertedLength: number;
}

const MAX_LEVELS_TRIED = 4;

interface Level {
  node: ParentNode;
  start: number;
  /** Index, in this level's children, of the next level's node. */
  childIndex: number;
}

/**
 * Applies `edit` to `document` (the tree of the old text) given the new text. Returns the tree
 * of the new text: `document` patched in place, or a new tree after a full parse. `patched` hears
 * of every node changed in place (the edited element and its ancestors), so that what was derived
 * from them can be dropped; nodes it does not name are unchanged or new.
 */
export function applyEdit(document: DocumentNode, edited: string | EditedText, edit: Edit, patched: (node: ParentNode) => void = () => {}): DocumentNode {
  const newText = typeof edited === 'string' ? wholeText(edited) : edited;
  const delta = edit.insertedLength - (edit.end - edit.start);
  const levels = containersOf(document, edit);
  // Each failed level re-parses more than the one below it; past a few, climbing element by
  // element through a deep tree would cost more than parsing the document once.
  const lowest = Math.max(1, levels.length - MAX_LEVELS_TRIED);
  for (let depth = levels.length - 1; depth >= lowest; depth--) {
    const level = levels[depth];
    const element = level.node as ElementNode;
    const names = enclosingNames(levels, depth);
    if (!element.hasUnclosedChild && reparseTouchedChildren(level, names, newText, edit, delta)) {
      shiftEnclosing(levels, depth, delta, patched);
      return document;
    }
    if (reparseContent(element, level.start, names, newText, delta)) {
      shiftEnclosing(levels, depth, delta, patched);
      return document;
    }
  }
  if (levels.length <= MAX_LEVELS_TRIED && !document.hasUnclosedChild && reparseTouchedChildren(levels[0], [], newText, edit, delta)) {
    document.length += delta;
    patched(document);
    return document;
  }
  return parseDocument(newText.whole());
}

/** The document, then each element whose content (not its tags) holds the whole edit. */
function containersOf(document: DocumentNode, edit: Edit): Level[] {
  const levels: Level[] = [{ node: document, start: 0, childIndex: -1 }];
  let parent: ParentNode = document;
  let parentStart = 0;
  for (;;) {
    const index = childIndexAt(parent.children, edit.start - parentStart);
    if (index < 0) break;
    const child: ChildNode = parent.children[index];
    if (child.kind !== 'element' || child.endTagOffset < 0 || !child.startTagClosed) break;
    const start = parentStart + child.offset;
    if (edit.start < start + child.startTagLength || edit.end > start + child.endTagOffset) break;
    levels[levels.length - 1].childIndex = index;
    levels.push({ node: child, start, childIndex: -1 });
    parent = child;
    parentStart = start;
  }
  return levels;
}

/**
 * Names of the elements a full parse has open where the container's content starts: the
 * container and its ancestors, and also every element before them that is never closed. Such
 * an element stays open until recovery closes it further on, and only then gives back the
 * elements after it, so an end tag of its name inside the fragment would close it there.
 */
function enclosingNames(levels: Level[], depth: number): string[] {
  const names: string[] = [];
  for (let i = 0; i <= depth; i++) {
    const node = levels[i].node;
    if (node.kind === 'element') names.push(node.name);
    if (i < depth && node.hasUnclosedChild) {
      for (let k = 0; k < levels[i].childIndex; k++) addUnclosedNames(node.children[k], names);
    }
  }
  return names;
}

/** The names of `node` and of the elements within it, if it is never closed (all were open together). */
function addUnclosedNames(node: ChildNode, names: string[]): void {
  const pending: ChildNode[] = [node];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.kind !== 'element' || isClosed(next)) continue;
    names.push(next.name);
    if (next.hasUnclosedChild) for (const child of next.children) pending.push(child);
  }
}

/**
 * Re-parses the children the edit touches, with the text nodes next to them, from the end of
 * the child before to the start of the child after (whitespace between them included). False
 * when that stretch does not parse on its own.
 */
function reparseTouchedChildren(level: Level, names: string[], newText: EditedText, edit: Edit, delta: number): boolean {
  const parent = level.node;
  const children = parent.children;
  const from = edit.start - level.start;
  const to = edit.end - level.start;
  // Touched: children overlapping [from, to] or ending/starting right at it.
  let first = childIndexAt(children, from);
  if (first < 0 || children[first].offset + children[first].length < from) first++;
  else if (first > 0 && children[first - 1].offset + children[first - 1].length === from) first--;
  let last = childIndexAt(children, to);
  // Text next to the stretch could merge with text it produces.
  if (first > 0 && children[first - 1].kind === 'text') first--;
  if (last + 1 < children.length && children[last + 1].kind === 'text') last++;
  const previous = children[first - 1];
  const next = children[last + 1];
  const rangeStart = previous ? previous.offset + previous.length : contentStartOf(parent);
  const rangeEnd = next ? next.offset : contentEndOf(parent);
  const fragmentStart = level.start + rangeStart;
  const fragmentLimit = level.start + rangeEnd + delta;
  const result = parseFragment(newText.window(fragmentStart, fragmentLimit), fragmentStart, fragmentLimit, parent, level.start, names, false);
  if (!result) return false;
  if (children.length === 0) {
    // Childless elements share one frozen array (parse.ts NO_CHILDREN): never write to it.
    if (result.children.length > 0) parent.children = result.children;
    return true;
  }
  replaceRange(children, first, Math.max(0, last - first + 1), result.children);
  for (let i = first + result.children.length; i < children.length; i++) children[i].offset += delta;
  return true;
}

function contentStartOf(node: ParentNode): number {
  return node.kind === 'element' ? node.startTagLength : 0;
}

/** In the old text. */
function contentEndOf(node: ParentNode): number {
  return node.kind === 'element' ? node.endTagOffset : node.length;
}

/** Re-parses an element's whole content, closing what is left open as its end tag would. */
function reparseContent(element: ElementNode, start: number, names: string[], newText: EditedText, delta: number): boolean {
  const from = start + element.startTagLength;
  const limit = start + element.endTagOffset + delta;
  const result = parseFragment(newText.window(from, limit), from, limit, element, start, names, true);
  if (!result) return false;
  element.children = result.children;
  element.hasUnclosedChild = result.hasUnclosedChild;
  return true;
}

/** Grows the re-parsed element and its ancestors by `delta` and moves what follows. */
function shiftEnclosing(levels: Level[], depth: number, delta: number, patched: (node: ParentNode) => void): void {
  for (let i = depth; i >= 0; i--) {
    const node = levels[i].node;
    patched(node);
    node.length += delta;
    if (node.kind === 'element') node.endTagOffset += delta;
    if (i < depth) shiftFollowing(node.children, levels[i].childIndex + 1, delta);
  }
}

function shiftFollowing(children: ChildNode[], from: number, delta: number): void {
  for (let i = from; i < children.length; i++) children[i].offset += delta;
}
