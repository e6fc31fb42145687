/**
 * Completion of child elements and closing tags at the cursor.
 * A pure function of (text and tree, offset, content model, docs): the LSP layer only converts.
 */
import { Ch, isNameChar } from '../parser/chars';
import { DocumentNode, ElementNode, isClosed } from '../parser/nodes';
import { Located, childIndexAt } from '../parser/tree';
import { ChildSuggestion, ContentModel } from './childElements';
import { cursorTarget } from './cursor';

export interface CompletionSuggestion {
  label: string;
  kind: 'element' | 'closingTag';
  /** Replaces text[replaceStart, replaceEnd). */
  insertText: string;
  /** insertText uses snippet syntax ($0 marks the cursor). */
  snippet: boolean;
  replaceStart: number;
  replaceEnd: number;
  filterText: string;
  detail: string;
  /** Element name and parent, for documentation looked up by the caller. */
  element?: { name: string; parent: string | undefined };
  sortText: string;
}

export interface CompletionInput {
  text: string;
  tree: DocumentNode;
}

export function completeAt(document: CompletionInput, offset: number, model: ContentModel): CompletionSuggestion[] {
  const { text, tree } = document;
  const target = cursorTarget(tree, offset);
  switch (target.kind) {
    case 'startTagName': {
      const { element, ancestors } = target;
      const nameStart = element.start + 1;
      const nameEnd = nameStart + element.node.name.length;
      // A bare `<name` being typed gets the whole element; renaming an existing tag only the name.
      const whole = !element.node.startTagClosed && element.node.attributes.length === 0;
      return [
        ...childSuggestions(model, ancestors, tree, nameStart, nameEnd, whole ? 'afterLessThan' : 'nameOnly', element.node),
        ...(whole ? closingTagSuggestions(tree, ancestors, nameStart - 1, nameEnd) : []),
      ];
    }
    case 'content': {
      const { ancestors } = target;
      if (text.charCodeAt(offset - 1) === Ch.LessThan) {
        return [
          ...childSuggestions(model, ancestors, tree, offset, offset, 'afterLessThan'),
          ...closingTagSuggestions(tree, ancestors, offset - 1, offset),
        ];
      }
      const wordStart = startOfName(text, offset);
      if (text.charCodeAt(wordStart - 1) === Ch.Slash && text.charCodeAt(wordStart - 2) === Ch.LessThan) {
        return closingTagSuggestions(tree, ancestors, wordStart - 2, offset);
      }
      return [
        ...childSuggestions(model, ancestors, tree, wordStart, offset, 'wholeTag'),
        // Nothing typed yet: the children come first, closing the element last.
        ...closingTagSuggestions(tree, ancestors, wordStart, offset).map((suggestion) => ({ ...suggestion, sortText: `2${suggestion.sortText}` })),
      ];
    }
    case 'strayEndTag': {
      const { tag, ancestors } = target;
      return closingTagSuggestions(tree, ancestors, tag.start, Math.max(offset, tag.start + 2 + tag.node.name.length));
    }
    case 'endTagName': {
      const { element } = target;
      const nameStart = element.start + element.node.endTagOffset + 2;
      return [closingTag(element.node.name, nameStart - 2, nameStart + element.node.name.length)];
    }
    default:
      return [];
  }
}

type InsertStyle = 'afterLessThan' | 'wholeTag' | 'nameOnly';

function childSuggestions(
  model: ContentModel,
  ancestors: Located<ElementNode>[],
  tree: DocumentNode,
  replaceStart: number,
  replaceEnd: number,
  style: InsertStyle,
  editing?: ElementNode,
): CompletionSuggestion[] {
  const names = ancestors.map((a) => a.node.name);
  const parent = ancestors[ancestors.length - 1]?.node;
  const siblings = parent ? parent.children : tree.children;
  const present = new Set<string>();
  for (const child of siblings) if (child.kind === 'element' && child !== editing) present.add(child.name);
  return model
    .childElements(names)
    .filter((child: ChildSuggestion) => child.repeatable || !present.has(child.name))
    .map((child, index) => ({
      label: child.name,
      kind: 'element' as const,
      insertText: style === 'nameOnly' ? child.name : `${style === 'wholeTag' ? '<' : ''}${child.name}>$0</${child.name}>`,
      snippet: style !== 'nameOnly',
      replaceStart,
      replaceEnd,
      filterText: child.name,
      detail: parent ? `child of <${parent.name}>` : 'root element',
      element: { name: child.name, parent: parent?.name },
      sortText: `1${String(index).padStart(4, '0')}`,
    }));
}

/**
 * The elements a `</` at `at` may close, best first: an element just before it that was never
 * closed (recovery may have ended it early, as the cursor sits at its indentation, but it is the
 * one the user is closing), then the element the cursor is in.
 */
export function closingTagNames(tree: DocumentNode, ancestors: Located<ElementNode>[], at: number): string[] {
  const container = ancestors[ancestors.length - 1];
  const children = container ? container.node.children : tree.children;
  const base = container ? container.start : 0;
  const names: string[] = [];
  for (let i = childIndexAt(children, at - base); i >= 0; i--) {
    const child = children[i];
    if (child.kind !== 'element' || base + child.offset >= at) continue;
    if (!isClosed(child)) names.push(child.name);
    break;
  }
  if (container && !names.includes(container.node.name)) names.push(container.node.name);
  return names;
}

function closingTagSuggestions(tree: DocumentNode, ancestors: Located<ElementNode>[], replaceStart: number, replaceEnd: number): CompletionSuggestion[] {
  return closingTagNames(tree, ancestors, replaceStart).map((name, rank) => closingTag(name, replaceStart, replaceEnd, rank));
}

function closingTag(name: string, replaceStart: number, replaceEnd: number, rank = 0): CompletionSuggestion {
  return {
    label: `/${name}`,
    kind: 'closingTag',
    insertText: `</${name}>`,
    snippet: false,
    replaceStart,
    replaceEnd,
    filterText: `</${name}>`,
    detail: `closes <${name}>`,
    sortText: `0${rank}`,
  };
}

function startOfName(text: string, offset: number): number {
  let p = offset;
  while (p > 0 && isNameChar(text.charCodeAt(p - 1))) p--;
  return p;
}
