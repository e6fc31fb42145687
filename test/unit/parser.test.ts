import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeReferences, isWhitespaceText } from '../../server/src/parser/chars';
import { applyEdit } from '../../server/src/parser/incremental';
import { ElementNode, Quote, attributeValue } from '../../server/src/parser/nodes';
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

function problemCodes(text: string): string[] {
  const codes: string[] = [];
  walk(parseDocument(text), {
    enter(node) {
      for (const problem of node.problems ?? []) codes.push(problem.code);
      if (node.kind === 'element') for (const problem of node.endTagProblems ?? []) codes.push(problem.code);
    },
  });
  return codes;
}

test('every token has exact offsets: names, attributes with and without quotes, end tags', () => {
  const text = `<?xml version="1.0"?><!-- c --><domain type='kvm' id=3><![CDATA[x]]><name>a&amp;b</name ></domain>`;
  const tree = parseDocument(text);
  const kinds = tree.children.map((c) => `${c.kind}@${c.offset}+${c.length}`);
  assert.deepEqual(kinds, ['processingInstruction@0+21', 'comment@21+10', 'element@31+67']);
  const [domain, name] = elements(text);
  assert.equal(text.slice(domain.start + 1, domain.start + 1 + domain.node.name.length), 'domain');
  const [type, id] = domain.node.attributes;
  assert.equal(text.substr(domain.start + type.nameOffset, 4), 'type');
  assert.equal(text.substr(domain.start + type.valueOffset, type.valueLength), "'kvm'");
  assert.equal(type.quote, Quote.Single);
  assert.equal(text.substr(domain.start + id.valueOffset, id.valueLength), '3');
  assert.equal(id.quote, Quote.None);
  assert.equal(text.slice(name.start + name.node.endTagOffset, name.start + name.node.length), '</name >');
  assert.equal(domain.node.children[0].kind, 'cdata');
  assert.deepEqual(problemCodes(text), ['unquoted-attribute-value']);
});

test('after `<vcpu placement="sta` mid-file, the following elements keep their exact offsets', () => {
  const good = `<domain>\n  <name>x</name>\n  <memory unit='KiB'>1024</memory>\n  <devices>\n    <disk/>\n  </devices>\n</domain>\n`;
  const broken = good.replace('  <memory', '  <vcpu placement="sta\n  <memory');
  const shift = broken.length - good.length;
  const before = new Map(elements(good).map((e) => [e.node.name, e.start]));
  const after = elements(broken);
  for (const { node, start } of after) {
    if (node.name === 'vcpu' || node.name === 'domain' || node.name === 'name') continue;
    assert.equal(start, before.get(node.name)! + shift, node.name);
  }
  const memory = after.find((e) => e.node.name === 'memory')!;
  assert.equal(memory.node.endTagOffset >= 0, true, '<memory> is still a closed element');
  assert.deepEqual(problemCodes(broken).sort(), ['unclosed-attribute-value', 'unterminated-start-tag']);
});

test('an unclosed <disk> gives its siblings back to <devices>', () => {
  const text = `<devices>\n  <disk type='file'>\n    <source file='a'/>\n  <interface type='network'/>\n  <disk/>\n</devices>`;
  const tree = parseDocument(text);
  const devices = tree.children[0] as ElementNode;
  const names = devices.children.filter((c): c is ElementNode => c.kind === 'element').map((c) => c.name);
  assert.deepEqual(names, ['disk', 'interface', 'disk']);
  const disk = devices.children.find((c) => c.kind === 'element') as ElementNode;
  assert.deepEqual(
    disk.children.filter((c) => c.kind === 'element').map((c) => (c as ElementNode).name),
    ['source'],
  );
  assert.deepEqual(problemCodes(text), ['unclosed-element']);
});

test('well-formedness problems of each kind', () => {
  const cases: [string, string[]][] = [
    ['<a b="1" b="2"/>', ['duplicate-attribute']],
    ['<a b/>', ['missing-attribute-value']],
    ['<a b "x"/>', ['missing-equals']],
    ['<a b="1"c="2"/>', ['missing-space-before-attribute']],
    ['<a>x < y</a>', ['bare-less-than']],
    ['<a>AT&T</a>', ['bare-ampersand']],
    ['<a>&#1;</a>', ['invalid-character-reference']],
    ['<a>]]></a>', ['cdata-end-in-text']],
    ['<a><!-- x -- y --></a>', ['double-hyphen-in-comment']],
    ['<a><!-- x </a>', ['unclosed-element', 'unclosed-comment']],
    ['<a><![CDATA[ x </a>', ['unclosed-element', 'unclosed-cdata']],
    ['<a></b></a>', ['mismatched-end-tag']],
    ['<a></a', ['unterminated-end-tag']],
    ['<a></a x>', ['unexpected-character-in-tag']],
    ['<a><? x ?></a>', ['missing-pi-target']],
    ['<a/><?xml version="1.0"?>', ['misplaced-xml-declaration']],
    ['<!DOCTYPE a [', ['unclosed-doctype']],
    ['<a>\u0001</a>', ['invalid-character']],
    ['<a><!foo></a>', ['unknown-declaration']],
  ];
  for (const [text, expected] of cases) assert.deepEqual(problemCodes(text), expected, text);
});

