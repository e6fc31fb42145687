/** Every rule says what it mirrors and why, in our words, and links a real section of libvirt.org. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOST_RULES, RULES, helpIn } from '../../server/src/rules';

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
