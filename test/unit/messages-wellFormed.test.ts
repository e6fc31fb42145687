/**
 * Well-formedness in the user's language (issue 13): every finding the parser and
 * wellFormedness.ts make, and every fix title, carries catalogue words whose English is exactly
 * the message (or title) and whose Chinese renders whole. A table of broken documents says every
 * `wellFormed.` key of the catalogue; random edits of real documents show no finding without words
 * and no key outside the catalogue (the compiler checks the parser's keys too: problemWords.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkWellFormedness } from '../../server/src/features/wellFormedness';
import { Finding } from '../../server/src/finding';
import { EN } from '../../server/src/messages/en';
import { WELL_FORMED_EN } from '../../server/src/messages/en/wellFormed';
import { Words, render } from '../../server/src/messages/words';
import { parseDocument } from '../../server/src/parser/parse';
import { xmlFilesUnder } from './helpers/corpus';
import { random, randomEdit } from './helpers/randomEdits';

const HAN = /[\u4e00-\u9fff]/;

const findingsOf = (text: string): Finding[] => checkWellFormedness(parseDocument(text), Infinity, undefined, text);

/** `said` renders `english` in English, and in Chinese as Chinese with every parameter filled in; returns its key. */
function expectSaid(said: Words | undefined, english: string, what: string): string {
  assert.ok(said, `${what} has no words: "${english}"`);
  assert.ok(said.key in EN, `${what}: ${said.key} is not in the catalogue`);
  assert.equal(render(said, 'en'), english, `${what}: the English of its words`);
  const chinese = render(said, 'zh');
  assert.doesNotMatch(chinese, /\{\w+\}/, `${what}: a parameter left in "${chinese}"`);
  assert.match(chinese, HAN, `${what}: "${chinese}" is not Chinese`);
  return said.key;
}

/** The keys the findings of `text` and their fixes say, after checking each as above. */
function keysSaid(text: string): string[] {
  const keys: string[] = [];
  for (const finding of findingsOf(text)) {
    keys.push(expectSaid(finding.words, finding.message, `${finding.code} in ${JSON.stringify(text)}`));
    for (const fix of finding.fixes ?? []) keys.push(expectSaid(fix.titleWords, fix.title, `${finding.code}'s fix in ${JSON.stringify(text)}`));
  }
  return keys;
}

/** Between them, these say every `wellFormed.` message and fix title. */
const BROKEN = [
  '<domain>a < b</domain>',
  '<domain>a ]]> b</domain>',
  '<domain>&#1; a & b &lt &foo;</domain>',
  '<domain>\u0001</domain>',
  "<domain type='kvm' , name='x'y='1'/>",
  "<domain type a= b 'c' d=e/>",
  '<domain x=/>',
  "<domain>\n  <vcpu placement='static\n  <memory/>\n</domain>",
  "<domain><name x='1' x='2' y='1' y='1'/></domain>",
  '<domain><a></b></></domain x>',
  '<domain></domain',
  '<domain>\n  <vcpu\n  <memory/>\n</domain>\n</b>\n</>',
  '<domain>\n  <devices>\n    <disk>\n      <source/>\n  </devices>\n</domain>\n',
  '<domain>\n  <devices>\n    <disk>\n      <source/>\n    </devices>\n</domain>\n',
  '<domain><!foo><!-- a -- b --><??><?pi x</domain>',
  '<domain><!-- x',
  '<domain><![CDATA[ x',
  "  <?xml version='1.0'?>\n<!DOCTYPE domain",
  'x<network/><domain/>y<!DOCTYPE domain>',
  '',
];

test('the broken documents say every well-formedness message and fix title, each in English as before and in Chinese', () => {
  const said = new Set(BROKEN.flatMap(keysSaid));
  const catalogue = Object.keys(WELL_FORMED_EN);
  assert.deepEqual(catalogue.filter((key) => !said.has(key)), [], 'keys no document says');
  assert.deepEqual([...said].filter((key) => !catalogue.includes(key)), [], 'keys outside the wellFormed catalogue');
});

test('random edits of real documents: every finding and fix has words from the catalogue, the English exactly as shown', () => {
  const examples = path.resolve(__dirname, '..', '..', '..', 'examples');
  const next = random(13);
  let findings = 0;
  for (const file of xmlFilesUnder(examples)) {
    let text = fs.readFileSync(file, 'utf8');
    for (let i = 0; i < 60; i++) {
      const edit = randomEdit(text, next);
      text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.end);
      findings += keysSaid(text).length;
    }
  }
  assert.ok(findings > 500, `${findings} findings and fixes`);
});

test('a few findings and fix titles in Chinese', () => {
  const chinese = (text: string, code: string) => {
    const finding = findingsOf(text).find((f) => f.code === code);
    assert.ok(finding?.words, code);
    return [render(finding.words, 'zh'), ...(finding.fixes ?? []).map((fix) => render(fix.titleWords!, 'zh'))];
  };
  assert.deepEqual(chinese('<domain>\n  <devices>\n    <disk>\n      <source/>\n  </devices>\n</domain>\n', 'unclosed-element'), [
    '`<disk>` 未闭合：请添加 `</disk>`，或用 `/>` 结束开始标签。',
    '在此处闭合 `<disk>`',
  ]);
  assert.deepEqual(chinese("<domain type='kvm'><vcpu placement=static/></domain>", 'unquoted-attribute-value'), [
    '`placement` 的值必须加引号：`placement="static"`。',
    '给 `static` 加上引号',
  ]);
  assert.deepEqual(chinese('<domain>&lt</domain>', 'bare-ampersand'), [
    '`&lt` 缺少结尾的 `;`。字面的 `&` 必须写成 `&amp;`。',
    '在 `&lt` 后添加 `;`',
    '将 `&` 转义为 `&amp;`',
  ]);
  assert.deepEqual(chinese('<domain/>\n<domain/>', 'extra-root-element'), ['只允许有一个根元素：`<domain>` 出现在根元素 `<domain>` 结束之后。']);
  assert.deepEqual(chinese('<domain>\u0007</domain>', 'invalid-character'), ['XML 中不允许出现字符 U+0007（这是二进制文件吗？）。']);
});
