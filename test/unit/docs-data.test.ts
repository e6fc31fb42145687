import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DocsData, ElementDocs, splitKey } from '../../server/src/docs/elementDocs';
import { copiedPhrase, specAnchors } from './helpers/englishSpec';

interface DocEntry {
  section: string;
  link: string;
  markdown: string;
  example?: string;
  attributes?: Record<string, string>;
  values?: Record<string, Record<string, string>>;
}
interface DocsFile {
  language: string;
  source: Record<string, string>;
  entries: Record<string, DocEntry>;
}

// Compiled to out/test/unit; walk up to the checkout that holds schemas/docs.
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'schemas', 'docs', 'zh.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('schemas/docs/zh.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

const root = repoRoot();
const shared = resolve(root, '..', 'shared', 'spec');
const zhSpec = join(shared, 'formatdomain.zh.md');
const enSpec = join(shared, 'formatdomain.en.rst');
const readText = (lang: string) => readFileSync(join(root, 'schemas', 'docs', `${lang}.json`), 'utf8');
const zhText = readText('zh');
const enText = readText('en');
const zh = JSON.parse(zhText) as DocsFile;
const en = JSON.parse(enText) as DocsFile;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** The entry keyed `path`, or else the one entry whose key ends with it. */
function entry(docs: DocsFile, path: string): DocEntry | undefined {
  if (docs.entries[path]) return docs.entries[path];
  const keys = Object.keys(docs.entries).filter((key) => key.endsWith(`/${path}`));
  assert.ok(keys.length <= 1, `${path} ends ${keys.join(', ')}`);
  return keys.length ? docs.entries[keys[0]] : undefined;
}

