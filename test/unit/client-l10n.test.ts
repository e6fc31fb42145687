/**
 * The extension's own words in Chinese (issue 13): package.json's titles and setting descriptions
 * through package.nls*.json, the client's messages through vscode.l10n's bundle. Both languages
 * have the same keys, the same {0} places, and nothing unused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
const places = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('every %key% of package.json has English and Chinese text, and no text is unused', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
  const english = readJson('package.nls.json');
  const chinese = readJson('package.nls.zh-cn.json');
  assert.deepEqual(Object.keys(english).sort(), [...used].sort());
  assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
  for (const [key, text] of Object.entries(chinese)) assert.ok(text.trim().length > 0, key);
  // Titles and descriptions, not names, are what Chinese readers need in Chinese.
  for (const key of Object.keys(english).filter((k) => k.endsWith('.description') || k.endsWith('.title'))) {
    assert.match(chinese[key], /[\u4e00-\u9fff]/, `${key} is not in Chinese`);
  }
  assert.equal(JSON.parse(manifest).l10n, './l10n');
});

test("every message the client passes to vscode.l10n.t has a Chinese form with the same places", () => {
  const directory = join(ROOT, 'client', 'src');
  const messages = new Set<string>();
  for (const file of readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(directory, file), 'utf8');
    for (const call of source.matchAll(/\b(?:l10n\.t|translate)\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)) {
      messages.add(call[1] !== undefined ? call[1].replace(/\\'/g, "'") : call[2].replace(/\\"/g, '"'));
    }
  }
  assert.ok(messages.size >= 15, `${messages.size} messages found`);
  const bundle = readJson(join('l10n', 'bundle.l10n.zh-cn.json'));
  assert.deepEqual(Object.keys(bundle).sort(), [...messages].sort(), 'the bundle has exactly the messages the client uses');
  for (const [message, chinese] of Object.entries(bundle)) assert.deepEqual(places(chinese), places(message), message);
});
