import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DocumentSymbolItem, MAX_DOCUMENT_SYMBOLS, MAX_WORKSPACE_SYMBOLS, documentSymbols, workspaceSymbols } from '../../server/src/features/symbols';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { WEB01, analysisOf } from './helpers/documents';

const symbolsOf = (text: string) => documentSymbols(analysisOf(text));

/** Every symbol, depth first, with the names of those above it. */
function flatten(symbols: readonly DocumentSymbolItem[], above: string[] = []): { symbol: DocumentSymbolItem; path: string[] }[] {
  return symbols.flatMap((symbol) => [{ symbol, path: above }, ...flatten(symbol.children, [...above, symbol.name])]);
}

function named(symbols: readonly DocumentSymbolItem[], name: string): DocumentSymbolItem {
  const found = flatten(symbols).find(({ symbol }) => symbol.name === name);
  assert.ok(found, `no symbol named "${name}" among ${flatten(symbols).map(({ symbol }) => symbol.name).join(' | ')}`);
  return found.symbol;
}

/** A line for each symbol: indentation for depth, then kind and name. */
function outline(symbols: readonly DocumentSymbolItem[]): string[] {
  return flatten(symbols).map(({ symbol, path }) => `${'  '.repeat(path.length)}${symbol.kind} ${symbol.name}`);
}

/** Every symbol has a name, lies within its parent, and selects inside its range. */
function assertNested(symbols: readonly DocumentSymbolItem[], from: number, to: number): void {
  for (const symbol of symbols) {
    assert.ok(symbol.name.length > 0);
    assert.ok(from <= symbol.start && symbol.end <= to, `${symbol.name} out of its parent`);
    assert.ok(symbol.start <= symbol.selectionStart && symbol.selectionEnd <= symbol.end, `${symbol.name}'s selection out of its range`);
    assertNested(symbol.children, symbol.start, symbol.end);
  }
}

const GUEST = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>4194304</memory>
  <vcpu placement='static'>4</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='2'/>
  </cputune>
  <cpu mode='host-passthrough'>
    <numa>
      <cell id='0' cpus='0-3' memory='4194304' unit='KiB'/>
    </numa>
  </cpu>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <alias name='virtio-disk0'/>
      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:6b:3c:1a'/>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
      </source>
    </hostdev>
  </devices>
