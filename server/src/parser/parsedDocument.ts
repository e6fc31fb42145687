/** A document's text with its tree and line index, kept in step by edits. */
import { Edit, applyEdit } from './incremental';
import { LineIndex, Position } from './lineIndex';
import { DocumentNode } from './nodes';
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

export class ParsedDocument {
  private constructor(
    private currentText: string,
    private currentTree: DocumentNode,
    private lines: LineIndex,
    /** Texts longer than this are tracked but not parsed (their tree is empty). */
    private readonly maxParsedLength: number,
  ) {}

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

  /** Replaces `range` (or the whole text when absent) with `newText`. */
  applyChange(newText: string, range?: Range): void {
    if (!range) {
      this.replaceAll(newText);
      return;
    }
    const start = this.offsetAt(range.start);
    const end = Math.max(start, this.offsetAt(range.end));
    this.replace(start, end, newText);
  }

  /** Replaces text[start, end) with `inserted`. */
  replace(start: number, end: number, inserted: string): void {
    const text = this.currentText.slice(0, start) + inserted + this.currentText.slice(end);
    const wasParsed = this.parsed;
    this.currentText = text;
    if (!this.parsed) this.currentTree = EMPTY_TREE;
    else if (!wasParsed) this.currentTree = parseDocument(text);
    else this.currentTree = patchedOrFresh(this.currentTree, text, { start, end, insertedLength: inserted.length });
    this.lines.applyEdit(text, start, end, inserted.length);
  }

  private replaceAll(text: string): void {
    this.currentText = text;
    this.currentTree = treeFor(text, this.maxParsedLength);
    this.lines = new LineIndex(text);
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
function patchedOrFresh(tree: DocumentNode, text: string, edit: Edit): DocumentNode {
  try {
    return applyEdit(tree, text, edit);
  } catch {
    return parseDocument(text);
  }
}

function treeFor(text: string, maxParsedLength: number): DocumentNode {
  return text.length <= maxParsedLength ? parseDocument(text) : EMPTY_TREE;
}
