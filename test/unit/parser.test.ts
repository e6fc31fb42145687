import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeReferences, isWhitespaceText } from '../../server/src/parser/chars';
import { ElementNode, Quote } from '../../server/src/parser/nodes';
import { parseDocument } from '../../server/src/parser/parse';
import { Located, walk } from '../../server/src/parser/tree';

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