</domain>
`;

test('the outline names elements as an admin thinks of them, in a hierarchy with kinds', () => {
  assert.deepEqual(outline(symbolsOf(GUEST)), [
    'Module domain web01',
    '  Property name web01',
    '  Number memory 4 GiB',
    '  Number vcpu 4',
    '  Namespace cputune',
    '    Key vcpupin 0 → 2',
    '  Namespace cpu host-passthrough',
    '    Namespace numa',
    '      Struct cell 0 · cpus 0-3 · 4 GiB',
    '  Namespace devices',
    '    Class disk vda · file web01.qcow2',
    '    Class interface network=default · 52:54:00:6b:3c:1a',
    '    Class controller pci 1 · pcie-root-port',
    '    Class hostdev pci 0000:01:00.0',
  ]);
});

test("a device's detail holds its bus, alias and address; a value's detail holds it as written", () => {
  const symbols = symbolsOf(GUEST);
  assert.equal(named(symbols, 'disk vda · file web01.qcow2').detail, 'virtio · virtio-disk0 · pci 0000:04:00.0');
  assert.equal(named(symbols, 'interface network=default · 52:54:00:6b:3c:1a').detail, 'virtio');
  assert.equal(named(symbols, 'memory 4 GiB').detail, '4194304 KiB');
  assert.equal(named(symbols, 'domain web01').detail, 'kvm');
});

test('spans: the whole element, and its start tag name to select', () => {
  const symbols = symbolsOf(GUEST);
  const disk = named(symbols, 'disk vda · file web01.qcow2');
  const start = GUEST.indexOf("<disk type='file'");
  const end = GUEST.indexOf('</disk>') + '</disk>'.length;
  assert.deepEqual([disk.start, disk.end, disk.selectionStart, disk.selectionEnd], [start, end, start + 1, start + 5]);
  const root = symbols[0];
  assert.deepEqual([root.start, root.end, GUEST.slice(root.selectionStart, root.selectionEnd)], [0, GUEST.lastIndexOf('>') + 1, 'domain']);
});

test('memory amounts are shown in a readable binary unit, whatever unit they are written in', () => {
  const names = (memory: string) => symbolsOf(`<domain><memory${memory}</memory></domain>`)[0].children[0].name;
  assert.equal(names(">1048576"), 'memory 1 GiB', 'KiB by default');
  assert.equal(names(" unit='MiB'>1536"), 'memory 1.5 GiB');
  assert.equal(names(" unit='GB'>4"), 'memory 3.73 GiB');
  assert.equal(names(" unit='b'>512"), 'memory 1 KiB', 'libvirt rounds up to whole KiB');
  assert.equal(names(" unit='KiB'>4x"), 'memory 4x KiB', 'what libvirt would not read is shown as written');
  assert.equal(names('>'), 'memory');
});

test('the other common elements get sensible names', () => {
  const symbols = symbolsOf(`<domain>
  <os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><loader type='pflash'>/usr/share/edk2/ovmf/a/path/longer/than/forty-eight/characters/OVMF_CODE.fd</loader></os>
  <numatune><memory mode='strict' nodeset='0-1'/><memnode cellid='0' mode='preferred' nodeset='1'/></numatune>
  <iothreadids><iothread id='2'/></iothreadids>
  <cputune><emulatorpin cpuset='0-1'/><iothreadpin iothread='2' cpuset='3'/></cputune>
  <cpu><topology sockets='1' cores='4' threads='2'/><feature policy='require' name='vmx'/></cpu>
  <on_crash>destroy</on_crash>
  <description>
    The shop's front end,
    ${'and more '.repeat(1000)}
  </description>
  <devices>
    <disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>
    <disk type='volume'><source pool='default' volume='data'/><target dev='vdb'/></disk>
    <disk type='network'><source protocol='rbd' name='pool/image'/><target dev='vdc'/></disk>
    <interface type='bridge'><source bridge='br0'/></interface>
    <interface type='user'/>
    <hostdev mode='subsystem' type='usb'><source><vendor id='0x046d'/><product id='0xc52b'/></source></hostdev>
    <graphics type='vnc' port='5900'/>
    <graphics type='spice' autoport='yes'/>
    <video><model type='virtio'/></video>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial'/></console>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>
    <memballoon model='virtio'/>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    <filesystem type='mount'><source dir='/srv/share'/><target dir='share0'/></filesystem>
    <redirdev bus='usb' type='spicevmc'/>
    <watchdog model='i6300esb' action='reset'/>
    <memory model='dimm'><target><size unit='MiB'>512</size><node>0</node></target></memory>
    <input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input>
    <sound model='ich9'/>
    <disk type='file'><target dev='vdd'/><address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/></disk>
  </devices>
