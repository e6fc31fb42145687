import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

interface DocEntry {
  parents: string[];
  section: string;
  markdown: string;
  example?: string;
  attributes?: Record<string, string>;
}
interface DocsFile {
  language: string;
  source: Record<string, string>;
  elements: Record<string, DocEntry[]>;
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

function entry(docs: DocsFile, name: string, parents: string[]): DocEntry | undefined {
  return docs.elements[name]?.find((e) => JSON.stringify(e.parents) === JSON.stringify(parents));
}

for (const [lang, docs, text] of [['zh', zh, zhText], ['en', en, enText]] as const) {
  test(`${lang}.json follows the hover-docs format`, () => {
    assert.equal(docs.language, lang);
    assert.equal(typeof docs.source.file, 'string');
    assert.equal(typeof docs.source.generatedBy, 'string');
    assert.equal(text, sortedJson(docs), 'keys sorted, 2-space indent, trailing newline');
    for (const [name, entries] of Object.entries(docs.elements)) {
      assert.match(name, /^[A-Za-z_][\w.-]*$/, `element name ${name}`);
      assert.ok(Array.isArray(entries) && entries.length > 0, `${name} has entries`);
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        const where = `${lang} ${name}[${i}]`;
        assert.deepEqual(Object.keys(e).filter((k) => !['parents', 'section', 'markdown', 'example', 'attributes'].includes(k)), [], where);
        assert.ok(Array.isArray(e.parents) && e.parents.every((p) => typeof p === 'string' && p.length > 0), `${where} parents`);
        assert.ok(typeof e.section === 'string' && e.section.trim().length > 0, `${where} section`);
        assert.ok(typeof e.markdown === 'string' && e.markdown.trim().length > 0, `${where} markdown`);
        if (e.example !== undefined) assert.ok(e.example.trim().startsWith('<'), `${where} example is XML`);
        for (const [attr, doc] of Object.entries(e.attributes ?? {})) {
          assert.match(attr, /^[A-Za-z_][\w:.-]*$/, `${where} attribute name`);
          assert.ok(doc.trim().length > 0, `${where} @${attr}`);
        }
        const key = JSON.stringify(e.parents);
        assert.ok(!seen.has(key), `${where}: duplicate parents ${key}`);
        seen.add(key);
      });
      // Most specific first: an entry for any parent never hides a parent-specific one.
      const firstGeneric = entries.findIndex((e) => e.parents.length === 0);
      if (firstGeneric >= 0) assert.ok(entries.slice(firstGeneric).every((e) => e.parents.length === 0), `${lang} ${name} order`);
    }
  });
}

test('zh.json covers the spec broadly and its examples use real libvirt names', () => {
  const names = Object.keys(zh.elements);
  assert.ok(names.length >= 100 && names.length <= 250, `${names.length} element names`);
  assert.equal(zh.source.file, 'formatdomain.zh.md');
  assert.match(zh.source.sha256, /^[0-9a-f]{64}$/);
  for (const [name, entries] of Object.entries(zh.elements)) {
    for (const e of entries) {
      if (!e.example) continue;
      assert.ok(!/<\/?\s*[^\s\x00-\x7f]/.test(e.example), `${name}: machine-translated element name in example`);
      assert.ok(!/[“”‘’]/.test(e.example), `${name}: typographic quotes in example`);
    }
  }
});

