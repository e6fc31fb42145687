import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ccwAddressDoubleUseRule } from '../../server/src/rules/buses/ccw';
import { controllerDuplicateIndexRule } from '../../server/src/rules/buses/controllerIndex';
import {
  pciAddressDoubleUseRule,
  pciAddressIncompatibleRule,
  pciAddressIntegratedRule,
  pciAddressInvalidRule,
  pciBuiltinAddressRule,
  pciControllerNoSlotRule,
  pciNoBusesRule,
} from '../../server/src/rules/buses/pciAddresses';
import { pciControllerOptionsRule } from '../../server/src/rules/buses/pciControllerOptions';
import { pciBridgeIndexRule, pciControllerNumaNodeRule, pciExpanderMachineRule } from '../../server/src/rules/buses/pciExpander';
import { pciRootIndexRule, pciRootModelRule } from '../../server/src/rules/buses/pciRoot';
import { spaprVioAddressClashRule } from '../../server/src/rules/buses/spaprVio';
import { virtioDiskAddressTypeRule } from '../../server/src/rules/buses/virtioDiskAddress';
import { virtioSerialPortRule } from '../../server/src/rules/buses/virtioSerial';
import { zpciAddressRule } from '../../server/src/rules/buses/zpci';
import { busesRules } from '../../server/src/rules/buses';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { runRules } from '../../server/src/rules';
import { pciMap } from '../../server/src/rules/buses/pci';
import { Domain } from '../../server/src/rules/domain';
import { expectRule, kvmDomain, ruleFindings, unmark } from './helpers/wordedRules';

const pc = { machine: 'pc-i440fx-9.0' };
const pseries = { arch: 'ppc64', machine: 'pseries' };
const s390 = { arch: 's390x', machine: 's390-ccw-virtio' };