</domain>`);
  const names = flatten(symbols).map(({ symbol }) => symbol.name);
  for (const expected of [
    'os efi',
    'type hvm · x86_64 · q35',
    'loader OVMF_CODE.fd · pflash',
    'memory strict · nodes 0-1',
    'memnode 0 → 1 · preferred',
    'iothread 2',
    'emulatorpin 0-1',
    'iothreadpin 2 → 3',
    'topology 1 socket · 4 cores · 2 threads',
    'feature vmx · require',
    'on_crash destroy',
    'disk sda · cdrom',
    'disk vdb · volume default/data',
    'disk vdc · rbd pool/image',
    'interface bridge=br0',
    'interface user',
    'hostdev usb 0x046d:0xc52b',
    'graphics vnc :5900',
    'graphics spice autoport',
    'video virtio',
    'serial pty · port 0',
    'console pty · serial',
    'channel unix · org.qemu.guest_agent.0',
    'tpm tpm-crb · emulator 2.0',
    'memballoon virtio',
    'rng virtio · /dev/urandom',
    'filesystem share0 · mount share',
    'redirdev usb · spicevmc',
    'watchdog i6300esb · reset',
    'memory dimm · 512 MiB · node 0',
    'input tablet · usb',
    'sound ich9',
  ]) {
    assert.ok(names.includes(expected), `"${expected}" not among ${names.join(' | ')}`);
  }
  assert.equal(names.find((name) => name.startsWith('description')), `description The shop's front end, and more and more and mor…`, 'on one line, cut short');
  assert.equal(named(symbols, 'input tablet · usb').detail, 'usb 0.1');
  assert.equal(named(symbols, 'disk vdd').detail, 'ccw fe.0.0001');
  assert.equal(named(symbols, 'memory strict · nodes 0-1').kind, 'Key', "<numatune><memory> is a placement, not the domain's amount");
  assert.equal(named(symbols, 'memory dimm · 512 MiB · node 0').kind, 'Class');
});

test("the outline stops at devices: their <source>, <target>, <address> and <alias> are not listed", () => {
  const disk = named(symbolsOf(GUEST), 'disk vda · file web01.qcow2');
  assert.deepEqual(disk.children, []);
  const elements = new Set(flatten(symbolsOf(GUEST)).map(({ symbol }) => symbol.element));
  for (const leaf of ['address', 'alias', 'source', 'target', 'driver', 'mac']) assert.ok(!elements.has(leaf), leaf);
});

test('half-typed documents: an element gets its symbol, named by what is complete', () => {
  const disk = (text: string) => symbolsOf(text)[0].children[0].children[0];
  assert.equal(disk("<domain><devices><disk type='file'><target dev='vda'").name, 'disk vda', 'the source is not typed yet');
  assert.equal(disk("<domain><devices><disk type='fi").name, 'disk', 'an attribute without its closing quote is left out');
  assert.equal(disk("<domain><devices><disk type='file'><source file='/images/a.qcow2'/><target dev='vd").name, 'disk file a.qcow2');
  assert.equal(disk('<domain>\n  <devices>\n    <dis').name, 'dis');
  assert.deepEqual(outline(symbolsOf('<domain>\n  <')), ['Module domain']);
  assert.deepEqual(outline(symbolsOf('<doma')), ['Module doma']);
  assert.deepEqual(symbolsOf(''), []);
  assert.deepEqual(symbolsOf('just text <'), []);
});

test('another root element gets a plain outline of its element names', () => {
  assert.deepEqual(outline(symbolsOf("<network><name>default</name><bridge name='virbr0'/></network>")), ['Module network', '  Property name', '  Property bridge']);
});

