import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ElementDocs } from '../../server/src/docs/elementDocs';
import { HostTopology } from '../../server/src/features/cpuset/documentSets';
import { hoverAt } from '../../server/src/features/hover';
import { analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();
const DOCS = new ElementDocs([{ language: 'en', source: {}, entries: { 'domain/vcpu': { markdown: 'vCPUs.', attributes: { cpuset: 'Host CPUs.' } } } }]);

const domain = (inside: string) => `<domain type='kvm'><name>a</name><memory>1</memory>${inside}<os><type>hvm</type></os><devices/></domain>`;

/** The hover with the cursor `shift` characters into the first `needle`, and the text it covers. */
function hover(xml: string, needle: string, shift: number, host?: HostTopology) {
  const offset = xml.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const result = hoverAt(analysisOf(xml, SCHEMA, host), offset + shift, DOCS, 'en');
  return result && { markdown: result.markdown, covers: xml.slice(result.start, result.end) };
}

test('a value libvirt rejects: the hover says so and why, over the whole value', () => {
  const xml = domain("<vcpu cpuset='1-4,^3,6,4-1'>4</vcpu>");
  const found = hover(xml, '1-4,^3', 2);
  assert.ok(found);
  assert.equal(found.covers, '1-4,^3,6,4-1');
  assert.match(found.markdown, /^`domain › vcpu @cpuset`\n\n\*\*`cpuset`\*\* of `<vcpu>` · host CPUs/);
  assert.match(found.markdown, /libvirt rejects this list: `4-1` counts down/);
  assert.doesNotMatch(found.markdown, /CPUs\*\*:/, 'no set is listed for a rejected value');
  assert.match(hover(domain("<vcpu cpuset='1, 2'>4</vcpu>"), '1, 2', 0)!.markdown, /rejects this list: Spaces/);
  assert.match(hover(domain("<vcpu cpuset='3,^3'>4</vcpu>"), '3,^3', 0)!.markdown, /rejects/, 'an empty set');
});

test('an accepted value: the ids, how many, and the form libvirt prints when it differs', () => {
  const found = hover(domain("<vcpu cpuset='1-4,^3,6'>4</vcpu>"), '1-4,^3,6', 0);
  assert.ok(found);
  assert.equal(found.covers, '1-4,^3,6');
  assert.match(found.markdown, /\*\*4 CPUs\*\*: 1, 2, 4, 6/);
  assert.match(found.markdown, /libvirt prints it as `1-2,4,6`\./);
  const canonical = hover(domain("<vcpu cpuset='1-2,4,6'>4</vcpu>"), '1-2,4,6', 3)!.markdown;
  assert.match(canonical, /\*\*4 CPUs\*\*: 1, 2, 4, 6/);
  assert.doesNotMatch(canonical, /prints it as/, 'nothing to say when it is written as libvirt prints it');
  assert.match(hover(domain("<vcpu cpuset='0-7'>4</vcpu>"), '0-7', 1)!.markdown, /\*\*8 CPUs\*\*: 0–7/);
  assert.match(hover(domain("<vcpu cpuset='5'>4</vcpu>"), "'5'", 1)!.markdown, /\*\*1 CPU\*\*: 5$/);
});

test('with the host: the ids it does not have, or that all are on it; only for sets the host bounds', () => {
  const xml = domain("<vcpu cpuset='1-4,^3,6'>8</vcpu><cputune><vcpusched vcpus='0-5' scheduler='fifo' priority='1'/></cputune>");
  const small = { cpus: [[0, 3]] as [number, number][] };
  assert.match(hover(xml, '1-4', 0, small)!.markdown, /\*\*Not on this host\*\* \(it has CPUs 0-3\): CPUs 4,6\./);
  assert.match(hover(xml, '1-4', 0, { cpus: [[0, 15]] })!.markdown, /All on this host \(it has CPUs 0-15\)\./);
  assert.doesNotMatch(hover(xml, '1-4', 0)!.markdown, /host \(/, 'no host, nothing said about it');
  const vcpus = hover(xml, '0-5', 0, small)!.markdown;
  assert.match(vcpus, /^`domain › cputune › vcpusched @vcpus`\n\n\*\*`vcpus`\*\* of `<vcpusched>` · guest vCPUs/);
  assert.match(vcpus, /\*\*6 vCPUs\*\*: 0–5/);
  assert.doesNotMatch(vcpus, /host \(/, "the guest's vCPUs are not the host's CPUs");
});

test('every kind of set attribute names its attribute and what its ids are', () => {
  const xml = domain(`<cputune><vcpupin vcpu='0' cpuset='2'/><iothreadsched iothreads='1-2' scheduler='fifo' priority='1'/></cputune>
    <memoryBacking><hugepages><page size='1' unit='G' nodeset='0'/></hugepages></memoryBacking>
    <numatune><memory mode='strict' nodeset='0-1'/></numatune>`);
  const nodes = { nodes: [[0, 0]] as [number, number][] };
  assert.match(hover(xml, "cpuset='2'", 8)!.markdown, /^`domain › cputune › vcpupin @cpuset`\n\n\*\*`cpuset`\*\* of `<vcpupin>` · host CPUs\n\n\*\*1 CPU\*\*: 2$/);
  assert.match(hover(xml, "iothreads='1-2'", 11)!.markdown, /· IOThreads\n\n\*\*2 iothreads\*\*: 1, 2/);
  assert.match(hover(xml, "nodeset='0'", 9, nodes)!.markdown, /`<page>` · guest NUMA nodes\n\n\*\*1 node\*\*: 0$/, 'hugepages name guest nodes: the host does not bound them');
  const memory = hover(xml, "nodeset='0-1'", 9, nodes)!.markdown;
  assert.match(memory, /`<memory>` · host NUMA nodes/);
  assert.match(memory, /\*\*Not on this host\*\* \(it has node 0\): node 1\./);
});

test('not a set, or no set context: no value hover; names keep their docs hover', () => {
  const xml = domain("<vcpu placement='static' cpuset='1'>4</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/></cputune>");
  assert.doesNotMatch(hover(xml, 'static', 1)!.markdown, /\*\*`placement`\*\* of/, 'placement is a listed value, not a set');
  assert.doesNotMatch(hover(xml, "vcpu='0'", 6)?.markdown ?? '', /\*\*`vcpu`\*\* of/, "vcpupin's vcpu is one id, not a set");
  assert.equal(hoverAt(analysisOf(xml), xml.indexOf("cpuset='1'") + 8, DOCS, 'en'), undefined, 'without a schema, no set context');
  assert.match(hover(xml, 'cpuset', 2)!.markdown, /Host CPUs\./, 'the attribute name still has its docs');
  assert.match(hover(xml, 'vcpu ', 1)!.markdown, /vCPUs\./);
  assert.equal(hover(domain("<vcpu cpuset='1>4</vcpu>"), "'1", 1), undefined, 'an unclosed value is not described');
});

test('a value with references is described decoded, over its whole text; a scattered set is listed in part', () => {
  const encoded = hover(domain("<vcpu cpuset='1&#45;3'>4</vcpu>"), '1&#45;3', 0)!;
  assert.equal(encoded.covers, '1&#45;3');
  assert.match(encoded.markdown, /\*\*3 CPUs\*\*: 1–3/);
  assert.match(encoded.markdown, /prints it as `1-3`/);
  const scattered = Array.from({ length: 500 }, (_, i) => 2 * i).join(',');
  const markdown = hover(domain(`<vcpu cpuset='${scattered}'>4</vcpu>`), scattered, 0)!.markdown;
  assert.match(markdown, /\*\*500 CPUs\*\*: 0, 2, 4, .*, …$/);
  assert.ok(markdown.length < 500, `${markdown.length} characters`);
});
