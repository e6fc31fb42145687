import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFindings } from '../../server/src/features/diagnostics';
import { safeFixEdits } from '../../server/src/features/safeFixes';
import { setAttributeKeys, setAttributeKeysOf, setAttributeKeysOfModel } from '../../server/src/features/cpuset/setAttributes';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GrammarModel, fromModel } from '../../server/src/schema/model';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { bundledSchema } from './helpers/documents';
import { Analysis } from '../../server/src/features/analysis';

const schema = bundledSchema();
const LIMITS = { maxProblems: 1000, maxFileSizeMB: 16 };

/** Findings as "code on `token`" (hints left out unless asked for). */
function check(xml: string, host?: { cpus?: [number, number][]; nodes?: [number, number][] }, withHints = false): string[] {
  return documentFindings(new Analysis(ParsedDocument.parse(xml), { limits: LIMITS, schema: schema, host: host }))
    .filter((f) => withHints || f.severity !== 'hint')
    .map((f) => `${f.code} on \`${xml.slice(f.start, f.end)}\``);
}

const domain = (vcpu: string, rest = '') =>
  `<domain type='kvm'><name>a</name><memory>1</memory>${vcpu}${rest}<os><type>hvm</type></os><devices/></domain>`;

test('the set attributes come from the schema: every one the issue names, by its cpuset type', () => {
  const keys = setAttributeKeys(schema.grammar);
  for (const key of ['vcpu@cpuset', 'vcpupin@cpuset', 'emulatorpin@cpuset', 'iothreadpin@cpuset', 'vcpusched@vcpus', 'iothreadsched@iothreads', 'cachetune@vcpus', 'memorytune@vcpus', 'monitor@vcpus', 'memory@nodeset', 'memnode@nodeset', 'page@nodeset', 'cell@cpus']) {
    assert.ok(keys.has(key), key);
  }
  assert.ok(!keys.has('vcpupin@vcpu') && !keys.has('disk@type'));
});

test("read off the model's rows, the set attributes are those of the grammar's walk, and those the shipped model stores", () => {
  const shipped = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'schemas', 'libvirt-domain.json'), 'utf8')) as GrammarModel;
  const { setAttributes: stored, ...rows } = shipped;
  const walked = [...setAttributeKeys(fromModel(rows))].sort();
  assert.deepEqual([...setAttributeKeysOfModel(rows)].sort(), walked);
  assert.deepEqual(stored, walked);
  // The bundled schema reads the stored ones: its rows are parsed only as validation reads them.
  assert.deepEqual([...setAttributeKeysOf(schema)].sort(), walked);
});

test("a value's mistakes are found on their exact characters, and the schema's own complaint is not repeated", () => {
  assert.deepEqual(check(domain("<vcpu cpuset='1-4,^3,6,4-1'>4</vcpu>")), ['cpuset-negation-before-range on `^3`', 'cpuset-reversed-range on `4-1`']);
  assert.deepEqual(check(domain("<vcpu cpuset='1, 2'>4</vcpu>")), ['cpuset-space on ` `']);
  assert.deepEqual(check(domain("<vcpu cpuset='0,'>4</vcpu>")), ['cpuset-empty-item on `,`']);
  assert.deepEqual(check(domain("<vcpu cpuset='1-4,^3,6'>4</vcpu>"), undefined, true), ['cpuset-not-canonical on `1-4,^3,6`']);
});

test('a value written with references is judged whole, without a fix', () => {
  const findings = documentFindings(new Analysis(ParsedDocument.parse(domain("<vcpu cpuset='4&#45;1'>4</vcpu>")), { limits: LIMITS, schema: schema, host: undefined }));
  const reversed = findings.find((f) => f.code === 'cpuset-reversed-range');
  assert.ok(reversed);
  assert.equal(reversed.fixes, undefined);
});

