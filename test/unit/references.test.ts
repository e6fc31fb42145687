import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { render } from '../../server/src/messages/words';
import { referenceCompletions } from '../../server/src/features/referenceCompletion';
import { completeAt } from '../../server/src/features/completion';
import { cursorTarget } from '../../server/src/features/cursor';
import { definitionAt, referenceHighlightsAt, referencesAt } from '../../server/src/features/references/navigation';
import { prepareReferenceRename, referenceRenameEdits } from '../../server/src/features/references/rename';
import { Scope, scopeTokens } from '../../server/src/features/references/model';
import { xmlFilesUnder, SHARED } from './helpers/corpus';
import { analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();

const DOMAIN = `<domain type='kvm'>
  <name>refs</name>
  <memory unit='KiB'>8388608</memory>
  <vcpu placement='static'>8</vcpu>
  <iothreads>2</iothreads>
  <iothreadids>
    <iothread id='1'/>
    <iothread id='2'/>
  </iothreadids>
  <cputune>
    <vcpupin vcpu='3' cpuset='1'/>
    <iothreadpin iothread='2' cpuset='5,6'/>
    <iothreadsched iothreads='1,2' scheduler='batch'/>
    <cachetune vcpus='0-3'>
      <cache id='0' level='3' type='both' size='3' unit='MiB'/>
    </cachetune>
  </cputune>
  <numatune>
    <memnode cellid='1' mode='strict' nodeset='0'/>
  </numatune>
  <cpu>
    <numa>
      <cell id='0' cpus='0-3' memory='4194304' unit='KiB'>
        <distances>
          <sibling id='0' value='10'/>
          <sibling id='1' value='21'/>
        </distances>
      </cell>
      <cell id='1' cpus='4-7' memory='4194304' unit='KiB'/>
    </numa>
  </cpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <controller type='scsi' index='0' model='virtio-scsi'>
      <driver iothread='2'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </controller>
    <controller type='sata' index='0'/>
    <controller type='usb' index='0' model='qemu-xhci'/>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' iothread='2'/>
      <source file='/var/lib/a.qcow2'/>
      <target dev='sda' bus='scsi'/>
      <address type='drive' controller='0' bus='0' target='0' unit='0'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='sdb' bus='sata'/>
      <address type='drive' unit='1'/>
      <throttlefilters>
        <throttlefilter group='limit0'/>
      </throttlefilters>
    </disk>
    <interface type='network'>
      <source network='default'/>
      <alias name='ua-backup0'/>
      <teaming type='persistent'/>
      <address type='pci' bus='1' slot='0x01'/>
    </interface>
    <interface type='network'>
      <source network='default'/>
      <teaming type='transient' persistent='ua-backup0'/>
    </interface>
    <input type='tablet' bus='usb'>
      <address type='usb' bus='0' port='1'/>
    </input>
    <memory model='dimm'>
      <target><size unit='KiB'>524288</size><node>1</node></target>
    </memory>
  </devices>
  <throttlegroups>
    <throttlegroup>
      <group_name>limit0</group_name>
      <total_bytes_sec>10000000</total_bytes_sec>
    </throttlegroup>
  </throttlegroups>
</domain>
`;

/** The offset `shift` characters into the `nth` occurrence of `needle`. */
function offsetOf(text: string, needle: string, shift = 0, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} #${nth} not found`);
  }
  return at + shift;
}

const words = (text: string, spans: { from: number; to: number }[]) => spans.map((s) => text.slice(s.from, s.to));
/** The line each span is on, trimmed, with the span marked. */
const lines = (text: string, spans: { from: number; to: number }[]) =>
  spans.map((s) => {
    const start = text.lastIndexOf('\n', s.from) + 1;
    const end = text.indexOf('\n', s.to);
    return `${text.slice(start, s.from)}[${text.slice(s.from, s.to)}]${text.slice(s.to, end)}`.trim();
  });

const analysis = analysisOf(DOMAIN, SCHEMA);

test('F12 on an iothreadpin, a disk driver and a controller driver goes to <iothread id>', () => {
  for (const [needle, nth] of [["iothread='2'", 0], ["iothread='2'", 1], ["iothread='2'", 2]] as const) {
    const spans = definitionAt(analysis, offsetOf(DOMAIN, needle, "iothread='".length, nth));
    assert.deepEqual(lines(DOMAIN, spans), ["<iothread id='[2]'/>"], `${needle} #${nth}`);
  }
  const inList = definitionAt(analysis, offsetOf(DOMAIN, "iothreads='1,2'", "iothreads='1,".length));
  assert.deepEqual(lines(DOMAIN, inList), ["<iothread id='[2]'/>"], 'an id in a list');
});

