/**
 * What the parser shares between nodes and between trees to keep them small (intern.ts, the
 * frozen NO_CHILDREN), and that recovery stays linear; sharing must never be visible.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdit } from '../../server/src/parser/incremental';
import { ElementNode, attributeValue } from '../../server/src/parser/nodes';
import { NO_CHILDREN, parseDocument, recovery } from '../../server/src/parser/parse';
import { Located, walk } from '../../server/src/parser/tree';
import { describeTree } from './helpers/describeTree';

function elements(text: string): Located<ElementNode>[] {
  const found: Located<ElementNode>[] = [];
  walk(parseDocument(text), {
    enter(node, start) {
      if (node.kind === 'element') found.push({ node, start });
    },
  });
  return found;
}

/** Children recovery looks at or moves to close `'<a>\n'.repeat(count)`. */
function recoverySteps(count: number): number {
  const before = recovery.steps;
  const closedBefore = recovery.closed;
  const tree = parseDocument('<a>\n'.repeat(count));
  // Each <a> starts a line at the root's indentation: recovery gives each back, all siblings.
  assert.equal(tree.children.length, count);
  assert.ok(tree.children.every((child) => child.kind === 'element' && child.children.length === 0 && child.problems?.[0].code === 'unclosed-element'));
  assert.equal(recovery.closed - closedBefore, count);
  return recovery.steps - before;
}

test('closing 20,000 unclosed elements is linear work: twice as many take at most twice the steps', () => {
  const small = recoverySteps(10_000);
  const large = recoverySteps(20_000);
  // Moving each given-back element at every level took n²/2 steps: 200 million for 20,000.
  assert.ok(large <= 2 * small + 10, `${small} steps for 10,000, ${large} for 20,000`);
  assert.ok(large <= 5 * 20_000, `${large} steps for 20,000`);
});

test('indentation still decides what an unclosed element keeps, through a chain of them', () => {
  const text = '<root>\n  <a>\n    <b>\n      <c>\n      <d/>\n    <e/>\n  <f/>\n</root>';
  const byName = new Map(elements(text).map((e) => [e.node.name, e.node]));
  const childNames = (name: string) => (byName.get(name) as ElementNode).children.map((child) => (child as ElementNode).name);
  assert.deepEqual(childNames('root'), ['a', 'f']);
  assert.deepEqual(childNames('a'), ['b', 'e']);
  assert.deepEqual(childNames('b'), ['c', 'd']);
  assert.deepEqual(childNames('c'), []);
});

test('elements without children share one frozen array, and an edit inside one gives it its own', () => {
  const text = "<domain>\n  <features><acpi/></features>\n  <on_crash></on_crash>\n</domain>";
  const leaves = elements(text).filter((e) => e.node.children.length === 0);
  assert.deepEqual(leaves.map((e) => e.node.name), ['acpi', 'on_crash']);
  for (const leaf of leaves) assert.equal(leaf.node.children, NO_CHILDREN);
  assert.ok(Object.isFrozen(NO_CHILDREN));
  // Typing into <on_crash></on_crash>: the incremental parser must not write to the shared array.
  let tree = parseDocument(text);
  const at = text.indexOf('</on_crash>');
  const edited = text.slice(0, at) + 'destroy' + text.slice(at);
  tree = applyEdit(tree, edited, { start: at, end: at, insertedLength: 'destroy'.length });
  assert.deepEqual(describeTree(tree), describeTree(parseDocument(edited)));
  assert.equal(NO_CHILDREN.length, 0);
});

test('repeated attributes and attribute lists are one object each; each element still reads its own values', () => {
  const disk = (n: number) => `  <disk type='file' device='disk'>\n    <target dev='vd${n}' bus='virtio'/>\n  </disk>\n`;
  const text = `<devices>\n${disk(1)}${disk(2)}</devices>`;
  const targets = elements(text).filter((e) => e.node.name === 'target');
  const disks = elements(text).filter((e) => e.node.name === 'disk');
  assert.equal(targets.length, 2);
  // Same names, offsets and quotes relative to their element: the same objects.
  assert.equal(disks[0].node.attributes, disks[1].node.attributes);
  assert.equal(targets[0].node.attributes, targets[1].node.attributes);
  // What each says is still read from its own text.
  assert.deepEqual(
    targets.map((e) => attributeValue(text, e.start, e.node.attributes[0])),
    ['vd1', 'vd2'],
  );
  // A longer value makes another attribute, and another list; the first element's is untouched.
  const other = `<devices>\n${disk(1)}${disk(12)}</devices>`;
  const [first, second] = elements(other).filter((e) => e.node.name === 'target');
  assert.equal(first.node.attributes, targets[0].node.attributes);
  assert.notEqual(second.node.attributes, first.node.attributes);
  assert.equal(second.node.attributes[0].valueLength, first.node.attributes[0].valueLength + 1);
  assert.equal(second.node.attributes[0].name, 'dev');
  assert.equal(second.node.attributes[1].nameOffset, first.node.attributes[1].nameOffset + 1);
});