test('every symbol lies within its parent, with its selection inside its range and a name', () => {
  const nested = `<domain><devices>${'<devices>'.repeat(20000)}</domain>`;
  for (const text of [GUEST, WEB01, nested, GUEST.slice(0, GUEST.length / 2), GUEST.replace(/'/g, '"').slice(0, 700)]) {
    assertNested(symbolsOf(text), 0, text.length);
  }
});

test('the outline is bounded: past MAX_DOCUMENT_SYMBOLS a section says how many of its children it shows', () => {
  const devices = MAX_DOCUMENT_SYMBOLS + 50;
  const symbols = symbolsOf(`<domain><name>big</name><devices>${"<disk type='file'><target dev='vda'/></disk>".repeat(devices)}</devices></domain>`);
  assert.equal(flatten(symbols).length, MAX_DOCUMENT_SYMBOLS);
  const section = named(symbols, 'devices');
  const shown = MAX_DOCUMENT_SYMBOLS - 3;
  assert.equal(section.children.length, shown, 'the domain, its name and the section come first');
  assert.equal(section.detail, `${shown.toLocaleString('en')} of ${devices.toLocaleString('en')} shown`);
  const plain = symbolsOf(`<network>${'<ip/>'.repeat(devices)}</network>`);
  assert.equal(flatten(plain).length, MAX_DOCUMENT_SYMBOLS);
  assert.match(plain[0].detail ?? '', / shown$/);
});

test("every document of libvirt's corpus gets a well-nested outline whose devices are named", (t) => {
  const corpus = path.join(SHARED, 'corpus');
  if (!fs.existsSync(corpus)) return t.skip('../shared/corpus is not here');
  let devices = 0;
  for (const file of xmlFilesUnder(corpus)) {
    const text = fs.readFileSync(file, 'utf8');
    const symbols = symbolsOf(text);
    assertNested(symbols, 0, text.length);
    for (const { symbol } of flatten(symbols)) if (symbol.kind === 'Class' && ['disk', 'interface', 'controller', 'hostdev'].includes(symbol.element)) {
      devices++;
      assert.notEqual(symbol.name, symbol.element, `an unnamed ${symbol.element} in ${file}`);
    }
  }
  assert.ok(devices > 1000, `${devices} devices`);
});

const OTHER = `<domain type='kvm'><name>db02</name><devices><disk type='block'><source dev='/dev/vg/db'/><target dev='vda'/></disk></devices></domain>`;

test('workspace symbols: each domain by its guest name, and its devices, across documents', () => {
  const open = [
    { uri: 'file:///a.xml', analysis: analysisOf(GUEST) },
    { uri: 'file:///b.xml', analysis: analysisOf(OTHER) },
    { uri: 'file:///net.xml', analysis: analysisOf("<network><name>db02</name></network>") },
  ];
  const db = workspaceSymbols(open, 'DB02');
  assert.deepEqual([db[0].uri, db[0].name, db[0].kind, db[0].containerName], ['file:///b.xml', 'db02', 'Module', undefined], 'by guest name, case-insensitive, first');
  assert.ok(!db.some((s) => s.uri === 'file:///net.xml'), 'a document whose root is not <domain> is left out');
  assert.equal(OTHER.slice(db[0].start, db[0].end), 'domain');
  const vda = workspaceSymbols(open, 'vda');
  assert.deepEqual(
    vda.map((s) => [s.uri, s.name, s.containerName]),
    [
      ['file:///a.xml', 'disk vda · file web01.qcow2', 'web01'],
      ['file:///b.xml', 'disk vda · block db', 'db02'],
    ],
  );
  assert.equal(GUEST.slice(vda[0].start, vda[0].end), 'disk');
});

test('workspace symbols: prefix matches first, then substrings, then letters in order; bounded', () => {
  const open = [{ uri: 'file:///a.xml', analysis: analysisOf(GUEST) }];
  assert.deepEqual(
    workspaceSymbols(open, 'web').map((s) => s.name),
    ['web01', 'disk vda · file web01.qcow2', 'interface network=default · 52:54:00:6b:3c:1a'],
    'the interface holds w, e and b in order',
  );
  assert.deepEqual(
    workspaceSymbols(open, 'ctl pcie').map((s) => s.name),
    ['controller pci 1 · pcie-root-port'],
    'the letters of the query in order, spaces aside',
  );
  assert.equal(workspaceSymbols(open, 'zzz').length, 0);
  assert.equal(workspaceSymbols(open, '').length, 5, 'an empty query lists the domain and its devices');
  const many = `<domain><name>big</name><devices>${"<disk type='file'><target dev='vda'/></disk>".repeat(MAX_WORKSPACE_SYMBOLS + 100)}</devices></domain>`;
  assert.equal(workspaceSymbols([{ uri: 'file:///big.xml', analysis: analysisOf(many) }], '').length, MAX_WORKSPACE_SYMBOLS);
});
