// Checks the regular expressions in language-configuration.json the way VS Code
// compiles them (plain `new RegExp(source)`, the word pattern global).
// Run: node --test test/grammar/language-configuration.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync(new URL('../../language-configuration.json', import.meta.url), 'utf8'));
const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

/** The word VS Code would select at `column` (the character under the cursor). */
function wordAt(line, column) {
  const re = new RegExp(config.wordPattern, 'g');
  for (const m of line.matchAll(re)) {
    if (m.index <= column && column < m.index + m[0].length) return m[0];
  }
  return undefined;
}

/** The action of the first onEnterRule that applies, as VS Code picks it. */
function onEnter(before, after = '') {
  const rule = config.onEnterRules.find(
    (r) => new RegExp(r.beforeText).test(before) && (r.afterText === undefined || new RegExp(r.afterText).test(after)),
  );
  return rule?.action;
}

test('indent grows after a start tag left open', () => {
  for (const line of ["<domain type='kvm'>", '  <devices>', '<os>', "  <app:owner xmlns:app='urn:x'>", '<a>text', '<b></b><c>']) {
    assert.ok(increase.test(line), line);
  }
  for (const line of ['<vcpu>4</vcpu>', "<boot dev='hd'/>", '</devices>', '<?xml version="1.0"?>', '<!-- note -->', '<!DOCTYPE domain>', "<memory unit='KiB'>524288</memory>", 'plain text']) {
    assert.ok(!increase.test(line), line);
  }
});

test('indent shrinks on a line starting with an end tag', () => {
  for (const line of ['</domain>', '    </devices>', '</app:owner >']) assert.ok(decrease.test(line), line);
  for (const line of ['<devices>', "<vcpu>4</vcpu>", 'text </b>']) assert.ok(!decrease.test(line), line);
});

test('Enter between a start and its end tag opens an indented line', () => {
  assert.deepEqual(onEnter("  <devices>", '</devices>'), { indent: 'indentOutdent' });
  assert.deepEqual(onEnter("<cputune>", ''), { indent: 'indent' });
  assert.equal(onEnter("<boot dev='hd'/>", ''), undefined);
  assert.equal(onEnter('<vcpu>4</vcpu>', ''), undefined);
});

test('Enter inside a comment stays in the comment', () => {
  assert.deepEqual(onEnter('<!-- ', ' -->'), { indent: 'indentOutdent' });
  assert.deepEqual(onEnter('  <!-- a long note', ''), { indent: 'none', appendText: '     ' });
  assert.equal(onEnter('<!-- closed -->', ''), undefined);
});

test('cpusets, machine types, UUIDs and MAC addresses are one word', () => {
  const cases = [
    ["<vcpu placement='static' cpuset='1-4,^3,6'>4</vcpu>", '1-4,^3,6'],
    ["<type arch='x86_64' machine='pc-q35-8.2'>hvm</type>", 'pc-q35-8.2'],
    ["<model type='virtio-net-pci'/>", 'virtio-net-pci'],
    ['<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>', '4dea22b3-1d52-d8f3-2516-782e98ab3fa0'],
    ["<mac address='52:54:00:12:34:56'/>", '52:54:00:12:34:56'],
    ["<memory unit='KiB'>524288</memory>", '524288'],
  ];
  for (const [line, word] of cases) {
    const start = line.indexOf(word);
    assert.equal(wordAt(line, start), word, line);
    assert.equal(wordAt(line, start + word.length - 1), word, line);
  }
  // Tag names and attribute names stay separate from their punctuation.
  assert.equal(wordAt('</devices>', 3), 'devices');
  assert.equal(wordAt("<vcpu placement='static'>", 8), 'placement');
  assert.equal(wordAt('web server, staging', 8), 'server');
});

test('folding markers match region comments', () => {
  const start = new RegExp(config.folding.markers.start);
  const end = new RegExp(config.folding.markers.end);
  assert.ok(start.test('  <!-- #region devices -->'));
  assert.ok(end.test('  <!-- #endregion -->'));
  assert.ok(!start.test('  <!-- #endregion -->'));
  assert.ok(!start.test('<!-- regional settings -->'));
});

test('quotes, comments and CDATA auto-close, never inside strings or comments', () => {
  const opens = config.autoClosingPairs.map((p) => p.open);
  assert.deepEqual(opens, ['"', "'", '<!--', '<![CDATA[']);
  for (const pair of config.autoClosingPairs) assert.deepEqual(pair.notIn, ['string', 'comment']);
});
