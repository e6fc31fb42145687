import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionSuggestion, completeAt } from '../../server/src/features/completion';
import { HostTopology } from '../../server/src/features/cpuset/documentSets';
import { analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();
const HOST: HostTopology = { cpus: [[0, 15]], nodes: [[0, 1]] };
/** Neither CPUs nor nodes known: the setting is off, or /sys could not be read. */
const NO_HOST: HostTopology = {};

const domain = (inside: string) => `<domain type='kvm'><name>a</name><memory>1</memory>${inside}<os><type>hvm</type></os><devices/></domain>`;

/** Suggestions at the `|` in `marked`, best first, with the text each replaces. */
function complete(marked: string, host: HostTopology = HOST, trigger?: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return completeAt(analysisOf(text, SCHEMA, host), offset, trigger)
    .sort((a, b) => a.sortText.localeCompare(b.sortText))
    .map((s: CompletionSuggestion) => ({ label: s.label, detail: s.detail, replaces: text.slice(s.replaceStart, s.replaceEnd), insertText: s.insertText }));
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => String(first + i));

test("an empty host-bound set: the host's whole online range first, then each CPU", () => {
  const items = complete(domain("<vcpu cpuset='|'>4</vcpu>"));
  assert.deepEqual(labels(items), ['0-15', ...range(0, 15)]);
  assert.equal(items[0].detail, 'all 16 host CPUs online');
  assert.equal(items[4].detail, 'host CPU 3 · online');
  assert.ok(items.every((i) => i.replaces === '' && i.insertText === i.label));
});

test('only the item under the cursor is replaced, and CPUs the other items select are not offered again', () => {
  const after = complete(domain("<vcpu cpuset='0-3,|'>4</vcpu>"));
  assert.deepEqual(labels(after), ['0-15', ...range(4, 15)]);
  const middle = complete(domain("<vcpu cpuset='0-3,1|2,7'>4</vcpu>"));
  assert.ok(middle.every((i) => i.replaces === '12'), 'the item under the cursor, whole');
  assert.ok(!labels(middle).includes('7') && labels(middle).includes('12'));
  assert.ok(complete(domain("<vcpu cpuset='|0-3'>4</vcpu>")).every((i) => i.replaces === '0-3'));
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='0-15,|'>4</vcpu>"))), [], 'every CPU is there already');
});

test('a host with CPUs offline: the online set, each run, each CPU', () => {
  const items = complete(domain("<vcpu cpuset='|'>4</vcpu>"), { cpus: [[0, 3], [8, 11], [14, 14]] });
  assert.deepEqual(labels(items), ['0-3,8-11,14', '0-3', '8-11', ...range(0, 3), ...range(8, 11), '14']);
  assert.equal(items[1].detail, 'host CPUs 0-3');
});

test('after `^` the CPUs the items before select; after `N-` the ends of the range within its online run', () => {
  const negations = complete(domain("<vcpu cpuset='2-5,^|,9'>4</vcpu>"));
  assert.deepEqual(labels(negations), ['^2', '^3', '^4', '^5'], 'a negation removes only what the items before added');
  assert.equal(negations[0].detail, 'leaves out host CPU 2');
  assert.ok(negations.every((i) => i.replaces === '^'));
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='2-5,^|'>4</vcpu>"), NO_HOST)), ['^2', '^3', '^4', '^5'], 'negations need no host');
  const ends = complete(domain("<vcpu cpuset='1,12-|'>4</vcpu>"));
  assert.deepEqual(labels(ends), ['12-13', '12-14', '12-15']);
  assert.equal(ends[2].detail, 'host CPUs 12-15 (4)');
  assert.ok(ends.every((i) => i.replaces === '12-'));
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='3-|'>4</vcpu>"), { cpus: [[0, 3], [8, 11]] })), [], 'no range past the end of a run');
});

test('host NUMA nodes for numatune; nothing for sets the host bounds when the host is unknown, or for guest nodes', () => {
  const nodes = complete(domain("<numatune><memory mode='strict' nodeset='|'/></numatune>"));
  assert.deepEqual(labels(nodes), ['0-1', '0', '1']);
  assert.equal(nodes[0].detail, 'all 2 host NUMA nodes online');
  assert.equal(nodes[2].detail, 'host NUMA node 1 · online');
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='|'>4</vcpu>"), NO_HOST)), []);
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='|'>4</vcpu>"), { nodes: [[0, 1]] })), [], 'no CPUs known');
  assert.deepEqual(labels(complete(domain("<memoryBacking><hugepages><page size='1' nodeset='|'/></hugepages></memoryBacking>"))), []);
});

test("guest vCPU sets offer the guest's vCPUs, whatever the host", () => {
  const items = complete(domain("<vcpu>4</vcpu><cputune><vcpusched vcpus='|' scheduler='fifo'/></cputune>"), NO_HOST);
  assert.deepEqual(labels(items), ['0-3', '0', '1', '2', '3']);
  assert.equal(items[0].detail, 'all 4 vCPUs of the guest');
  assert.equal(items[1].detail, 'vCPU 0');
  const cell = complete(domain("<vcpu>4</vcpu><cpu><numa><cell id='0' cpus='0-1,|' memory='1'/></numa></cpu>"));
  assert.deepEqual(labels(cell), ['0-3', '2', '3']);
  assert.deepEqual(labels(complete(domain("<cputune><vcpusched vcpus='|' scheduler='fifo'/></cputune>"))), [], 'no <vcpu> count, nothing to offer');
});

test('<vcpupin vcpu>: the vCPUs no other <vcpupin> pins, replacing the whole value', () => {
  const xml = domain("<vcpu>6</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='3|' cpuset='2'/><vcpupin vcpu='4' cpuset='3'/></cputune>");
  const items = complete(xml);
  assert.deepEqual(labels(items), ['1', '2', '3', '5'], "its own vCPU stays on offer, the others' do not");
  assert.equal(items[0].detail, 'vCPU 1 · not pinned yet');
  assert.ok(items.every((i) => i.replaces === '3'));
  assert.deepEqual(labels(complete(domain("<cputune><vcpupin vcpu='|' cpuset='2'/></cputune>"))), [], 'no <vcpu> count');
});

test('typing: an unclosed value, the set trigger characters, references', () => {
  const unclosed = complete(`<domain type='kvm'><vcpu cpuset='0-13,|`);
  assert.deepEqual(labels(unclosed), ['0-15', '14', '15']);
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='0,|'>4</vcpu>"), HOST, ',')).slice(0, 3), ['0-15', '1', '2'], 'a typed comma asks for the next item');
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='0,^|'>4</vcpu>"), HOST, '^')), ['^0']);
  assert.deepEqual(labels(complete(domain("<vcpu placement='s-|'>4</vcpu>"), HOST, '-')), [], 'not a set: a typed dash asks nothing');
  assert.deepEqual(labels(complete(domain('<vcpu>4</vcpu><name>a,|</name>'), HOST, ',')), [], 'a comma in text asks nothing');
  assert.deepEqual(labels(complete(domain("<vcpu cpuset='1&#44;|'>4</vcpu>"))), [], 'references: the items cannot be told apart');
  const placement = complete(domain("<vcpu placement='|' cpuset='1'>4</vcpu>"));
  assert.deepEqual(labels(placement), ['static', 'auto'], "other attributes keep the schema's values");
});
