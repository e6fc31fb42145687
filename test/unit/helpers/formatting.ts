/** Formatting tests' helpers: an analysis without schema, edits applied, and libvirt's layout undone at random. */
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/features/analysis';
import { FormatEdit } from '../../../server/src/features/formatting';
import { ElementNode, ParentNode, Quote, attributeValue } from '../../../server/src/parser/nodes';
import { parseDocument } from '../../../server/src/parser/parse';
import { walk } from '../../../server/src/parser/tree';

export function formattingAnalysis(text: string): Analysis {
  return Analysis.ofText(text, { schema: undefined, host: undefined, limits: { maxProblems: 1000, maxFileSizeMB: 16 } });
}

/** The text with the edits applied; they must be sorted and must not overlap. */
export function applyEdits(text: string, edits: readonly FormatEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of edits) {
    assert.ok(edit.start >= at && edit.end >= edit.start, `edits overlap or go backwards at ${edit.start}`);
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** A random number generator from a seed (a linear congruential one: tests must repeat). */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return (state >>> 7) % n;
  };
}

/**
 * `text` (in libvirt's layout) with its layout undone: every stretch of whitespace formatting
 * owns replaced at random (no blank line between siblings, no line break between attributes:
 * those the formatter keeps), and, when `requoting`, attribute values quoted the other way at
 * random where the value allows it. Text, comments and mixed content are left alone.
 */
export function messUp(text: string, random: (n: number) => number, requoting = true): string {
  const edits: FormatEdit[] = [];
  const pick = (choices: string[]) => choices[random(choices.length)];
  const replace = (start: number, end: number, newText: string) => edits.push({ start, end, newText });
  const within = ['', ' ', '\n', '\t', '  \n    ', '\n\n\n', ' \t\n\t\t'];
  const between = ['', ' ', '\n', '\t\t', '   \n ', '\n        '];
  const inTag = [' ', '  ', '\t', ' \t '];
  const laidOut = (node: ParentNode) => node.children.length > 0 && node.children.every((child) => child.kind !== 'text' && child.kind !== 'cdata');

  const requote = (element: ElementNode, start: number) => {
    for (const attribute of element.attributes) {
      const open = start + attribute.valueOffset;
      const close = open + attribute.valueLength - 1;
      const other = attribute.quote === Quote.Single ? '"' : "'";
      if (!requoting || random(2) === 0 || text.slice(open + 1, close).includes(other)) continue;
      replace(open, open + 1, other);
      replace(close, close + 1, other);
    }
  };
  const messTag = (element: ElementNode, start: number) => {
    let previousEnd = start + 1 + element.name.length;
    for (const attribute of element.attributes) {
      const nameStart = start + attribute.nameOffset;
      replace(previousEnd, nameStart, pick(inTag));
      const equals = text.indexOf('=', nameStart + attribute.name.length);
      replace(equals, equals + 1, pick(['=', ' =', '= ', '\n=\t']));
      previousEnd = start + attribute.valueOffset + attribute.valueLength;
    }
    replace(previousEnd, start + element.startTagLength - (element.selfClosing ? 2 : 1), pick(['', ' ']));
    requote(element, start);
    if (element.endTagOffset >= 0) replace(start + element.length - 1, start + element.length, pick(['>', ' >', '\t>']));
  };

  const stack: { parent: ParentNode; start: number; kept: boolean }[] = [{ parent: parseDocument(text), start: 0, kept: false }];
  while (stack.length > 0) {
    const { parent, start, kept } = stack.pop()!;
    const children = parent.children;
    const arranged = !kept && laidOut(parent);
    if (arranged && parent.kind === 'element') {
      replace(start + parent.startTagLength, start + children[0].offset, pick(within));
      const last = children[children.length - 1];
      replace(start + last.offset + last.length, start + parent.endTagOffset, pick(within));
    }
    for (let k = 0; k < children.length; k++) {
      const child = children[k];
      const childStart = start + child.offset;
      if (arranged && k > 0) {
        const previous = children[k - 1];
        const gapStart = start + previous.offset + previous.length;
        const sameLine = !text.slice(gapStart, childStart).includes('\n');
        // A comment stays on the line of what precedes it, and only there.
        if (child.kind === 'element' || sameLine) replace(gapStart, childStart, child.kind === 'element' ? pick(between) : text.slice(gapStart, childStart));
        else replace(gapStart, childStart, pick(between.filter((gap) => gap.includes('\n'))));
      }
      if (child.kind !== 'element') continue;
      if (kept) requote(child, childStart);
      else messTag(child, childStart);
      if (child.children.length > 0) stack.push({ parent: child, start: childStart, kept: kept || !laidOut(child) });
    }
  }
  return applyEdits(text, edits.sort((a, b) => a.start - b.start));
}

/**
 * What the document says to a reader of XML: elements with their attributes' values, text,
 * comments, CDATA and processing instructions as written, and the whitespace inside an element
 * that holds text or nothing else. Formatting must keep it.
 */
export function meaning(text: string): string[] {
  const said: string[] = [];
  walk(parseDocument(text), {
    enter(node, start) {
      if (node.kind !== 'element') {
        said.push(`${node.kind} ${text.slice(start, start + node.length)}`);
        return;
      }
      said.push(`<${node.name} ${node.attributes.map((attribute) => `${attribute.name}=${JSON.stringify(attributeValue(text, start, attribute))}`).join(' ')}>`);
      const holdsText = node.children.length === 0 || node.children.some((child) => child.kind === 'text' || child.kind === 'cdata');
      if (!holdsText || node.selfClosing) return;
      let at = start + node.startTagLength;
      for (const child of node.children) {
        said.push(`gap ${JSON.stringify(text.slice(at, start + child.offset))}`);
        at = start + child.offset + child.length;
      }
      said.push(`gap ${JSON.stringify(text.slice(at, start + node.endTagOffset))}`);
    },
  });
  return said;
}
