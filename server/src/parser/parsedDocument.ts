/** A document's text with its tree and line index, kept in step by edits. */
import { Edit, applyEdit } from './incremental';
import { LineIndex, Position } from './lineIndex';
import { DocumentNode, ParentNode } from './nodes';
import { parseDocument } from './parse';

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

/** Something derived per node (e.g. its validation), kept while the node is unchanged. */
export class NodeMemo<T> {
  private readonly entries = new WeakMap<ParentNode, T>();

  get(node: ParentNode): T | undefined {
    return this.entries.get(node);
  }

  set(node: ParentNode, value: T): void {
    this.entries.set(node, value);
  }

  forget(node: ParentNode): void {
    this.entries.delete(node);
  }
}

export class ParsedDocument {
  /** One memo per owner (say, a schema); each edit drops the entries of the nodes it changed in place. */
  private readonly memos = new Map<object, NodeMemo<unknown>>();

  private constructor(
    private currentText: string,
    private currentTree: DocumentNode,
    private lines: LineIndex,
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

  static parse(text: string, maxParsedLength = Number.POSITIVE_INFINITY): ParsedDocument {
    return new ParsedDocument(text, treeFor(text, maxParsedLength), new LineIndex(text), maxParsedLength);
  }

  /** False when the text is over the size limit and has no tree. */
  get parsed(): boolean {
    return this.currentText.length <= this.maxParsedLength;
  }

  get text(): string {
    return this.currentText;
  }

  get tree(): DocumentNode {
    return this.currentTree;
  }

  /** Replaces `range` (or the whole text when absent) with `newText`; says which offsets it replaced. */
  applyChange(newText: string, range?: Range): Edit {
    if (!range) {
      const whole: Edit = { start: 0, end: this.currentText.length, insertedLength: newText.length };
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
    const text = this.currentText.slice(0, start) + inserted + this.currentText.slice(end);
    const wasParsed = this.parsed;
    this.currentText = text;
    if (!this.parsed) this.currentTree = EMPTY_TREE;
    else if (!wasParsed) this.currentTree = parseDocument(text);
    else this.currentTree = patchedOrFresh(this.currentTree, text, { start, end, insertedLength: inserted.length }, (node) => this.forget(node));
    this.lines.applyEdit(text, start, end, inserted.length);
  }

  private replaceAll(text: string): void {
    this.currentText = text;
    this.currentTree = treeFor(text, this.maxParsedLength);
    this.lines = new LineIndex(text);
  }

  private forget(node: ParentNode): void {
    for (const memo of this.memos.values()) memo.forget(node);
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset, this.currentText);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position, this.currentText);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/**
 * The incrementally patched tree; should patching ever throw (it is not meant to), a fresh
 * parse, so one bad edit never leaves the tree out of step with the text.
 */
function patchedOrFresh(tree: DocumentNode, text: string, edit: Edit, patched: (node: ParentNode) => void): DocumentNode {
  try {
    return applyEdit(tree, text, edit, patched);
  } catch {
    return parseDocument(text);
  }
}

function treeFor(text: string, maxParsedLength: number): DocumentNode {
  return text.length <= maxParsedLength ? parseDocument(text) : EMPTY_TREE;
}
