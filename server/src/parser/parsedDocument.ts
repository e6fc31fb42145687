/** A document's text with its tree and line index, kept in step by edits. */
import { Edit, applyEdit } from './incremental';
import { LineIndex, Position } from './lineIndex';
import { ChildNode, DocumentNode, ParentNode } from './nodes';
import { parseDocument } from './parse';
import { PieceText, Source } from './pieceText';

export interface Range {
  start: Position;
  end: Position;
}

const EMPTY_TREE: DocumentNode = Object.freeze({
  kind: 'document',
  offset: 0,
  length: 0,
  problems: undefined,
  entityReferences: undefined,
  children: [],
  hasUnclosedChild: false,
}) as DocumentNode;

/** Children a run of siblings holds at most: an edit among wide siblings redoes one run. */
export const RUN_LENGTH = 64;
/** Elements with more children than this have their children remembered in runs. */
export const WIDE = 2 * RUN_LENGTH;

/** What was derived from a run of consecutive siblings, valid while each of them is unchanged. */
export interface SiblingRun<T> {
  readonly nodes: readonly ChildNode[];
  readonly value: T;
}

interface StoredRun<T> extends SiblingRun<T> {
  stale: boolean;
}

/**
 * Something derived per node (e.g. its validation), kept while the node is unchanged; and, for
 * the children of wide elements, per run of siblings, so a keystroke among 40,000 devices looks
 * at a few hundred runs instead of every device.
 */
export class NodeMemo<T> {
  private readonly entries = new WeakMap<ParentNode, T>();
  /** Runs by their first node. */
  private readonly runsByFirst = new WeakMap<ChildNode, StoredRun<T>>();
  /** The latest run holding each element: an edit inside the element ends that run. */
  private readonly runOfElement = new WeakMap<ChildNode, StoredRun<T>>();

  get(node: ParentNode): T | undefined {
    return this.entries.get(node);
  }

  set(node: ParentNode, value: T): void {
    this.entries.set(node, value);
  }

  forget(node: ParentNode): void {
    this.entries.delete(node);
    const run = node.kind === 'element' ? this.runOfElement.get(node) : undefined;
    if (run) run.stale = true;
  }

  /** The run remembered from `children[index]` on, if its nodes are still there, unchanged. */
  runAt(children: readonly ChildNode[], index: number): SiblingRun<T> | undefined {
    const run = this.runsByFirst.get(children[index]);
    if (!run || run.stale || index + run.nodes.length > children.length) return undefined;
    const nodes = run.nodes;
    for (let k = 1; k < nodes.length; k++) if (children[index + k] !== nodes[k]) return undefined;
    return run;
  }

  /**
   * Takes the remembered runs from `children[index]` on, one after another, while `take` accepts
   * each (and replays what it holds); returns the index after the last one taken.
   */
  replayRuns(children: readonly ChildNode[], index: number, take: (value: T, first: ChildNode) => boolean): number {
    for (let run = this.runAt(children, index); run && take(run.value, children[index]); run = index < children.length ? this.runAt(children, index) : undefined) {
      index += run.nodes.length;
    }
    return index;
  }

  /** Whether a run being built from `children[runStart]` ends before `children[index]`: full, or a remembered run starts there. */
  runEndsBefore(children: readonly ChildNode[], runStart: number, index: number): boolean {
    return index > runStart && (index - runStart >= RUN_LENGTH || this.runAt(children, index) !== undefined);
  }

  setRun(children: readonly ChildNode[], from: number, to: number, value: T): void {
    if (to <= from) return;
    const run: StoredRun<T> = { nodes: children.slice(from, to), value, stale: false };
    const first = run.nodes[0];
    const replaced = this.runsByFirst.get(first);
    if (replaced) replaced.stale = true;
    this.runsByFirst.set(first, run);
    for (const node of run.nodes) {
      if (node.kind !== 'element') continue;
      // A node is in one live run at a time: older runs through it cannot be trusted again.
      const older = this.runOfElement.get(node);
      if (older) older.stale = true;
      this.runOfElement.set(node, run);
    }
  }
}

export class ParsedDocument {
  /** One memo per owner (say, a schema); each edit drops the entries of the nodes it changed in place. */
  private readonly memos = new Map<object, NodeMemo<unknown>>();

  /**
   * The edits since the tree was last brought up to date, merged into one: the tree's text had
   * [start, end) where the text now has [start, start + insertedLength). A burst of edits is
   * parsed once, when something next reads the tree.
   */
  private pending: Edit | undefined;

  /**
   * Made from `linesOf` when a position is first asked for: `domxml check` asks only for the
   * documents with findings (115 of libvirt's 1,349), and the server at its first diagnostics.
   */
  private lines: LineIndex | undefined;

