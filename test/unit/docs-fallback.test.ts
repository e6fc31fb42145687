/**
 * Docs in the language asked for, part by part, and the other language where it has none, marked
 * as such (issue 13: a Chinese hover is never empty, and never silently English). The Chinese data
 * is the spec's text overlaid with our own (schemas/docs/zh-authored.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocsData, ElementDocs, inLanguage } from '../../server/src/docs/elementDocs';
import { loadElementDocs, overlay } from '../../server/src/docs/loadDocs';
import { schemaPaths } from '../../server/src/docs/schemaPaths';
import { hoverAt } from '../../server/src/features/hover';
import { analysisOf, bundledSchema } from './helpers/documents';

const DOCS_DIR = join(__dirname, '..', '..', '..', 'schemas', 'docs');

const en: DocsData = {
  language: 'en',
  source: {},
  entries: {
    'domain/vcpu': {
      section: 'CPU Allocation',
      markdown: 'Maximum number of vCPUs.',
      attributes: { placement: 'How vCPUs are placed.', cpuset: 'Host CPUs to run on.' },
      values: { placement: { static: 'Pinned to cpuset.' } },
    },
  },
};
const zh: DocsData = {
  language: 'zh',
  source: {},
  entries: { 'domain/vcpu': { section: 'CPU 分配', markdown: '**CPU 分配**', attributes: { cpuset: '可运行的宿主机 CPU。' } } },
};

test('each part comes from the language asked for where it has it, else from the other, with its language', () => {
  const docs = new ElementDocs([en, zh]);
  const doc = docs.elementDoc(['domain', 'vcpu'], 'zh')!;
  assert.deepEqual(doc.section, { text: 'CPU 分配', language: 'zh' });
  // A text that only repeats the section title is no text: the English one stands in.
  assert.deepEqual(doc.markdown, { text: 'Maximum number of vCPUs.', language: 'en' });
  assert.deepEqual([...doc.attributes], [
    ['cpuset', { text: '可运行的宿主机 CPU。', language: 'zh' }],
    ['placement', { text: 'How vCPUs are placed.', language: 'en' }],
  ]);
  assert.deepEqual(docs.attributeDoc(['domain', 'vcpu'], 'placement', 'zh'), { text: 'How vCPUs are placed.', language: 'en' });
  assert.deepEqual(docs.valueDoc(['domain', 'vcpu'], 'placement', 'static', 'zh'), { text: 'Pinned to cpuset.', language: 'en' });
  assert.equal(inLanguage({ text: 'x', language: 'en' }, 'zh'), '*（暂无中文，以下为英文）* x');
  assert.equal(inLanguage({ text: 'x', language: 'zh' }, 'zh'), 'x');
});

test('our Chinese lies over the spec’s part by part: one attribute or value replaces only itself', () => {
  const merged = overlay(zh.entries, {
    'domain/vcpu': { attributes: { placement: '放置方式。' }, values: { placement: { auto: '由 numad 决定。' } } },
    'domain/memory': { markdown: '最大内存。' },
  });
  assert.deepEqual(merged['domain/vcpu'], {
    section: 'CPU 分配',
    markdown: '**CPU 分配**',
    attributes: { cpuset: '可运行的宿主机 CPU。', placement: '放置方式。' },
    values: { placement: { auto: '由 numad 决定。' } },
  });
  assert.deepEqual(merged['domain/memory'], { markdown: '最大内存。' });
});

test('a Chinese hover on the shipped docs is in Chinese on a documented element and attribute', () => {
  const docs = loadElementDocs(DOCS_DIR, (message) => assert.fail(message));
  const analysis = analysisOf("<domain type='kvm'><vcpu placement='static'>2</vcpu></domain>", bundledSchema());
  const at = (needle: string) => analysis.text.indexOf(needle) + 1;
  for (const needle of ['vcpu placement', 'placement=']) {
    const hover = hoverAt(analysis, at(needle), docs, 'zh');
    assert.match(hover?.markdown ?? '', /[\u4e00-\u9fff]/, needle);
    assert.doesNotMatch(hover!.markdown, /暂无中文/, `${needle}: the shipped Chinese covers it`);
  }
});

test('every element and attribute the English docs cover has text in a Chinese hover, Chinese or marked English', () => {
  const docs = loadElementDocs(DOCS_DIR, (message) => assert.fail(message));
  const english = loadElementDocs(DOCS_DIR, () => undefined);
  const paths = schemaPaths(bundledSchema().grammar);
  let checked = 0;
  for (const [path, attributes] of paths) {
    const names = path.split('/');
    const inEnglish = english.elementDoc(names, 'en');
    if (!inEnglish) continue;
    const doc = docs.elementDoc(names, 'zh')!;
    assert.ok(doc.markdown || !inEnglish.markdown, `${path}: no text in a Chinese hover`);
    for (const attribute of attributes) {
      if (!english.attributeDoc(names, attribute, 'en')) continue;
      assert.ok(docs.attributeDoc(names, attribute, 'zh'), `${path} @${attribute}: no text in a Chinese hover`);
      checked++;
    }
  }
  assert.ok(checked > 500, `${checked} attributes checked`);
});

test('Chinese and English docs cover the same entries, texts, attributes and values', () => {
  const read = (file: string) => JSON.parse(readFileSync(join(DOCS_DIR, file), 'utf8')) as DocsData;
  const english = read('en.json').entries;
  const chinese = overlay(read('zh.json').entries, read('zh-authored.json').entries);
  const parts = (entries: DocsData['entries']) => {
    const found = new Set<string>();
    for (const [key, entry] of Object.entries(entries)) {
      if (entry.markdown && entry.markdown !== `**${entry.section}**`) found.add(key);
      if (entry.section) found.add(`${key} §`);
      for (const attribute of Object.keys(entry.attributes ?? {})) found.add(`${key} @${attribute}`);
      for (const [attribute, values] of Object.entries(entry.values ?? {})) for (const value of Object.keys(values)) found.add(`${key} @${attribute}=${value}`);
    }
    return found;
  };
  const inEnglish = parts(english);
  const inChinese = parts(chinese);
  assert.deepEqual([...inEnglish].filter((part) => !inChinese.has(part)), [], 'English parts without Chinese');
  assert.deepEqual([...inChinese].filter((part) => !inEnglish.has(part)), [], 'Chinese parts without English');
  for (const [key, entry] of Object.entries(chinese)) {
    for (const text of [entry.markdown, ...Object.values(entry.attributes ?? {}), ...Object.values(entry.values ?? {}).flatMap(Object.values)]) {
      if (text) assert.match(text, /[\u4e00-\u9fff]/, `${key}: not Chinese: ${text.slice(0, 60)}`);
    }
  }
});