test('references of an IOThread list every use, with the definition when asked', () => {
  const at = offsetOf(DOMAIN, "<iothread id='2'", "<iothread id='".length);
  assert.deepEqual(lines(DOMAIN, referencesAt(analysis, at, false)), [
    "<iothreadpin iothread='[2]' cpuset='5,6'/>",
    "<iothreadsched iothreads='1,[2]' scheduler='batch'/>",
    "<driver iothread='[2]'/>",
    "<driver name='qemu' type='qcow2' iothread='[2]'/>",
  ]);
  assert.equal(referencesAt(analysis, at, true).length, 5);
  const highlights = referenceHighlightsAt(analysis, at);
  assert.deepEqual(highlights.map((h) => h.kind), ['write', 'read', 'read', 'read', 'read']);
});

test('NUMA cells: memnode, sibling and a memory device node go to <cell id>', () => {
  for (const needle of ["cellid='1'", "<sibling id='1'", '<node>1']) {
    const spans = definitionAt(analysis, offsetOf(DOMAIN, needle, needle.length - 1));
    assert.deepEqual(lines(DOMAIN, spans), ["<cell id='[1]' cpus='4-7' memory='4194304' unit='KiB'/>"], needle);
  }
  const uses = referencesAt(analysis, offsetOf(DOMAIN, "<cell id='1'", "<cell id='".length), false);
  assert.deepEqual(words(DOMAIN, uses), ['1', '1', '1']);
});

test('addresses go to the controller their type and bus imply', () => {
  const pci = definitionAt(analysis, offsetOf(DOMAIN, "bus='0x01'", "bus='0x".length));
  assert.deepEqual(lines(DOMAIN, pci), ["<controller type='pci' index='[1]' model='pcie-root-port'/>"], 'a hex PCI bus compares numerically');
  const scsi = definitionAt(analysis, offsetOf(DOMAIN, "controller='0'", "controller='".length));
  assert.deepEqual(lines(DOMAIN, scsi), ["<controller type='scsi' index='[0]' model='virtio-scsi'>"], 'a SCSI disk: the SCSI controller');
  const usb = definitionAt(analysis, offsetOf(DOMAIN, "<address type='usb' bus='0'", "<address type='usb' bus='".length));
  assert.deepEqual(lines(DOMAIN, usb), ["<controller type='usb' index='[0]' model='qemu-xhci'/>"]);
});

test('references on a controller, from its index or its tag name, list the addresses on it', () => {
  const fromIndex = referencesAt(analysis, offsetOf(DOMAIN, "index='1'", "index='".length), false);
  assert.deepEqual(lines(DOMAIN, fromIndex), ["<address type='pci' domain='0x0000' bus='[0x01]' slot='0x00' function='0x0'/>", "<address type='pci' bus='[1]' slot='0x01'/>"]);
  const fromTag = referencesAt(analysis, offsetOf(DOMAIN, "<controller type='pci' index='1'", 3), false);
  assert.deepEqual(fromTag, fromIndex);
  // The SATA cdrom's address has no controller attribute: libvirt reads 0.
  const sata = referencesAt(analysis, offsetOf(DOMAIN, "<controller type='sata'", 3), false);
  assert.deepEqual(lines(DOMAIN, sata), ["<[address] type='drive' unit='1'/>"]);
});

test('vCPU pins and lists go to the <vcpu> count, and vCPUs cannot be renamed', () => {
  assert.deepEqual(lines(DOMAIN, definitionAt(analysis, offsetOf(DOMAIN, "vcpu='3'", 6))), ["<vcpu placement='static'>[8]</vcpu>"]);
  assert.deepEqual(lines(DOMAIN, definitionAt(analysis, offsetOf(DOMAIN, "vcpus='0-3'", 8))), ["<vcpu placement='static'>[8]</vcpu>"]);
  const uses = referencesAt(analysis, offsetOf(DOMAIN, '>8</vcpu>', 1), false);
  assert.deepEqual(words(DOMAIN, uses), ['3', '0-3', '0-3', '4-7']);
  const refused = prepareReferenceRename(analysis, offsetOf(DOMAIN, "vcpu='3'", 6));
  assert.ok(refused && 'error' in refused && /numbered from 0/.test(refused.error));
});

