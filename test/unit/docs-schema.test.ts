import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocsData, ElementDocs, sectionAnchor } from '../../server/src/docs/elementDocs';
import { pathsForKey, schemaPaths, schemaValues, unreachableDocs } from '../../server/src/docs/schemaPaths';
import { Grammar } from '../../server/src/schema/patterns';
import { bundledSchema } from './helpers/documents';

const paths = schemaPaths(bundledSchema().grammar);
const values = schemaValues(bundledSchema().grammar);
const DOCS_DIR = join(__dirname, '..', '..', '..', 'schemas', 'docs');
const read = (language: string) => JSON.parse(readFileSync(join(DOCS_DIR, `${language}.json`), 'utf8')) as DocsData;

test('schema paths run from <domain> through element content, with each element attributes', () => {
  assert.ok(paths.get('domain')?.has('type'));
  assert.ok(paths.get('domain/cputune/vcpupin')?.has('cpuset'));
  assert.ok(paths.has('domain/devices/disk/source'));
  assert.ok(paths.has('domain/devices/disk/backingStore/backingStore'), 'a recursive element repeats once on a path');
  assert.ok(![...paths.keys()].some((p) => p.includes('backingStore/backingStore/backingStore')));
  assert.deepEqual(pathsForKey(paths, 'cputune/vcpupin'), ['domain/cputune/vcpupin']);
});

test('a name class choice gives each name its path; recursion stops where the element repeats', () => {
  const name = (local: string) => ({ kind: 'name' as const, ns: '', local });
  // <a x=""> holds <b> or <c> (one definition, two names), which holds <a> again.
  const grammar: Grammar = {
    start: { kind: 'element', id: 0 },
    elements: [
      { name: name('a'), content: { kind: 'group', a: { kind: 'attribute', name: name('x'), p: { kind: 'text' } }, b: { kind: 'element', id: 1 } } },
      { name: { kind: 'choice', a: name('b'), b: name('c') }, content: { kind: 'element', id: 0 } },
    ],
  };
  assert.deepEqual([...schemaPaths(grammar).entries()].map(([p, a]) => [p, [...a]]), [
    ['a', ['x']],
    ['a/b', []],
    ['a/c', []],
  ]);
});

for (const language of ['en', 'zh']) {
  test(`every ${language}.json entry, attribute and value is one the schema has`, () => {
    assert.deepEqual(unreachableDocs(paths, read(language).entries, values), []);
  });
}

test('unreachableDocs names a path, attribute or value the schema lacks', () => {
  const entries = {
    'cputune/vcpupin': { attributes: { cpuset: 'x', cpus: 'y' } },
    'domain/vcpupin': {},
    'domain/vcpu': { values: { placement: { static: 'x', sometimes: 'y' } } },
    'domain/on_crash': { values: { '': { destroy: 'x', explode: 'y' } } },
  };
  assert.deepEqual(unreachableDocs(paths, entries, values), ['cputune/vcpupin @cpus', 'domain/vcpupin', 'domain/vcpu @placement=sometimes', 'domain/on_crash text=explode']);
});

test('lookup takes the element path: the most specific key wins, a known tail is enough', () => {
  const docs = new ElementDocs([
    {
      language: 'en',
      source: {},
      entries: {
        source: { markdown: 'any source' },
        'disk/source': { markdown: 'disk source' },
        'domain/devices/disk/source': { markdown: 'full disk source' },
        'domain/vcpu': { markdown: 'vcpu count' },
        'vcpus/vcpu': { markdown: 'one vcpu' },
      },
    },
    { language: 'zh', source: {}, entries: { 'domain/vcpu': { markdown: '虚拟 CPU' } } },
  ]);
  const text = (path: string[], language: 'en' | 'zh' = 'en') => docs.lookup(path, language)?.entry.markdown;
  assert.equal(text(['domain', 'devices', 'disk', 'source']), 'full disk source');
  assert.equal(text(['domain', 'devices', 'disk', 'backingStore', 'source']), 'any source');
  assert.equal(text(['domain', 'devices', 'interface', 'source']), 'any source');
  assert.equal(text(['disk', 'source']), 'disk source', 'with only the parent known, the key that is that tail');
  assert.equal(text(['devices', 'disk', 'source']), 'full disk source');
  assert.equal(text(['domain', 'vcpu'], 'zh'), '虚拟 CPU');
  assert.equal(text(['domain', 'vcpus', 'vcpu'], 'zh'), 'one vcpu', 'zh lacks it: English');
  assert.equal(text(['domain', 'vcpus', 'vcpu']), 'one vcpu');
  assert.equal(text(['domain', 'cpu']), undefined);
  assert.equal(text([]), undefined);
});

test('section anchors as libvirt.org makes them from the headings', () => {
  assert.equal(sectionAnchor('CPU Allocation'), 'cpu-allocation');
  assert.equal(sectionAnchor('Block I/O Tuning'), 'block-i-o-tuning');
  assert.equal(sectionAnchor('Hard drives, floppy disks, CDROMs'), 'hard-drives-floppy-disks-cdroms');
  assert.equal(sectionAnchor('Consoles, serial, parallel & channel devices'), 'consoles-serial-parallel-channel-devices');
});
