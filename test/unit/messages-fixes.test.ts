/**
 * Quick-fix titles in the user's language (issue 13): every fix a finding offers carries
 * `titleWords` whose English is its `title` and whose Chinese renders whole, over documents
 * broken the ways the mutation harness breaks them (scripts/fixMutations.ts) and libvirt's
 * corpus when ../shared is here: the schema's, the generated values', the sets', the rules' and
 * well-formedness's fixes alike.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analysisOf, mutantsOf, seededRandom } from '../../scripts/fixMutations';
import { fixAllAction } from '../../server/src/features/codeActions';
import { documentFindings } from '../../server/src/features/diagnostics';
import { Fix } from '../../server/src/finding';
import { render } from '../../server/src/messages/words';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { WEB01, bundledSchema } from './helpers/documents';

const schema = bundledSchema();
const HAN = /[\u4e00-\u9fff]/;

/** The fixes of `text`'s findings, with the code of the finding each resolves. */
function fixesOf(text: string): { code: string; fix: Fix }[] {
  return documentFindings(analysisOf(text, schema)).flatMap((finding) => (finding.fixes ?? []).map((fix) => ({ code: finding.code, fix })));
}

/** Titles that are not said in words: "code: title" each. */
function untitled(fixes: { code: string; fix: Fix }[]): string[] {
  const wrong: string[] = [];
  for (const { code, fix } of fixes) {
    if (!fix.titleWords) wrong.push(`${code}: "${fix.title}" has no titleWords`);
    else if (render(fix.titleWords, 'en') !== fix.title) wrong.push(`${code}: "${render(fix.titleWords, 'en')}" is not "${fix.title}"`);
    else if (/\{\w+\}/.test(render(fix.titleWords, 'zh'))) wrong.push(`${code}: a parameter left in "${render(fix.titleWords, 'zh')}"`);
  }
  return wrong;
}

/** WEB01 broken once per line, the ways the schema's fixes and the generated values answer. */
const BROKEN = [
  ['<interface ', '<interfce '],
  ['</interface>', '</interfce>'],
  ["placement='static'", "placment='static'"],
  ["placement='static'", "placement='stat'"],
  ['>destroy<', '>destroi<'],
  ["<source network='default'/>", '<source/>'],
  ["      <target dev='vda' bus='virtio'/>\n", ''],
  ['  <on_poweroff>destroy</on_poweroff>\n', '  <on_poweroff>destroy</on_poweroff>\n  <on_poweroff>restart</on_poweroff>\n'],
  ['  <name>web01</name>\n', '  <name>web01</name>\n  <uuid>not a uuid</uuid>\n'],
  ['  <name>web01</name>\n', '  <name>web01</name>\n  <uuid>6BA7B810 9DAD 11D1 80B4 00C04FD430C8</uuid>\n'],
  ["52:54:00:12:34:56", '52:54:0:12:34:56'],
  ["52:54:00:12:34:56", '53:54:00:12:34:56'],
  ["<memory unit='KiB'>", "<memory unit='GByte'>"],
  ["<memory unit='KiB'>", "<memory unit='mebibytes'>"],
  ["cpuset='1-2,4,6'", "cpuset='4-2, 6'"],
  ["<graphics type='vnc' port='-1'/>", "<graphics type='vnc' port='-1' port='-1'/>"],
];