test('teaming goes to the alias it names; a throttle filter to its group', () => {
  assert.deepEqual(lines(DOMAIN, definitionAt(analysis, offsetOf(DOMAIN, "persistent='ua-backup0'", 14))), ["<alias name='[ua-backup0]'/>"]);
  assert.deepEqual(lines(DOMAIN, definitionAt(analysis, offsetOf(DOMAIN, "group='limit0'", 8))), ['<group_name>[limit0]</group_name>']);
});

/** The text after applying the rename at `needle` (cursor `shift` into it) to `newValue`. */
function renamed(text: string, at: number, newValue: string): string {
  const result = referenceRenameEdits(analysisOf(text, SCHEMA), at, newValue);
  assert.ok(result && 'edits' in result, JSON.stringify(result));
  let out = text;
  for (const edit of [...result.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

test('renaming a PCI controller index renames the buses on it, keeping hex buses hex', () => {
  const out = renamed(DOMAIN, offsetOf(DOMAIN, "index='1'", "index='".length), '2');
  assert.match(out, /<controller type='pci' index='2' model='pcie-root-port'\/>/);
  assert.match(out, /bus='0x02' slot='0x00'/);
  assert.match(out, /<address type='pci' bus='2' slot='0x01'\/>/);
  const place = prepareReferenceRename(analysis, offsetOf(DOMAIN, "bus='0x01'", 6));
  assert.deepEqual(place && 'placeholder' in place && place.placeholder, '0x01');
});

test('renaming from a use renames the definition and the other uses; an absent attribute is written', () => {
  const out = renamed(DOMAIN, offsetOf(DOMAIN, "iothread='2'", "iothread='".length), '7');
  assert.equal(out.match(/iothread='7'/g)?.length, 3);
  assert.match(out, /<iothread id='7'\/>/);
  assert.match(out, /iothreads='1,7'/);
  const sata = renamed(DOMAIN, offsetOf(DOMAIN, "<controller type='sata' index='0'", "<controller type='sata' index='".length), '3');
  assert.match(sata, /<address type='drive' unit='1' controller='3'\/>/);
  const alias = renamed(DOMAIN, offsetOf(DOMAIN, "name='ua-backup0'", 8), 'ua-primary');
  assert.equal(alias.match(/ua-primary/g)?.length, 2);
  const group = renamed(DOMAIN, offsetOf(DOMAIN, '<group_name>limit0', 14), 'fast&slow');
  assert.match(group, /<group_name>fast&amp;slow<\/group_name>/);
  assert.match(group, /group='fast&amp;slow'/);
});

test('rename refuses a value the kind cannot take, and a clash', () => {
  const at = offsetOf(DOMAIN, "<iothread id='2'", "<iothread id='".length);
  const refusal = (value: string) => {
    const result = referenceRenameEdits(analysis, at, value);
    return result && 'error' in result ? result.error : undefined;
  };
  assert.match(refusal('two') ?? '', /not an unsigned integer/);
  assert.match(refusal('0') ?? '', /start at 1/);
  assert.match(refusal('1') ?? '', /already IOThread 1/);
  const alias = referenceRenameEdits(analysis, offsetOf(DOMAIN, "name='ua-backup0'", 8), 'backup');
  assert.ok(alias && 'error' in alias && /ua-/.test(alias.error));
  const pci = referenceRenameEdits(analysis, offsetOf(DOMAIN, "index='1'", "index='".length), '300');
  assert.ok(pci && 'error' in pci && /at most 255/.test(pci.error));
});

test('without <iothreadids>, libvirt numbers IOThreads from <iothreads>: F12 goes to the count', () => {
  const text = `<domain type='kvm'><name>a</name><iothreads>4</iothreads>
  <cputune><iothreadpin iothread='3' cpuset='1'/></cputune></domain>`;
  const counted = analysisOf(text, SCHEMA);
  const at = offsetOf(text, "iothread='3'", 10);
  assert.deepEqual(words(text, definitionAt(counted, at)), ['4']);
  assert.deepEqual(words(text, referencesAt(counted, offsetOf(text, '>4<', 1), false)), ['3']);
  const refused = prepareReferenceRename(counted, at);
  assert.ok(refused && 'error' in refused && /<iothreadids>/.test(refused.error));
  // Listed ids take their numbers; the count fills the rest from 1 up, skipping them.
  const mixed = `<domain type='kvm'><name>a</name><iothreads>3</iothreads><iothreadids><iothread id='1'/></iothreadids>
  <cputune><iothreadpin iothread='3' cpuset='1'/><iothreadpin iothread='4' cpuset='1'/></cputune></domain>`;
  const filled = analysisOf(mixed, SCHEMA);
  assert.deepEqual(words(mixed, definitionAt(filled, offsetOf(mixed, "iothread='3'", 10))), ['3']);
  assert.deepEqual(definitionAt(filled, offsetOf(mixed, "iothread='4'", 10)), []);
});

test('half-typed documents: an unclosed value is no reference, and nothing throws', () => {
  const text = `<domain type='kvm'><name>a</name><iothreadids><iothread id='1'/></iothreadids>
  <cputune><iothreadpin iothread='1`;
  const partial = analysisOf(text, SCHEMA);
  assert.deepEqual(definitionAt(partial, text.length), []);
  assert.deepEqual(words(text, referencesAt(partial, offsetOf(text, "id='1'", 4), true)), ['1']);
  for (let offset = 0; offset <= DOMAIN.length; offset += 11) {
    const cut = analysisOf(DOMAIN.slice(0, offset), SCHEMA);
    definitionAt(cut, offset >> 1);
    referencesAt(cut, offset >> 1, true);
    prepareReferenceRename(cut, offset >> 1);
    referenceRenameEdits(cut, offset >> 1, '5');
  }
  assert.deepEqual(definitionAt(analysisOf('<network><name>x</name></network>', SCHEMA), 3), []);
});

/** Reference completion at the `|` of the marked text. */
function completeReference(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const analysed = analysisOf(text, SCHEMA);
  return { mine: referenceCompletions(analysed, cursorTarget(analysed.tree, offset), offset), all: completeAt(analysed, offset) };
}

test('completion offers the defined ids with what each is, in the document number format', () => {
  const withCursor = (needle: string, replacement: string) => DOMAIN.replace(needle, replacement);
  const iothreads = completeReference(withCursor("<iothreadpin iothread='2'", "<iothreadpin iothread='|'"));
  assert.deepEqual(iothreads.mine.map((i) => `${i.label}: ${i.detail}`), ['1: iothread 1', '2: iothread 2']);
  const cells = completeReference(withCursor("cellid='1'", "cellid='|'"));
  assert.deepEqual(cells.mine.map((i) => `${i.label}: ${i.detail}`), ['0: cell 0 · cpus 0-3', '1: cell 1 · cpus 4-7']);
  const pci = completeReference(withCursor("bus='1' slot='0x01'", "bus='|' slot='0x01'"));
  assert.deepEqual(pci.mine.map((i) => `${i.label}: ${i.detail}`), ['0x00: controller pci 0 · pcie-root', '0x01: controller pci 1 · pcie-root-port']);
  assert.ok(pci.all.some((i) => i.label === '0x01'), 'merged into completeAt');
  const drive = completeReference(withCursor("<address type='drive' controller='0'", "<address type='drive' controller='|"));
  assert.deepEqual(drive.mine.map((i) => i.detail), ['controller scsi 0 · virtio-scsi']);
  const node = completeReference(withCursor('<node>1</node>', '<node>|</node>'));
  assert.deepEqual(node.mine.map((i) => i.label), ['0', '1']);
  assert.ok(node.all.some((i) => i.detail === 'cell 1 · cpus 4-7'), 'text content too');
  const teaming = completeReference(withCursor("persistent='ua-backup0'", "persistent='|'"));
  assert.deepEqual(teaming.mine.map((i) => `${i.label}: ${i.detail}`), ['ua-backup0: alias of <interface>']);
  for (const item of [...iothreads.mine, ...cells.mine, ...pci.mine, ...teaming.mine]) assert.equal(render(item.detailWords!, 'en'), item.detail);
  assert.deepEqual([...cells.mine, ...teaming.mine].map((i) => render(i.detailWords!, 'zh')), ['NUMA 单元 0 · cpus 0-3', 'NUMA 单元 1 · cpus 4-7', '<interface> 的别名']);
  const plain = completeReference(withCursor("<memory unit='KiB'>", "<memory unit='|'>"));
  assert.deepEqual(plain.mine, []);
});

test("libvirt's corpus: each use F12 resolves is among its definition's references, and addresses mostly resolve", (t) => {
  const corpus = path.join(SHARED, 'corpus', 'valid');
  if (!fs.existsSync(corpus)) return t.skip('../shared/corpus is not here');
  const scopes: Scope[] = ['iothread', 'cell', 'vcpu', 'alias', 'throttlegroup', 'controller pci', 'controller scsi', 'controller ide', 'controller usb', 'controller virtio-serial'];
  const broken: string[] = [];
  let resolved = 0;
  let uses = 0;
  for (const file of xmlFilesUnder(corpus)) {
    const text = fs.readFileSync(file, 'utf8');
    const analysed = analysisOf(text);
    for (const scope of scopes) {
      for (const use of scopeTokens(analysed, scope, 'uses')) {
        if (use.missing) continue;
        uses++;
        for (const definition of definitionAt(analysed, use.from)) {
          resolved++;
          const back = referencesAt(analysed, definition.from, false);
          if (!back.some((span) => span.from === use.from)) broken.push(`${path.basename(file)}: ${text.slice(use.from, use.to)}`);
        }
      }
    }
  }
  assert.deepEqual(broken, []);
  // The rest are controllers libvirt adds itself (pci-root, the first IDE or SATA controller).
  assert.ok(resolved > 0.9 * uses, `${resolved} of ${uses} uses resolve`);
});

test('an index libvirt assigns and a cell numbered by its place are definitions that cannot be renamed', () => {
  const text = `<domain type='kvm'><name>a</name>
  <cpu><numa><cell cpus='0' memory='1024'/><cell cpus='1' memory='1024'/></numa></cpu>
  <numatune><memnode cellid='1' mode='strict' nodeset='0'/></numatune>
  <devices>
    <controller type='scsi' model='virtio-scsi'/>
    <hostdev mode='subsystem' type='scsi'>
      <source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source>
      <address type='drive' controller='0' bus='0' target='0' unit='1'/>
    </hostdev>
  </devices></domain>`;
  const analysed = analysisOf(text, SCHEMA);
  assert.deepEqual(lines(text, definitionAt(analysed, offsetOf(text, "controller='0'", 12))), ["<[controller] type='scsi' model='virtio-scsi'/>"], 'a SCSI hostdev: the SCSI controller');
  const assigned = prepareReferenceRename(analysed, offsetOf(text, "controller='0'", 12));
  assert.ok(assigned && 'error' in assigned && /assigns/.test(assigned.error));
  assert.deepEqual(lines(text, definitionAt(analysed, offsetOf(text, "cellid='1'", 8))), ["<cpu><numa><cell cpus='0' memory='1024'/><[cell] cpus='1' memory='1024'/></numa></cpu>"]);
  // The host's address inside <source> is no reference to the guest's controller.
  assert.deepEqual(referencesAt(analysed, offsetOf(text, '<controller', 3), false).length, 1);
});

test('virtio-serial and CCID addresses go to their controllers; a throttle group lists its filters', () => {
  const text = `<domain type='kvm'><name>a</name>
  <devices>
    <controller type='virtio-serial' index='0'/>
    <controller type='virtio-serial' index='1'/>
    <controller type='ccid' index='0'/>
    <disk type='file'><target dev='vda' bus='virtio'/>
      <throttlefilters><throttlefilter group='fast'/></throttlefilters></disk>
    <disk type='file'><target dev='vdb' bus='virtio'/>
      <throttlefilters><throttlefilter group='fast'/><throttlefilter group='slow'/></throttlefilters></disk>
    <channel type='pty'><target type='virtio' name='org.a'/><address type='virtio-serial' controller='1' bus='0' port='2'/></channel>
    <smartcard mode='passthrough' type='spicevmc'><address type='ccid' controller='0' slot='0'/></smartcard>
  </devices>
  <throttlegroups><throttlegroup><group_name>fast</group_name></throttlegroup></throttlegroups></domain>`;
  const analysed = analysisOf(text, SCHEMA);
  assert.deepEqual(lines(text, definitionAt(analysed, offsetOf(text, "controller='1' bus='0' port", 12))), ["<controller type='virtio-serial' index='[1]'/>"]);
  assert.deepEqual(lines(text, definitionAt(analysed, offsetOf(text, "<address type='ccid' controller='0'", 33))), ["<controller type='ccid' index='[0]'/>"]);
  assert.deepEqual(words(text, referencesAt(analysed, offsetOf(text, '<group_name>fast', 13), true)), ['fast', 'fast', 'fast']);
});