for (const [lang, docs, text] of [['zh', zh, zhText], ['en', en, enText]] as const) {
  test(`${lang}.json follows the hover-docs format`, () => {
    assert.equal(docs.language, lang);
    assert.equal(typeof docs.source.file, 'string');
    assert.equal(typeof docs.source.generatedBy, 'string');
    assert.equal(text, sortedJson(docs), 'keys sorted, 2-space indent, trailing newline');
    for (const [key, e] of Object.entries(docs.entries)) {
      const where = `${lang} ${key}`;
      assert.match(key, /^[A-Za-z_][\w.-]*(\/[A-Za-z_][\w.-]*)*$/, `${where}: element path`);
      assert.deepEqual(Object.keys(e).filter((k) => !['section', 'link', 'markdown', 'example', 'attributes', 'values'].includes(k)), [], where);
      assert.ok(typeof e.section === 'string' && e.section.trim().length > 0, `${where} section`);
      assert.match(e.link, /^https:\/\/libvirt\.org\/formatdomain\.html#[a-z0-9]+(-[a-z0-9]+)*$/, `${where} link`);
      assert.ok(typeof e.markdown === 'string' && e.markdown.trim().length > 0, `${where} markdown`);
      if (e.example !== undefined) assert.ok(e.example.trim().startsWith('<'), `${where} example is XML`);
      for (const [attr, doc] of Object.entries(e.attributes ?? {})) {
        assert.match(attr, /^[A-Za-z_][\w:.-]*$/, `${where} attribute name`);
        assert.ok(doc.trim().length > 0, `${where} @${attr}`);
      }
      // Per attribute ('' for the element's text), what each listed value means.
      for (const [attr, byValue] of Object.entries(e.values ?? {})) {
        assert.ok(attr === '' || /^[A-Za-z_][\w:.-]*$/.test(attr), `${where} values of ${attr}`);
        for (const [value, doc] of Object.entries(byValue)) assert.ok(value.length > 0 && doc.trim().length > 0, `${where} ${attr}=${value}`);
      }
    }
  });
}

test('zh.json covers the spec broadly and its examples use real libvirt names', () => {
  const keys = Object.keys(zh.entries);
  assert.ok(keys.length >= 150 && keys.length <= 400, `${keys.length} entries`);
  assert.equal(zh.source.file, 'formatdomain.zh.md');
  assert.match(zh.source.sha256, /^[0-9a-f]{64}$/);
  for (const [name, e] of Object.entries(zh.entries)) {
    if (!e.example) continue;
    assert.ok(!/<\/?\s*[^\s\x00-\x7f]/.test(e.example), `${name}: machine-translated element name in example`);
    assert.ok(!/[“”‘’]/.test(e.example), `${name}: typographic quotes in example`);
  }
});

test('zh.json spot checks', () => {
  const vcpu = entry(zh, 'domain/vcpu');
  assert.ok(vcpu?.attributes?.cpuset, 'vcpu documents cpuset');
  assert.match(vcpu.markdown, /虚拟 CPU/);
  assert.ok(entry(zh, 'vcpus/vcpu'), 'vcpu under vcpus is a separate entry');
  // Elements the examples show at one place in the first levels are keyed by their whole path;
  // deeper ones (a disk source's children recur in every backingStore) by parent/name.
  assert.ok(zh.entries['domain/cputune/vcpupin'] && zh.entries['domain/devices/disk']);
  assert.ok(zh.entries['disk/source'] && zh.entries['source/auth'] && zh.entries['backingStore/source']);

  const domain = entry(zh, 'domain');
  assert.match(domain?.markdown ?? '', /管理程序/);
  assert.match(domain?.attributes?.type ?? '', /管理程序/);
  assert.match(domain?.attributes?.id ?? '', /id/);

  assert.match(entry(zh, 'os/type')?.markdown ?? '', /操作系统的类型/);
  assert.match(entry(zh, 'domain/os')?.attributes?.firmware ?? '', /efi/);
  assert.match(entry(zh, 'os/boot')?.attributes?.dev ?? '', /cdrom/);
  assert.ok(entry(zh, 'disk/boot'), 'boot order under disk');
  assert.match(entry(zh, 'acpi/table')?.attributes?.type ?? '', /slic/);
  assert.ok(entry(zh, 'domain/memory') && entry(zh, 'numatune/memory'), 'memory under domain and numatune');
  for (const parent of ['disk', 'interface', 'hostdev', 'filesystem', 'memoryBacking']) {
    assert.ok(entry(zh, `${parent}/source`), `source under ${parent}`);
  }
  // The spec's <大页面>/<锁定>/<丢弃> examples come out under their real names.
  assert.match(entry(zh, 'domain/memoryBacking')?.example ?? '', /<hugepages>[\s\S]*<page size="1" unit="G" nodeset="0-3,5"\/>[\s\S]*<locked\/>[\s\S]*<discard\/>/);
  // The lun example never closes <source>; its <target> still belongs to <disk>.
  assert.ok(!entry(zh, 'source/target'), 'no target under source');
});

test('en.json covers every zh entry and attribute in English', () => {
  for (const [key, z] of Object.entries(zh.entries)) {
    const e = entry(en, key);
    assert.ok(e, `en lacks ${key}`);
    for (const attr of Object.keys(z.attributes ?? {})) assert.ok(e.attributes?.[attr], `en lacks ${key}@${attr}`);
  }
  for (const [key, e] of Object.entries(en.entries)) {
    const valueTexts = Object.values(e.values ?? {}).flatMap((byValue) => Object.values(byValue));
    for (const s of [e.markdown, e.section, ...Object.values(e.attributes ?? {}), ...valueTexts]) assert.ok(!CJK.test(s), `${key}: non-English text`);
  }
  assert.match(entry(en, 'domain/vcpu')?.attributes?.cpuset ?? '', /\^/);
  assert.match(entry(en, 'os/type')?.markdown ?? '', /hvm/);
});

test('zh.json is exactly what the generator makes from the spec', (t) => {
  if (!existsSync(zhSpec)) {
    t.skip(`${zhSpec} not present`);
    return;
  }
  const spec = readFileSync(zhSpec);
  assert.equal(zh.source.sha256, createHash('sha256').update(spec).digest('hex'), 'zh.json was made from this spec');
  const dir = mkdtempSync(join(tmpdir(), 'docs-import-'));
  try {
    const out = join(dir, 'zh.json');
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'import-docs.mjs'), zhSpec, '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(out, 'utf8'), zhText);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every Chinese string in zh.json is the spec own text', (t) => {
  if (!existsSync(zhSpec)) {
    t.skip(`${zhSpec} not present`);
    return;
  }
  // Runs of whitespace are collapsed when joining lines and headings.
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const spec = squash(readFileSync(zhSpec, 'utf8'));
  const check = (where: string, fragment: string) => {
    if (fragment) assert.ok(spec.includes(squash(fragment)), `${where}: "${fragment}" is not in the spec`);
  };
  for (const [name, e] of Object.entries(zh.entries)) {
    check(`${name} section`, e.section);
    for (const line of e.markdown.split('\n')) {
      // The generator adds only `**section**：` and `` `attr`： `` labels around spec text.
      const m = /^(?:- )?(?:\*\*(.+?)\*\*(?:：)?)?(?:`[\w-]+`：)?(.*)$/.exec(line)!;
      check(`${name} heading`, m[1] ?? '');
      check(`${name} markdown`, m[2].trim());
    }
    for (const [attr, doc] of Object.entries(e.attributes ?? {})) check(`${name}@${attr}`, doc);
  }
});

test('en.json prose is not copied from libvirt formatdomain.en.rst', (t) => {
  if (!existsSync(enSpec)) {
    t.skip(`${enSpec} not present`);
    return;
  }
  for (const [name, e] of Object.entries(en.entries)) {
    const valueTexts = Object.values(e.values ?? {}).flatMap((byValue) => Object.values(byValue));
    for (const s of [e.markdown, ...Object.values(e.attributes ?? {}), ...valueTexts]) {
      const run = copiedPhrase(s);
      assert.equal(run, undefined, `${name}: "${run}" copies formatdomain.en.rst`);
    }
  }
});

test('every link points at a section heading of libvirt formatdomain.en.rst', (t) => {
  if (!existsSync(enSpec)) {
    t.skip(`${enSpec} not present`);
    return;
  }
  const anchors = specAnchors()!;
  assert.ok(anchors.has('cpu-allocation') && anchors.has('hard-drives-floppy-disks-cdroms'), 'headings read');
  for (const [lang, docs] of [['zh', zh], ['en', en]] as const) {
    for (const [key, e] of Object.entries(docs.entries)) {
      const anchor = e.link.slice(e.link.indexOf('#') + 1);
      assert.ok(anchors.has(anchor), `${lang} ${key}: #${anchor} is not a heading of formatdomain.en.rst`);
    }
  }
});

test('every element the spec shows and every attribute its text describes has docs in zh and in en', (t) => {
  if (!existsSync(zhSpec)) {
    t.skip(`${zhSpec} not present`);
    return;
  }
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'import-docs.mjs'), zhSpec, '--inventory'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const inventory = JSON.parse(run.stdout) as { elements: Record<string, { shown: string[]; described: string[] }> };
  assert.deepEqual(inventory.elements['domain/cputune/vcpupin'], { shown: ['cpuset', 'vcpu'], described: [] });
  assert.ok(inventory.elements['domain/devices/disk/backingStore/backingStore/format'], 'the backing chain, as deep as the example goes');
  assert.deepEqual(inventory.elements['domain/vcpu'].described, ['cpuset', 'current', 'placement']);
  for (const [language, data] of [['zh', zh], ['en', en]] as const) {
    // One language alone, so the other cannot stand in for it.
    const docs = new ElementDocs([data as unknown as DocsData]);
    for (const [key, { described }] of Object.entries(inventory.elements)) {
      const found = docs.lookup(splitKey(key), language);
      assert.ok(found, `${language} has no entry for ${key}`);
      for (const attribute of described) assert.ok(found.entry.attributes?.[attribute], `${language} ${key} lacks @${attribute}`);
    }
  }
});