describe('rules: buses', () => {
  it('pci-root-model: a q35 domain switched to pc keeps its pcie-root', () => {
    const [finding] = expectRule(pciRootModelRule, kvmDomain(`<controller type='pci' index='0' model='⟦pcie-root⟧'/>`, pc));
    assert.match(finding.message, /must be model='pci-root'/);
    assert.equal(finding.fixes?.[0].newText, 'pci-root');
  });

  it('pci-root-model: q35 needs pcie-root', () => {
    expectRule(pciRootModelRule, kvmDomain(`<controller type='pci' index='0' model='⟦pci-root⟧'/>`));
  });

  it('pci-root-model near miss: the right root, or none written', () => {
    expectRule(pciRootModelRule, kvmDomain(`<controller type='pci' index='0' model='pcie-root'/>`));
    expectRule(pciRootModelRule, kvmDomain(`<controller type='pci' index='0' model='pci-root'/>`, pc));
    expectRule(pciRootModelRule, kvmDomain(`<controller type='usb' index='0'/>`, pc));
  });

  it('pci-root-index: a root controller at another index than 0', () => {
    expectRule(pciRootIndexRule, kvmDomain(`<controller type='pci' index='⟦7⟧' model='pci-root'/>`, pc));
  });

  it('pci-root-index near miss: pSeries has several PHBs', () => {
    expectRule(pciRootIndexRule, kvmDomain(`<controller type='pci' index='0' model='pci-root'/>
    <controller type='pci' index='1' model='pci-root'/>`, pseries));
  });

  it('controller-duplicate-index: the second controller of a type on an index, the first linked', () => {
    const [finding] = expectRule(controllerDuplicateIndexRule, kvmDomain(`<controller type='scsi' index='0' model='virtio-scsi'/>
    <controller type='scsi' index='⟦0⟧' model='lsilogic'/>`));
    assert.equal(finding.related?.length, 1);
  });

  it('controller-duplicate-index near miss: USB2 companions share an index, other types differ, unindexed ones get free indexes', () => {
    expectRule(controllerDuplicateIndexRule, kvmDomain(`<controller type='usb' index='0' model='ich9-ehci1'/>
    <controller type='usb' index='0' model='ich9-uhci1'/>
    <controller type='scsi' index='0'/>
    <controller type='scsi'/>
    <controller type='sata' index='0'/>`));
  });

  it('pci-controller-options: a PHB target index out of 0-30', () => {
    expectRule(pciControllerOptionsRule, kvmDomain(`<controller type='pci' model='pci-root'>
      <target index='⟦31⟧'/>
    </controller>`, pseries));
  });

  it('pci-controller-options: a root with an address, busNr 0', () => {
    expectRule(pciControllerOptionsRule, kvmDomain(`<controller type='pci' index='0' model='pcie-root'>
      <⟦address⟧ type='pci' bus='0' slot='2'/>
    </controller>
    <controller type='pci' index='1' model='pcie-expander-bus'>
      <target busNr='⟦0⟧'/>
    </controller>`));
  });

  it('pci-controller-options near miss: target numbers in range', () => {
    expectRule(pciControllerOptionsRule, kvmDomain(`<controller type='pci' index='0' model='pci-root'/>
    <controller type='pci' index='1' model='pci-root'>
      <target index='30'/>
    </controller>`, pseries));
  });

  it('pci-expander-bus-machine: pxb on q35, pxb-pcie on pc', () => {
    expectRule(pciExpanderMachineRule, kvmDomain(`<controller type='pci' index='1' model='⟦pci-expander-bus⟧'/>`));
    expectRule(pciExpanderMachineRule, kvmDomain(`<controller type='pci' index='1' model='⟦pcie-expander-bus⟧'/>`, pc));
  });

  it('pci-expander-bus-machine near miss: each on its machine', () => {
    expectRule(pciExpanderMachineRule, kvmDomain(`<controller type='pci' index='1' model='pcie-expander-bus'/>`));
    expectRule(pciExpanderMachineRule, kvmDomain(`<controller type='pci' index='1' model='pci-expander-bus'/>`, pc));
  });

  it('pci-controller-numa-node: a node that <cpu><numa> lacks', () => {
    const head = `  <cpu><numa><cell id='0' cpus='0' memory='524288' unit='KiB'/><cell id='1' cpus='1' memory='524288' unit='KiB'/></numa></cpu>\n`;
    expectRule(pciControllerNumaNodeRule, kvmDomain(`<controller type='pci' index='1' model='pci-expander-bus'><target busNr='254'><node>⟦2⟧</node></target></controller>`, { ...pc, head }));
    expectRule(pciControllerNumaNodeRule, kvmDomain(`<controller type='pci' index='1' model='pci-expander-bus'><target busNr='254'><node>1</node></target></controller>`, { ...pc, head }));
  });

  it('pci-bridge-index-order: a pci-bridge plugged into a bus numbered at or above its index', () => {
    expectRule(pciBridgeIndexRule, kvmDomain(`<controller type='pci' index='1' model='pci-bridge'><address type='pci' bus='0' slot='3'/></controller>
    <controller type='pci' index='2' model='pci-bridge'><address type='pci' bus='⟦3⟧' slot='1'/></controller>
    <controller type='pci' index='3' model='pci-bridge'><address type='pci' bus='1' slot='1'/></controller>`, pc));
  });

  it('pci-bridge-index-order near miss: bridges chained upwards', () => {
    expectRule(pciBridgeIndexRule, kvmDomain(`<controller type='pci' index='1' model='pci-bridge'><address type='pci' bus='0' slot='3'/></controller>
    <controller type='pci' index='2' model='pci-bridge'><address type='pci' bus='1' slot='1'/></controller>`, pc));
  });

  it('pci-address-double-use: XML copied from another guest reuses a slot; the second address is flagged, the first linked', () => {
    const [finding] = expectRule(
      pciAddressDoubleUseRule,
      kvmDomain(`<interface type='network'>
      <source network='default'/>
      <model type='virtio'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
    </interface>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/a.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <⟦address⟧ type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
    </disk>`, pc),
    );
    assert.equal(finding.related?.length, 1);
    assert.match(finding.related?.[0].message ?? '', /interface/);
    assert.match(finding.message, /0000:00:03\.0/);
    const fix = finding.fixes?.[0];
    assert.ok(fix && !fix.safe);
  });

  it('pci-address-double-use: its fix removes the second address with its line', () => {
    const { text } = unmark(kvmDomain(`<rng model='virtio'>
      <backend model='random'/>
      <address type='pci' bus='0' slot='5'/>
    </rng>
    <memballoon model='virtio'>
      <address type='pci' bus='0' slot='5'/>
    </memballoon>`, pc));
    const [finding] = ruleFindings(pciAddressDoubleUseRule, text);
    const fix = finding.fixes?.find((f) => f.title.startsWith('Remove'));
    assert.ok(fix);
    const fixed = text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
    assert.match(fixed, /<memballoon model='virtio'>\n    <\/memballoon>/);
    assert.equal(ruleFindings(pciAddressDoubleUseRule, fixed).length, 0);
  });

  it("pci-address-double-use: i440fx's IDE controller occupies 00:01.1", () => {
    const xml = kvmDomain(`<controller type='ide' index='0'/>
    <memballoon model='virtio'>
      <⟦address⟧ type='pci' slot='1' function='1'/>
    </memballoon>`, pc);
    const [finding] = expectRule(pciAddressDoubleUseRule, xml);
    assert.match(finding.message, /IDE/);
    assert.equal(finding.related?.length, 1);
  });

  it("pci-address-double-use: q35's ICH9 functions at 00:1f.x", () => {
    expectRule(pciAddressDoubleUseRule, kvmDomain(`<memballoon model='virtio'>
      <⟦address⟧ type='pci' bus='0' slot='0x1f' function='0x3'/>
    </memballoon>`));
  });

  it('pci-address-double-use near miss: other functions of a slot, all-zero addresses, no IDE controller on i440fx', () => {
    expectRule(pciAddressDoubleUseRule, kvmDomain(`<interface type='network'>
      <source network='default'/>
      <address type='pci' bus='0' slot='3' function='0' multifunction='on'/>
    </interface>
    <interface type='network'>
      <source network='default'/>
      <address type='pci' bus='0' slot='3' function='1'/>
    </interface>
    <rng model='virtio'><backend model='random'/><address type='pci' domain='0' bus='0' slot='0' function='0'/></rng>
    <memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='0' function='0'/></memballoon>
    <watchdog model='i6300esb'><address type='pci' bus='0' slot='1' function='1'/></watchdog>`, { machine: 'pc', arch: 'x86_64' }));
  });

  it('pci-address-incompatible: a dmi-to-pci-bridge on a pcie-root-port', () => {
    const [finding] = expectRule(pciAddressIncompatibleRule, kvmDomain(`<controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <controller type='pci' index='2' model='dmi-to-pci-bridge'>
      <address type='pci' bus='⟦1⟧'/>
    </controller>`));
    assert.match(finding.message, /dmi-to-pci-bridge/);
    assert.equal(finding.related?.length, 1);
  });

  it('pci-address-incompatible near miss: an endpoint on a root port, a pci-bridge on a pcie-to-pci-bridge', () => {
    expectRule(pciAddressIncompatibleRule, kvmDomain(`<controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='1' model='pcie-root-port'><address type='pci' bus='0' slot='2'/></controller>
    <controller type='pci' index='2' model='pcie-root-port'><address type='pci' bus='0' slot='3'/></controller>
    <controller type='pci' index='3' model='pcie-to-pci-bridge'><address type='pci' bus='2' slot='0'/></controller>
    <controller type='pci' index='4' model='pci-bridge'><address type='pci' bus='3' slot='1'/></controller>
    <interface type='network'><source network='default'/><model type='e1000'/><address type='pci' bus='1' slot='0'/></interface>`));
  });

  it('pci-address-integrated: a virtio IOMMU off bus 0', () => {
    expectRule(pciAddressIntegratedRule, kvmDomain(`<iommu model='virtio'>
      <address type='pci' domain='0x0000' bus='⟦0x01⟧' slot='0x00' function='0x0'/>
    </iommu>`));
  });

  it('pci-address-integrated near miss: on bus 0', () => {
    expectRule(pciAddressIntegratedRule, kvmDomain(`<iommu model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </iommu>`));
  });

  it('pci-address-invalid: slot 0 of pci-root, slot 1 of a root port', () => {
    expectRule(pciAddressInvalidRule, kvmDomain(`<memballoon model='virtio'><address type='pci' bus='0' slot='⟦0⟧' function='1'/></memballoon>`, pc));
    expectRule(pciAddressInvalidRule, kvmDomain(`<controller type='pci' index='1' model='pcie-root-port'/>
    <memballoon model='virtio'><address type='pci' bus='1' slot='⟦1⟧'/></memballoon>`));
  });

  it('pci-address-invalid: on q35, libvirt adds pcie-root-ports for a bus beyond the controllers, and they have slot 0 only', () => {
    expectRule(pciAddressInvalidRule, kvmDomain(`<interface type='network'><source network='default'/><model type='virtio'/>
      <address type='pci' domain='0x0000' bus='0x03' slot='⟦0x01⟧' function='0x0'/></interface>`));
  });

  it('pci-address-invalid near miss: a bus beyond the controllers is added by libvirt', () => {
    expectRule(pciAddressInvalidRule, kvmDomain(`<memballoon model='virtio'><address type='pci' bus='3' slot='1'/></memballoon>`, pc));
  });

  it('pci-no-buses: isapc has no PCI bus for the USB controller', () => {
    expectRule(pciNoBusesRule, kvmDomain(`<⟦controller⟧ type='usb' index='0'/>
    <memballoon model='none'/>`, { machine: 'isapc' }));
  });

  it("pci-no-buses near miss: isapc with USB model='none'", () => {
    expectRule(pciNoBusesRule, kvmDomain(`<controller type='usb' index='0' model='none'/>
    <memballoon model='none'/>`, { machine: 'isapc' }));
  });

  it('pci-builtin-address: the primary IDE controller moved off 00:01.1', () => {
    expectRule(pciBuiltinAddressRule, kvmDomain(`<controller type='ide' index='0'>
      <⟦address⟧ type='pci' bus='0' slot='5' function='0'/>
    </controller>`, pc));
  });

  it('pci-builtin-address: the PIIX3 USB functions need a conventional PCI bus 0, which q35 lacks', () => {
    expectRule(pciBuiltinAddressRule, kvmDomain(`<controller type='usb' index='0' model='piix3-uhci'>
      <⟦address⟧ type='pci' bus='0' slot='1' function='2'/>
    </controller>`));
  });

  it('pci-builtin-address near miss: the IDE controller where it belongs, a second SATA controller anywhere', () => {
    expectRule(pciBuiltinAddressRule, kvmDomain(`<controller type='ide' index='0'><address type='pci' bus='0' slot='1' function='1'/></controller>`, pc));
    expectRule(pciBuiltinAddressRule, kvmDomain(`<controller type='sata' index='1'><address type='pci' bus='0' slot='5' function='0'/></controller>`));
  });

  it('pci-controller-no-slot: more pcie-root-ports than pcie-root has functions', () => {
    const ports = Array.from({ length: 241 }, () => "<controller type='pci' model='pcie-root-port'/>");
    ports[240] = "<⟦controller⟧ type='pci' model='pcie-root-port'/>";
    expectRule(pciControllerNoSlotRule, kvmDomain(`<controller type='pci' index='0' model='pcie-root'/>\n${ports.join('\n')}`));
  });

  it('pci-controller-no-slot near miss: 240 pcie-root-ports fit', () => {
    const ports = Array.from({ length: 240 }, () => "<controller type='pci' model='pcie-root-port'/>");
    expectRule(pciControllerNoSlotRule, kvmDomain(`<controller type='pci' index='0' model='pcie-root'/>\n${ports.join('\n')}`));
  });

  it('spapr-vio-address-clash: two devices written with one reg', () => {
    const [finding] = expectRule(spaprVioAddressClashRule, kvmDomain(`<serial type='pty'><address type='spapr-vio' reg='0x4000'/></serial>
    <controller type='scsi' index='0'><address type='spapr-vio' reg='⟦0x4000⟧'/></controller>`, pseries));
    assert.equal(finding.related?.length, 1);
  });

  it('spapr-vio-address-clash near miss: regs left to libvirt, distinct regs', () => {
    expectRule(spaprVioAddressClashRule, kvmDomain(`<serial type='pty'><address type='spapr-vio'/></serial>
    <serial type='pty'><address type='spapr-vio' reg='0x30001000'/></serial>
    <controller type='scsi' index='0'><address type='spapr-vio' reg='0x2000'/></controller>`, pseries));
  });

  it('virtio-serial-port: two channels on one port, a port the controller lacks', () => {
    const [finding] = expectRule(virtioSerialPortRule, kvmDomain(`<controller type='virtio-serial' index='0' ports='4'/>
    <channel type='pty'><target type='virtio' name='a'/><address type='virtio-serial' controller='0' bus='0' port='2'/></channel>
    <channel type='pty'><target type='virtio' name='b'/><address type='virtio-serial' controller='0' bus='0' port='⟦2⟧'/></channel>
    <channel type='pty'><target type='virtio' name='c'/><address type='virtio-serial' controller='0' bus='0' port='⟦4⟧'/></channel>`));
    assert.equal(finding.related?.length, 1);
  });

  it('virtio-serial-port near miss: distinct ports, port 0 left to libvirt', () => {
    expectRule(virtioSerialPortRule, kvmDomain(`<channel type='pty'><target type='virtio' name='a'/><address type='virtio-serial' controller='0' bus='0' port='1'/></channel>
    <channel type='pty'><target type='virtio' name='b'/><address type='virtio-serial' controller='0' bus='0' port='2'/></channel>
    <channel type='pty'><target type='virtio' name='c'/><address type='virtio-serial' controller='0' bus='0' port='0'/></channel>`));
  });

  it('ccw-address-double-use: two devices on one devno', () => {
    const [finding] = expectRule(ccwAddressDoubleUseRule, kvmDomain(`<rng model='virtio'><backend model='random'/><address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0007'/></rng>
    <memballoon model='virtio'><address type='ccw' cssid='0xfe' ssid='0x0' devno='⟦0x7⟧'/></memballoon>`, s390));
    assert.match(finding.message, /fe\.0\.0007/);
  });

  it('ccw-address-double-use near miss: different devnos', () => {
    expectRule(ccwAddressDoubleUseRule, kvmDomain(`<rng model='virtio'><backend model='random'/><address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0007'/></rng>
    <memballoon model='virtio'><address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0008'/></memballoon>`, s390));
  });

  it('zpci-address: a uid used twice, a uid of 0', () => {
    const hostdev = (uid: string, fid: string) => `<hostdev mode='subsystem' type='pci'><source><address domain='0' bus='0' slot='1' function='0'/></source>
      <address type='pci'><zpci uid='${uid}' fid='${fid}'/></address></hostdev>`;
    const [finding] = expectRule(zpciAddressRule, kvmDomain(`${hostdev('0x0001', '0x1')}\n${hostdev('⟦0x0001⟧', '0x2')}\n${hostdev('⟦0x0000⟧', '0x3')}`, s390));
    assert.equal(finding.related?.length, 1);
  });

  it('zpci-address near miss: distinct identifiers', () => {
    const hostdev = (uid: string, fid: string) => `<hostdev mode='subsystem' type='pci'><source><address domain='0' bus='0' slot='1' function='0'/></source>
      <address type='pci'><zpci uid='${uid}' fid='${fid}'/></address></hostdev>`;
    expectRule(zpciAddressRule, kvmDomain(`${hostdev('0x0001', '0x1')}\n${hostdev('0x0002', '0x2')}`, s390));
  });

  it('zpci-address: no zPCI outside s390', () => {
    expectRule(zpciAddressRule, kvmDomain(`<hostdev mode='subsystem' type='pci'><source><address domain='0' bus='0' slot='1' function='0'/></source>
      <address type='pci' bus='0' slot='5'><⟦zpci⟧ uid='0x0001'/></address></hostdev>`));
  });

  it('virtio-disk-address-type: a drive address copied onto a virtio disk', () => {
    const [finding] = expectRule(virtioDiskAddressTypeRule, kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/>
      <address type='⟦drive⟧' controller='0' bus='0' target='0' unit='0'/></disk>`));
    assert.equal(finding.fixes?.[0].safe, true);
  });

  it('virtio-disk-address-type near miss: PCI and CCW addresses, a SCSI disk on a drive address', () => {
    expectRule(virtioDiskAddressTypeRule, kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/>
      <address type='pci' bus='0' slot='5'/></disk>
    <disk type='file' device='disk'><source file='/b.img'/><target dev='sda' bus='scsi'/>
      <address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>`));
  });

  it('the address map is built once per document version, and 50,000 devices on 210 bridges get no finding', () => {
    const devices: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const bus = 1 + Math.floor(i / 31 / 8);
      devices.push(`<rng model='virtio'><backend model='random'/><address type='pci' bus='${bus}' slot='${1 + (Math.floor(i / 8) % 31)}' function='${i % 8}'/></rng>`);
    }
    const bridges = Array.from({ length: 210 }, (_, i) => `<controller type='pci' index='${i + 1}' model='pci-bridge'/>`);
    const { text } = unmark(kvmDomain(`${bridges.join('\n')}\n${devices.join('\n')}`, pc));
    const domain = Domain.of(text, ParsedDocument.parse(text).tree);
    assert.ok(domain);
    // The bench measures how long the rules take; here, what they find.
    const findings = runRules(domain, busesRules);
    assert.equal(pciMap(domain), pciMap(domain), 'the map is computed once per document version');
    assert.equal(findings.length, 0, findings.slice(0, 3).map((f) => f.message).join(' | '));
  });
});