  private constructor(
    private pieces: PieceText,
    private currentTree: DocumentNode,
    /** The whole text the line index is to be made of, until it is made. */
    private linesOf: string | undefined,
    /** Texts longer than this are tracked but not parsed (their tree is empty). */
    private readonly maxParsedLength: number,
  ) {}

  memo<T>(owner: object): NodeMemo<T> {
    let memo = this.memos.get(owner);
    if (!memo) {
      memo = new NodeMemo<unknown>();
      this.memos.set(owner, memo);
    }
    return memo as NodeMemo<T>;
  }

  /** `pieceLength`: how long the pieces of the text are kept (tests make them short). */
  static parse(text: string, maxParsedLength = Number.POSITIVE_INFINITY, pieceLength?: number): ParsedDocument {
    return new ParsedDocument(new PieceText(text, pieceLength), treeFor(text, maxParsedLength), text, maxParsedLength);
  }

  /** False when the text is over the size limit and has no tree. */
  get parsed(): boolean {
    return this.pieces.length <= this.maxParsedLength;
  }

  /** The text as one string: after an edit of a large document, building it costs a copy. */
  get text(): string {
    return this.pieces.toString();
  }

  /** The text to read parts of, without building it as one string. */
  get source(): Source {
    return this.pieces;
  }

  get length(): number {
    return this.pieces.length;
  }

  get tree(): DocumentNode {
    const edit = this.pending;
    if (edit) {
      this.pending = undefined;
      this.currentTree = patchedOrFresh(this.currentTree, this.pieces, edit, (node) => this.forget(node));
    }
    return this.currentTree;
  }

  /** Replaces `range` (or the whole text when absent) with `newText`; says which offsets it replaced. */
  applyChange(newText: string, range?: Range): Edit {
    if (!range) {
      const whole: Edit = { start: 0, end: this.pieces.length, insertedLength: newText.length };
      this.replaceAll(newText);
      return whole;
    }
    const start = this.offsetAt(range.start);
    const end = Math.max(start, this.offsetAt(range.end));
    this.replace(start, end, newText);
    return { start, end, insertedLength: newText.length };
  }

  /** Replaces text[start, end) with `inserted`. */
  replace(start: number, end: number, inserted: string): void {
    const wasParsed = this.parsed;
    this.pieces.replace(start, end, inserted);
    this.lineIndex().applyEdit(this.pieces, start, end, inserted.length);
    if (this.parsed && wasParsed) {
      this.pending = mergedEdits(this.pending, { start, end, insertedLength: inserted.length });
      return;
    }
    this.pending = undefined;
    this.currentTree = this.parsed ? parseDocument(this.pieces.toString()) : EMPTY_TREE;
  }

  private replaceAll(text: string): void {
    this.pending = undefined;
    this.pieces = new PieceText(text, this.pieces.pieceLength);
    this.currentTree = treeFor(text, this.maxParsedLength);
    this.lines = undefined;
    this.linesOf = text;
  }

  private forget(node: ParentNode): void {
    for (const memo of this.memos.values()) memo.forget(node);
  }

  positionAt(offset: number): Position {
    return this.lineIndex().positionAt(offset, this.pieces);
  }

  offsetAt(position: Position): number {
    return this.lineIndex().offsetAt(position, this.pieces);
  }

  private lineIndex(): LineIndex {
    if (!this.lines) {
      this.lines = new LineIndex(this.linesOf as string);
      this.linesOf = undefined;
    }
    return this.lines;
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** One edit doing what `earlier` and then `later` (in the text `earlier` made) did. */
export function mergedEdits(earlier: Edit | undefined, later: Edit): Edit {
  if (!earlier) return later;
  const earlierEnd = earlier.start + earlier.insertedLength;
  const earlierGrowth = earlier.insertedLength - (earlier.end - earlier.start);
  // Past both edits' ends, the text between them and the original differ by earlierGrowth.
  const coveredEnd = Math.max(earlierEnd, later.end);
  const start = Math.min(earlier.start, later.start);
  const newEnd = coveredEnd + later.insertedLength - (later.end - later.start);
  return { start, end: coveredEnd - earlierGrowth, insertedLength: newEnd - start };
}

/**
 * The incrementally patched tree; should patching ever throw (it is not meant to), a fresh
 * parse, so one bad edit never leaves the tree out of step with the text.
 */
function patchedOrFresh(tree: DocumentNode, text: PieceText, edit: Edit, patched: (node: ParentNode) => void): DocumentNode {
  try {
    return applyEdit(tree, text, edit, patched);
  } catch {
    return parseDocument(text.toString());
  }
}

function treeFor(text: string, maxParsedLength: number): DocumentNode {
  return text.length <= maxParsedLength ? parseDocument(text) : EMPTY_TREE;
}