test('every fix of the schema, the generated values, sets, rules and well-formedness has title words that say its title', () => {
  const fixes: { code: string; fix: Fix }[] = [];
  let text = WEB01;
  for (const [from, to] of BROKEN) {
    assert.ok(WEB01.includes(from), from);
    fixes.push(...fixesOf(WEB01.replace(from, to)));
    text = text.replace(from, to);
  }
  fixes.push(...fixesOf(text));
  assert.deepEqual(untitled(fixes), []);
  const titles = new Set(fixes.map(({ fix }) => fix.titleWords!.key));
  for (const key of ['fixes.change', 'fixes.add', 'fixes.remove', 'fixes.uuid.canonical', 'fixes.uuid.fresh', 'fixes.mac.canonical', 'fixes.mac.fresh'] as const) {
    assert.ok(titles.has(key), `no fix titled by ${key} among ${[...titles].join(', ')}`);
  }
  assert.ok([...titles].some((key) => key.startsWith('wellFormed.')), 'a well-formedness fix among them');
  const fixAll = fixAllAction(analysisOf(text, schema));
  assert.ok(fixAll?.titleWords && render(fixAll.titleWords, 'en') === fixAll.title);
});

test('the schema\'s and the generated values\' titles in Chinese', () => {
  const titleOf = (from: string, to: string, code: string): string[] =>
    fixesOf(WEB01.replace(from, to))
      .filter((found) => found.code === code)
      .map(({ fix }) => render(fix.titleWords!, 'zh'));
  assert.deepEqual(
    fixesOf(WEB01.replace('<interface ', '<interfce ').replace('</interface>', '</interfce>')).map(({ fix }) => render(fix.titleWords!, 'zh')),
    ['改为 `<interface>`'],
  );
  assert.deepEqual(titleOf("<source network='default'/>", '<source/>', 'missing-attribute'), ['添加 `network`']);
  assert.deepEqual(titleOf("      <target dev='vda' bus='virtio'/>\n", '', 'missing-content'), ['添加 `<target>`']);
  assert.deepEqual(titleOf('  <on_poweroff>destroy</on_poweroff>\n', '  <on_poweroff>destroy</on_poweroff>\n  <on_poweroff>restart</on_poweroff>\n', 'unexpected-element'), ['删除这个 `<on_poweroff>`']);
  assert.deepEqual(titleOf('52:54:00:12:34:56', '52:54:0:12:34:56', 'bad-attribute-value'), ['将 MAC 地址改写为 `52:54:00:12:34:56`']);
  assert.deepEqual(titleOf("<memory unit='KiB'>", "<memory unit='GByte'>", 'bad-attribute-value'), ['改为 `GB`', '改为 `GiB`']);
  const security = "  <launchSecurity type='sev-snp'>\n    <reducedPhysBits>1</reducedPhysBits>\n    <cbitpos>47</cbitpos>\n    <policy>0x00030000</policy>\n  </launchSecurity>\n";
  const moved = fixesOf(WEB01.replace('</domain>', `${security}</domain>`))
    .filter(({ fix }) => fix.titleWords?.key.startsWith('fixes.move'))
    .map(({ fix }) => render(fix.titleWords!, 'zh'));
  assert.deepEqual(moved, ['把 `<cbitpos>` 移到 `<reducedPhysBits>` 之前']);
});

/** How many valid corpus documents are mutated, picked by SEED. */
const DOCUMENTS = 150;
const SEED = 13;

test("libvirt's corpus and its mutants: every fix has title words", (t) => {
  const corpus = path.join(SHARED, 'corpus');
  if (!fs.existsSync(corpus)) return t.skip('../shared is not here');
  const random = seededRandom(SEED);
  const files = xmlFilesUnder(corpus);
  const fixes: { code: string; fix: Fix }[] = [];
  let mutated = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    fixes.push(...fixesOf(text));
    if (!file.includes(`${path.sep}valid${path.sep}`) || random(files.length) >= DOCUMENTS) continue;
    mutated++;
    for (const mutant of mutantsOf(text, analysisOf(text, schema), schema, random)) fixes.push(...fixesOf(mutant.text));
  }
  assert.ok(mutated > DOCUMENTS / 2, `${mutated} documents mutated`);
  assert.ok(fixes.length > 500, `${fixes.length} fixes`);
  assert.deepEqual(untitled(fixes), []);
  for (const { code, fix } of fixes) assert.match(render(fix.titleWords!, 'zh'), HAN, `${code}: "${fix.title}"`);
});
