/** The message catalogues (issue 13): both languages have the same keys and parameters, and words render in either. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EN } from '../../server/src/messages/en';
import { ZH } from '../../server/src/messages/zh';
import { andList, orList, render, templateParams, words } from '../../server/src/messages/words';
import { RULES } from '../../server/src/rules';
import { ruleFindings } from './helpers/rules';

test('the Chinese catalogue has every English key with the same parameters, and nothing else', () => {
  assert.deepEqual(Object.keys(ZH).sort(), Object.keys(EN).sort());
  for (const [key, english] of Object.entries(EN)) {
    assert.deepEqual(templateParams(ZH[key as keyof typeof EN]), templateParams(english), key);
  }
});

test('words render their parameters, nested words and lists in the language asked for', () => {
  const inner = words('rules.stage.define');
  const said = words('rules.consequence.start', { message: inner });
  assert.equal(render(said, 'en'), '`virsh define` rejects the domain: the guest fails to start.');
  assert.equal(render(said, 'zh'), '`virsh define` 会拒绝这个域：虚拟机将无法启动。');
  const list = words('rules.consequence.accepted', { message: andList(['`a`', '`b`', '`c`']) });
  assert.equal(render(list, 'en'), '`a`, `b` and `c`.');
  assert.equal(render(list, 'zh'), '`a`、`b` 和 `c`。');
  assert.equal(render(words('rules.consequence.accepted', { message: orList(['x', 'y']) }), 'en'), 'x or y.');
  assert.equal(render('plain text', 'zh'), 'plain text');
});

test("a rule's finding keeps its English message and carries words that say it in Chinese", () => {
  const text = "<domain type='kvm'><name>a</name><memory>1</memory><vcpu>1</vcpu><os><type>hvm</type></os><cputune><vcpupin vcpu='3' cpuset='0'/></cputune></domain>";
  const finding = ruleFindings(RULES, text).find((f) => f.code === 'vcpupin-vcpu-out-of-range');
  assert.ok(finding?.words, 'the finding has words');
  assert.equal(render(finding.words, 'en'), finding.message);
  assert.match(render(finding.words, 'zh'), /。$/, 'what libvirt does is said in Chinese');
});