test('cross references: pins, IOThreads, NUMA cells, the vCPU count', () => {
  const cputune = `<iothreads>2</iothreads><cputune>
    <vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='0' cpuset='2'/><vcpupin vcpu='7' cpuset='2'/>
    <iothreadpin iothread='3' cpuset='1'/><iothreadpin iothread='2' cpuset='1'/>
    <cachetune vcpus='0-5'><cache id='0' level='3' type='both' size='3' unit='MiB'/></cachetune>
  </cputune><numatune><memnode cellid='2' mode='strict' nodeset='0'/><memnode cellid='1' mode='strict' nodeset='0'/></numatune>`;
  const cpu = "<cpu><numa><cell id='0' cpus='0-1' memory='1024'/><cell id='1' cpus='2-3' memory='1024'/></numa></cpu>";
  // <memory> as the cells add up, so that only the references are wrong.
  const xml = domain("<vcpu current='6'>4</vcpu>", cputune).replace('<devices/>', `${cpu}<devices/>`).replace('<memory>1</memory>', '<memory>2048</memory>');
  assert.deepEqual(check(xml), [
    "vcpu-current-too-large on `6`",
    'vcpupin-duplicate on `0`',
    'vcpupin-vcpu-out-of-range on `7`',
    'iothreadpin-unknown-iothread on `3`',
    'vcpus-beyond-count on `0-5`',
    'memnode-unknown-cell on `2`',
  ]);
  const dropped = documentFindings(new Analysis(ParsedDocument.parse(xml), { limits: LIMITS, schema: schema, host: undefined })).find((f) => f.code === 'vcpus-beyond-count');
  assert.deepEqual(dropped?.fixes?.map((f) => [f.newText, f.safe]), [['0-3', true]]);
});

test("the host bounds physical CPUs and nodes only, never the guest's vCPUs or cells", () => {
  const host = { cpus: [[0, 3]] as [number, number][], nodes: [[0, 0]] as [number, number][] };
  const xml = domain(
    "<vcpu cpuset='0-7'>8</vcpu>",
    "<cputune><vcpupin vcpu='1' cpuset='6'/><vcpusched vcpus='4-7' scheduler='fifo' priority='1'/></cputune><numatune><memory mode='strict' nodeset='0-1'/></numatune>",
  );
  assert.deepEqual(check(xml, host), ['cpuset-beyond-host on `0-7`', 'cpuset-beyond-host on `6`', 'cpuset-beyond-host on `0-1`']);
  assert.deepEqual(check(xml), [], 'without a host, nothing to say');
});

test('safe fixes for the whole document: each value repaired as meant, reference fixes that do not collide', () => {
  const xml = domain(
    "<vcpu cpuset='1, 2,4-3,'>4</vcpu>",
    "<cputune><vcpupin vcpu='0' cpuset='5,^9'/><emulatorpin cpuset='0-3'/><cachetune vcpus='2-6'><cache id='0' level='3' type='both' size='3' unit='MiB'/></cachetune></cputune>",
  );
  const edits = safeFixEdits(new Analysis(ParsedDocument.parse(xml), { limits: LIMITS, schema, host: undefined }));
  let fixed = xml;
  for (const edit of [...edits].reverse()) fixed = fixed.slice(0, edit.start) + edit.newText + fixed.slice(edit.end);
  assert.match(fixed, /<vcpu cpuset='1,2,3-4'>/);
  assert.match(fixed, /<vcpupin vcpu='0' cpuset='5'\/>/);
  assert.match(fixed, /<emulatorpin cpuset='0-3'\/>/, 'a good value is left as it is');
  assert.match(fixed, /<cachetune vcpus='2-3'>/);
  assert.deepEqual(check(fixed), []);
});

test("findings the schema alone would not raise are marked: libvirt's test suite keeps such documents among the schema-valid", () => {
  const marked = (xml: string) => documentFindings(new Analysis(ParsedDocument.parse(xml), { limits: LIMITS, schema: schema, host: undefined })).filter((f) => f.severity === 'error').map((f) => [f.code, f.beyondSchema ?? false]);
  assert.deepEqual(marked(domain("<vcpu cpuset='0,^0'>4</vcpu>")), [['cpuset-empty-set', true]], 'the pattern takes it; libvirt rejects the empty set');
  assert.deepEqual(marked(domain("<vcpu cpuset='0, 1'>4</vcpu>")), [['cpuset-space', false]], 'the pattern rejects the space');
  assert.deepEqual(marked(domain("<vcpu current='5'>4</vcpu>")), [['vcpu-current-too-large', true]]);
});