test('zh.json spot checks', () => {
  const vcpu = entry(zh, 'vcpu', ['domain']);
  assert.ok(vcpu?.attributes?.cpuset, 'vcpu documents cpuset');
  assert.match(vcpu.markdown, /虚拟 CPU/);
  assert.ok(entry(zh, 'vcpu', ['vcpus']), 'vcpu under vcpus is a separate entry');

  const domain = entry(zh, 'domain', []);
  assert.match(domain?.markdown ?? '', /管理程序/);
  assert.match(domain?.attributes?.type ?? '', /管理程序/);
  assert.match(domain?.attributes?.id ?? '', /id/);

  assert.match(entry(zh, 'type', ['os'])?.markdown ?? '', /操作系统的类型/);
  assert.match(entry(zh, 'os', ['domain'])?.attributes?.firmware ?? '', /efi/);
  assert.match(entry(zh, 'boot', ['os'])?.attributes?.dev ?? '', /cdrom/);
  assert.ok(entry(zh, 'boot', ['disk']), 'boot order under disk');
  assert.match(entry(zh, 'table', ['acpi'])?.attributes?.type ?? '', /slic/);
  assert.ok(entry(zh, 'memory', ['domain']) && entry(zh, 'memory', ['numatune']), 'memory under domain and numatune');
  for (const parent of ['disk', 'interface', 'hostdev', 'filesystem', 'memoryBacking']) {
    assert.ok(entry(zh, 'source', [parent]), `source under ${parent}`);
  }
  // The spec's <大页面>/<锁定>/<丢弃> examples come out under their real names.
  assert.match(entry(zh, 'memoryBacking', ['domain'])?.example ?? '', /<hugepages>[\s\S]*<page size="1" unit="G" nodeset="0-3,5"\/>[\s\S]*<locked\/>[\s\S]*<discard\/>/);
  // The lun example never closes <source>; its <target> still belongs to <disk>.
  assert.ok(!entry(zh, 'target', ['source']), 'no target under source');
});

test('en.json covers every zh element, parent set and attribute in English', () => {
  for (const [name, entries] of Object.entries(zh.elements)) {
    for (const z of entries) {
      const e = entry(en, name, z.parents);
      assert.ok(e, `en lacks ${name} under ${JSON.stringify(z.parents)}`);
      for (const attr of Object.keys(z.attributes ?? {})) assert.ok(e.attributes?.[attr], `en lacks ${name}@${attr}`);
    }
  }
  for (const [name, entries] of Object.entries(en.elements)) {
    for (const e of entries) {
      for (const s of [e.markdown, e.section, ...Object.values(e.attributes ?? {})]) assert.ok(!CJK.test(s), `${name}: non-English text`);
    }
  }
  assert.match(entry(en, 'vcpu', ['domain'])?.attributes?.cpuset ?? '', /\^/);
  assert.match(entry(en, 'type', ['os'])?.markdown ?? '', /hvm/);
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
  for (const [name, entries] of Object.entries(zh.elements)) {
    for (const e of entries) {
      check(`${name} section`, e.section);
      for (const line of e.markdown.split('\n')) {
        // The generator adds only `**section**：` and `` `attr`： `` labels around spec text.
        const m = /^(?:- )?(?:\*\*(.+?)\*\*(?:：)?)?(?:`[\w-]+`：)?(.*)$/.exec(line)!;
        check(`${name} heading`, m[1] ?? '');
        check(`${name} markdown`, m[2].trim());
      }
      for (const [attr, doc] of Object.entries(e.attributes ?? {})) check(`${name}@${attr}`, doc);
    }
  }
});

test('en.json prose is not copied from libvirt formatdomain.en.rst', (t) => {
  if (!existsSync(enSpec)) {
    t.skip(`${enSpec} not present`);
    return;
  }
  const words = (s: string) => s.toLowerCase().replace(/[`*"']/g, '').split(/[^a-z0-9]+/).filter(Boolean);
  const rst = ` ${words(readFileSync(enSpec, 'utf8')).join(' ')} `;
  const RUN = 8; // eight words in a row is a copied phrase, not a shared fact
  for (const [name, entries] of Object.entries(en.elements)) {
    for (const e of entries) {
      for (const s of [e.markdown, ...Object.values(e.attributes ?? {})]) {
        const w = words(s);
        for (let i = 0; i + RUN <= w.length; i++) {
          const run = w.slice(i, i + RUN).join(' ');
          assert.ok(!rst.includes(` ${run} `), `${name}: "${run}" copies formatdomain.en.rst`);
        }
      }
    }
  }
});