test('references decode as XML defines them; unknown and malformed ones stay as written', () => {
  assert.equal(decodeReferences('a &lt;b&gt; &amp; &#65;&#x42; &quot;&apos;'), 'a <b> & AB "\'');
  assert.equal(decodeReferences('&foo; &#0; & &amp'), '&foo; &#0; & &amp');
  assert.ok(isWhitespaceText(' \t\r\n') && isWhitespaceText('') && !isWhitespaceText(' x '));
});

// ---- what the parser shares to keep trees small (intern.ts, NO_CHILDREN), and recovery staying linear

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

/** Open elements end tags pass over under `'<a>\n'.repeat(count)`, followed by as many end tags that close nothing (all `</b>`, or each its own name). */
function strayEndTagSearch(count: number, distinctNames: boolean): number {
  const before = recovery.searched;
  const strays = Array.from({ length: count }, (_, i) => (distinctNames ? `</b${i}>` : '</b>')).join('');
  const tree = parseDocument('<a>\n'.repeat(count) + strays);
  let found = 0;
  walk(tree, {
    enter(node) {
      if (node.kind === 'strayEndTag') found += node.problems?.some((problem) => problem.code === 'mismatched-end-tag') ? 1 : 0;
    },
  });
  assert.equal(found, count);
  return recovery.searched - before;
}

test('end tags that close nothing under 20,000 unclosed elements are linear work', () => {
  for (const distinctNames of [false, true]) {
    const small = strayEndTagSearch(10_000, distinctNames);
    const large = strayEndTagSearch(20_000, distinctNames);
    // Each looked at every open element: n² steps, 400 million for 20,000.
    assert.ok(large <= 2 * small + 10, `${small} steps for 10,000, ${large} for 20,000`);
    assert.ok(large <= 3 * 20_000, `${large} steps for 20,000`);
  }
});

test('a document of over 2 MB, whose elements take shared fields from a prototype, reads like a small one and patches like a fresh parse', () => {
  const disk = "  <disk type='file'>\n    <target dev='vda' bus='virtio'/>\n    <blank/>\n  </disk>\n";
  const small = `<domain>\n${disk}</domain>`;
  const large = `<domain>\n${disk.repeat(Math.ceil((2.1 * 1024 * 1024) / disk.length))}</domain>`;
  // The first disk and what is in it, field by field, as a small document's literals hold them.
  assert.deepEqual(describeTree(parseDocument(large)).slice(2, 5), describeTree(parseDocument(small)).slice(2, 5));
  const at = large.indexOf("'vda'", large.length >> 1) + 2;
  const edited = large.slice(0, at) + "x'/><a" + large.slice(at);
  const patched = applyEdit(parseDocument(large), edited, { start: at, end: at, insertedLength: 6 });
  assert.deepEqual(describeTree(patched), describeTree(parseDocument(edited)));
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

test('in a large document repeated attributes and attribute lists are one object each; each element still reads its own values', () => {
  const disk = (n: number) => `  <disk type='file' device='disk'>\n    <target dev='vd${n}' bus='virtio'/>\n  </disk>\n`;
  // Sharing starts at 128 KB of text (parse.ts SHARE_FROM).
  const padding = Array.from({ length: 2500 }, (_, i) => disk(100 + i)).join('');
  const text = `<devices>\n${disk(1)}${disk(2)}${disk(12)}${padding}</devices>`;
  assert.ok(text.length > 128 * 1024);
  const targets = elements(text).filter((e) => e.node.name === 'target');
  const disks = elements(text).filter((e) => e.node.name === 'disk');
  // Same names, offsets and quotes relative to their element: the same objects.
  assert.equal(disks[0].node.attributes, disks[1].node.attributes);
  assert.equal(targets[0].node.attributes, targets[1].node.attributes);
  // What each says is still read from its own text.
  assert.deepEqual(
    targets.slice(0, 3).map((e) => attributeValue(text, e.start, e.node.attributes[0])),
    ['vd1', 'vd2', 'vd12'],
  );
  // A longer value makes another attribute, and another list; the first ones are untouched.
  const [first, , third] = targets;
  assert.notEqual(third.node.attributes, first.node.attributes);
  assert.equal(third.node.attributes[0].valueLength, first.node.attributes[0].valueLength + 1);
  assert.equal(third.node.attributes[0].name, 'dev');
  assert.equal(third.node.attributes[1].nameOffset, first.node.attributes[1].nameOffset + 1);
  assert.equal(first.node.attributes[1], targets[1].node.attributes[1]);
});
