/** Every rule says what it mirrors and why, in our words, and links a real section of libvirt.org. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ParentNode } from '../../server/src/parser/nodes';
import { parseDocument } from '../../server/src/parser/parse';
import { HOST_RULES, RULES, helpIn, runRules } from '../../server/src/rules';
import { Domain } from '../../server/src/rules/domain';
import { Rule } from '../../server/src/rules/rule';
import { SHARED, xmlFilesUnder } from './helpers/corpus';

/** libvirt's rules of the document and those of the host it is meant for (rules/host/). */
const ALL = [...RULES, ...HOST_RULES];
import { copiedPhrase, specAnchors } from './helpers/englishSpec';

test('rules: codes are unique and kebab-case; each names its libvirt function and file, its libvirt message and its help', () => {
  const codes = new Set<string>();
  for (const rule of ALL) {
    assert.match(rule.code, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, rule.code);
    assert.ok(!codes.has(rule.code), `${rule.code} twice`);
    codes.add(rule.code);
    assert.match(rule.libvirt, /^[a-zA-Z]\w+\b.*\(src\/[\w/]+\.c\)$/, `${rule.code}: libvirt names a function and its file`);
    const help = helpIn(rule, 'en');
    assert.ok(help.length > 40 && !help.includes('TODO'), `${rule.code}: help says what libvirt checks and how to fix it`);
    if (rule.stage !== 'accepted') assert.ok(rule.libvirtMessages.length > 0, `${rule.code}: libvirt's own message, for conformance`);
  }
});

test("rules: docs anchors are sections of libvirt's formatdomain, and the help is not copied from it", (t) => {
  const anchors = specAnchors();
  if (!anchors) {
    t.skip('../shared/spec/formatdomain.en.rst not present');
    return;
  }
  for (const rule of ALL) {
    if (rule.docsAnchor) assert.ok(anchors.has(rule.docsAnchor), `${rule.code}: #${rule.docsAnchor} is not a heading of formatdomain.en.rst`);
    const run = copiedPhrase(helpIn(rule, 'en'));
    assert.equal(run, undefined, `${rule.code}: "${run}" copies formatdomain.en.rst`);
  }
});

test("rules: a rule skipped for want of its onlyWith elements would find nothing (corpus documents with them cut out)", (t) => {
  const corpus = path.join(SHARED, 'corpus');
  if (!fs.existsSync(corpus)) {
    t.skip('../shared/corpus not present');
    return;
  }
  // The gated rules by gate, run without their gate.
  const byGate = new Map<string, Rule[]>();
  for (const rule of RULES) {
    if (!rule.onlyWith) continue;
    const key = rule.onlyWith.join(' ');
    byGate.set(key, [...(byGate.get(key) ?? []), { ...rule, onlyWith: undefined }]);
  }
  for (const file of xmlFilesUnder(corpus)) {
    const text = fs.readFileSync(file, 'utf8');
    const tree = parseDocument(text);
    for (const [key, rules] of byGate) {
      const names = new Set(key.split(' '));
      const cuts: [number, number][] = [];
      const visit = (parent: ParentNode, start: number): void => {
        for (const child of parent.children) {
          if (child.kind !== 'element') continue;
          if (names.has(child.name)) cuts.push([start + child.offset, start + child.offset + child.length]);
          else visit(child, start + child.offset);
        }
      };
      visit(tree, 0);
      if (cuts.length === 0) continue;
      let cut = text;
      for (const [from, to] of cuts.reverse()) cut = cut.slice(0, from) + cut.slice(to);
      const domain = Domain.of(cut, parseDocument(cut));
      const found = domain ? runRules(domain, rules) : [];
      assert.deepEqual(found.map((f) => f.code), [], `${path.relative(corpus, file)} without <${key}>`);
    }
  }
});
