import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { helpIn } from '../../server/src/rules';
import type { MessageKey } from '../../server/src/messages/en';
import { render, words } from '../../server/src/messages/words';
import { diskAddressTypeRule, driveAddressDuplicateRule } from '../../server/src/rules/storage/driveAddresses';
import { diskVendorProductRule } from '../../server/src/rules/storage/diskFrontend';
import { derivedDriveAddress, diskFacts, parseTarget } from '../../server/src/rules/storage/disks';
import {
  diskEncryptionFormatRule,
  diskFormatRule,
  diskMetadataCacheRule,
  diskNetworkProtocolRule,
  diskSharedFormatRule,
  diskSourceTwiceRule,
  usbDiskEmptyRule,
} from '../../server/src/rules/storage/diskSource';
import { diskTargetDuplicateRule, diskTargetPartitionRule, diskTargetUnknownRule } from '../../server/src/rules/storage/diskTargets';
import {
  hostdevAddressTypeRule,
  hostdevBootRule,
  hostdevDuplicateRule,
  hostdevMdevAddressRule,
  hostdevQemuModelRule,
  hostdevRamfbRule,
} from '../../server/src/rules/storage/hostdevs';
import {
  diskAuthProtocolRule,
  diskEncryptionCipherRule,
  diskLunSourceRule,
  diskStartupPolicyRule,
  diskVendorProductLengthRule,
} from '../../server/src/rules/storage/diskSourceConfig';
import { ideControllerRule } from '../../server/src/rules/storage/ide';
import { diskNvmeNamespaceRule, diskVhostUserRule } from '../../server/src/rules/storage/diskVhostUser';
import {
  diskDeviceBusRule,
  diskIotuneConflictRule,
  diskLunOnlyRule,
  diskSourceMissingRule,
  diskVirtioOnlyRule,
} from '../../server/src/rules/storage/diskConfig';
import {
  diskBusUnsupportedRule,
  diskCopyOnReadRule,
  diskDriverNameRule,
  diskIoNativeCacheRule,
  diskIothreadRule,
  diskIotuneUnsupportedRule,
  diskLunUnsupportedRule,
  diskSerialCharsRule,
  diskTransientRule,
} from '../../server/src/rules/storage/diskQemu';
import { storageRules } from '../../server/src/rules/storage';
import { Domain } from '../../server/src/rules/domain';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { expectInWords } from './helpers/findingWords';
import { expectRule as expectRuleIn, kvmDomain } from './helpers/rules';

/** Every finding of these tests says what it says in catalogue words, Chinese included. */
const expectRule: typeof expectRuleIn = (rule, marked) => expectInWords(expectRuleIn(rule, marked));

const file = (target: string, bus: string, extra = '') => `<disk type='file' device='disk'>
      <source file='/var/lib/images/${target}.img'/>
      <target dev='${target}' bus='${bus}'/>${extra}
    </disk>`;

describe('rules: storage', () => {
  it('disk facts: target index, partition and the drive address libvirt derives', () => {
    assert.deepEqual(parseTarget('sda'), { prefix: 'sd', index: 0, partition: 0 });
    assert.deepEqual(parseTarget('hdc'), { prefix: 'hd', index: 2, partition: 0 });
    assert.deepEqual(parseTarget('vdaa'), { prefix: 'vd', index: 26, partition: 0 });
    assert.deepEqual(parseTarget('xvdb12'), { prefix: 'xvd', index: 1, partition: 12 });
    assert.equal(parseTarget('vda01'), undefined);
    assert.equal(parseTarget('nvme0n1'), undefined);
    assert.equal(parseTarget('hdaxxxxxxxxxx'), undefined);
    assert.deepEqual(derivedDriveAddress('ide', 2), { controller: 0, bus: 1, target: 0, unit: 0 });
    assert.deepEqual(derivedDriveAddress('scsi', 7), { controller: 1, bus: 0, target: 0, unit: 0 });
    assert.deepEqual(derivedDriveAddress('sata', 8), { controller: 1, bus: 0, target: 0, unit: 2 });
    assert.equal(derivedDriveAddress('virtio', 0), undefined);
    const text = kvmDomain(`<disk type='file' device='cdrom'><target dev='sdb'/></disk>`);
    const domain = Domain.of(text, ParsedDocument.parse(text).tree)!;
    const [disk] = domain.derived(diskFacts);
    assert.equal(disk.bus, 'scsi');
    assert.deepEqual(disk.drive, { controller: 0, bus: 0, target: 0, unit: 1 });
    assert.equal(domain.derived(diskFacts), domain.derived(diskFacts), 'computed once per version');
  });

  it('every storage rule has a code, libvirt function, message and help', () => {
    const codes = new Set<string>();
    for (const rule of storageRules) {
      assert.match(rule.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!codes.has(rule.code), rule.code);
      codes.add(rule.code);
      assert.match(rule.libvirt, /\(src\/[a-z_/]+\.c\)$/);
      assert.ok(rule.libvirtMessages.length > 0 && helpIn(rule, 'en').length > 80, rule.code);
      assert.deepEqual(rule.help, words(`rules.help.${rule.code}` as MessageKey), `${rule.code}: its help is catalogue words`);
      assert.match(helpIn(rule, 'zh'), /[\u4e00-\u9fff]/, `${rule.code}: its help in Chinese`);
    }
  });

  it('in Chinese: a finding with its related place and fix, a disk and a drive address in words, a list of values', () => {
    const [duplicate] = expectRule(
      diskTargetDuplicateRule,
      kvmDomain(`${file('vda', 'virtio')}
    <disk type='file' device='disk'><source file='/b.img'/><target dev='⟦vda⟧' bus='virtio'/></disk>`),
    );
    assert.equal(render(duplicate.words!, 'zh'), '目标 `vda` 已被另一个 `<disk>` 使用：libvirt 会拒绝这个域。');
    assert.equal(render(duplicate.related![0].words!, 'zh'), '第一个使用目标 `vda` 的磁盘');
    assert.equal(duplicate.fixes![0].title, 'Use `vdb`');
    assert.equal(render(duplicate.fixes![0].titleWords!, 'zh'), '改用 `vdb`');

    const [drive] = expectRule(
      driveAddressDuplicateRule,
      kvmDomain(`${file('sda', 'scsi')}
    ${file('sdb', 'scsi', "\n      <⟦address⟧ type='drive' controller='0' bus='0' target='0' unit='0'/>")}`),
    );
    assert.equal(drive.message, 'Disk `sdb` is on scsi controller 0, bus 0, target 0, unit 0, which disk `sda` already uses: libvirt rejects the domain.');
    assert.equal(render(drive.words!, 'zh'), '磁盘 `sdb` 位于 scsi 控制器 0、总线 0、目标 0、单元 0，该地址已被磁盘 `sda` 使用：libvirt 会拒绝这个域。');
    assert.equal(render(drive.related![0].words!, 'zh'), '磁盘 `sda` 位于 scsi 控制器 0、总线 0、目标 0、单元 0（由其目标名推出）');

    const [address] = expectRule(
      hostdevAddressTypeRule,
      kvmDomain(`<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/></source>
      <address type='⟦drive⟧' controller='0' bus='0' target='0' unit='0'/></hostdev>`),
    );
    assert.equal(address.message, 'A `pci` host device takes a `pci` or `unassigned` address, not `drive`: libvirt rejects the domain.');
    assert.equal(render(address.words!, 'zh'), '`pci` 宿主机设备使用 `pci` 或 `unassigned` 地址，而不是 `drive`：libvirt 会拒绝这个域。');
    assert.match(helpIn(diskTargetDuplicateRule, 'zh'), /^每个 `<disk>` 都需要自己的 `<target dev>`/);
  });

  it('disk-target-duplicate: a second disk on the same target is flagged, the first linked', () => {
    const [finding] = expectRule(
      diskTargetDuplicateRule,
      kvmDomain(`${file('vda', 'virtio')}
    <disk type='file' device='disk'><source file='/b.img'/><target dev='⟦vda⟧' bus='scsi'/></disk>`),
    );
    assert.equal(finding.related?.length, 1);
    assert.match(finding.message, /libvirt rejects the domain\.$/);
  });

  it('disk-target-duplicate near miss: distinct targets', () => {
    expectRule(diskTargetDuplicateRule, kvmDomain(`${file('vda', 'virtio')}\n    ${file('vdb', 'virtio')}`));
  });

  it('disk-target-unknown: a target libvirt cannot count, on a disk without address', () => {
    expectRule(
      diskTargetUnknownRule,
      kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='⟦hdaxxxxxxxxxx⟧' bus='virtio'/></disk>
    <disk type='file' device='disk'><source file='/b.img'/><target dev='⟦disk2⟧' bus='virtio'/></disk>`),
    );
  });

  it('disk-target-unknown near miss: the same name with an address, and readable names', () => {
    expectRule(
      diskTargetUnknownRule,
      kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='disk2' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></disk>
    ${file('vdzz', 'virtio')}\n    ${file('sdb3', 'scsi')}`),
    );
  });

  it('disk-target-partition: a partition as target, and an unreadable target with an address', () => {
    const [partition] = expectRule(
      diskTargetPartitionRule,
      kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='⟦vda1⟧' bus='virtio'/></disk>
    <disk type='file' device='disk'><source file='/b.img'/><target dev='⟦disk2⟧' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></disk>`),
    );
    assert.equal(partition.fixes?.[0].newText, 'vda');
  });

  it('disk-target-partition near miss: whole disks (vda0 reads as partition 0)', () => {
    expectRule(diskTargetPartitionRule, kvmDomain(`${file('vda', 'virtio')}\n    ${file('vdb0', 'virtio')}`));
  });

  it('disk-address-type: a SCSI disk and a USB disk with PCI addresses', () => {
    expectRule(
      diskAddressTypeRule,
      kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='sda' bus='scsi'/>
      <address type='⟦pci⟧' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></disk>
    <disk type='file' device='disk'><source file='/b.img'/><target dev='sdb' bus='usb'/>
      <address type='⟦pci⟧' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/></disk>`),
    );
  });

  it('disk-address-type near miss: drive address on SCSI, PCI address on virtio', () => {
    expectRule(
      diskAddressTypeRule,
      kvmDomain(`${file('sda', 'scsi', "\n      <address type='drive' controller='0' bus='0' target='0' unit='0'/>")}
    ${file('vda', 'virtio', "\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>")}`),
    );
  });

  it('drive-address-duplicate: a written address equal to one derived from a target name', () => {
    const [finding] = expectRule(
      driveAddressDuplicateRule,
      kvmDomain(`${file('sda', 'scsi')}
    ${file('sdb', 'scsi', "\n      <⟦address⟧ type='drive' controller='0' bus='0' target='0' unit='0'/>")}`),
    );
    assert.equal(finding.related?.length, 1);
    assert.match(finding.message, /controller 0, bus 0, target 0, unit 0/);
  });

  it('drive-address-duplicate: two derived IDE addresses (hdc is bus 1 unit 0) and a SCSI hostdev on a disk', () => {
    const findings = expectRule(
      driveAddressDuplicateRule,
      kvmDomain(
        `${file('hdc', 'ide')}
    <disk type='file' device='cdrom'><target dev='hdb' bus='ide'/><⟦address⟧ type='drive' controller='0' bus='1' target='0' unit='0'/></disk>
    ${file('sda', 'scsi')}
    <hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source>
      <⟦address⟧ type='drive' controller='0' bus='0' target='0' unit='0'/></hostdev>`,
        { machine: 'pc' },
      ),
    );
    assert.ok(findings.every((f) => f.related?.length === 1));
  });

  it('drive-address-duplicate near miss: derived addresses that differ, and the same address on another bus', () => {
    expectRule(
      driveAddressDuplicateRule,
      kvmDomain(`${file('sda', 'scsi')}\n    ${file('sdb', 'scsi')}
    ${file('sdc', 'sata', "\n      <address type='drive' controller='0' bus='0' target='0' unit='0'/>")}`),
    );
  });

  it('ide-unsupported: IDE disks and controllers on q35 and ARM virt', () => {
    expectRule(
      ideControllerRule,
      kvmDomain(`<disk type='file' device='cdrom'><target dev='hdc' bus='⟦ide⟧'/></disk>
    <controller type='⟦ide⟧' index='0'/>`),
    );
    expectRule(ideControllerRule, kvmDomain(`<disk type='file' device='cdrom'><target dev='⟦hda⟧'/></disk>`, { arch: 'aarch64', machine: 'virt' }));
  });

  it('ide-unsupported: a second IDE controller on i440fx, also implied by hde', () => {
    expectRule(
      ideControllerRule,
      kvmDomain(`${file('hde', '⟦ide⟧')}\n    <controller type='⟦ide⟧' index='1'/>`, { machine: 'pc-i440fx-9.0' }),
    );
  });

  it('ide-unsupported near miss: hda to hdd on i440fx, SATA on q35, an unknown machine', () => {
    expectRule(ideControllerRule, kvmDomain(`${file('hda', 'ide')}\n    ${file('hdd', 'ide')}\n    <controller type='ide' index='0'/>`, { machine: 'pc' }));
    expectRule(ideControllerRule, kvmDomain(file('sda', 'sata')));
    expectRule(ideControllerRule, kvmDomain(file('hda', 'ide'), { arch: 'sparc64', machine: 'niagara' }));
  });

  it('disk-source-twice: <encryption> in <disk> and in <source>', () => {
    const [finding] = expectRule(
      diskSourceTwiceRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vda' bus='virtio'/>
      <⟦encryption⟧ format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption>
    </disk>`),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('disk-source-twice near miss: encryption in <source> only', () => {
    expectRule(
      diskSourceTwiceRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-format-unsupported: the cow format', () => {
    expectRule(diskFormatRule, kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='⟦cow⟧'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`));
  });

  it('disk-format-unsupported: iso, fat on a file, a writable directory disk', () => {
    expectRule(
      diskFormatRule,
      kvmDomain(`<disk type='file' device='cdrom'><driver name='qemu' type='⟦iso⟧'/><source file='/a.iso'/><target dev='sda' bus='sata'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='⟦fat⟧'/><source file='/b.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='⟦dir⟧' device='disk'><driver name='qemu' type='fat'/><source dir='/srv'/><target dev='vdb' bus='virtio'/></disk>`),
    );
  });

  it('disk-format-unsupported near miss: qcow2 and fat', () => {
    expectRule(
      diskFormatRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='dir' device='floppy'><driver name='qemu' type='fat'/><source dir='/tmp'/><target dev='fda'/><readonly/></disk>`),
    );
  });

  it('disk-encryption-format: LUKS on a vmdk image, old qcow encryption on qcow2', () => {
    const [vmdk] = expectRule(
      diskEncryptionFormatRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='⟦vmdk⟧'/>
      <source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='/b.img'><encryption format='⟦qcow⟧'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vdb' bus='virtio'/></disk>`),
    );
    assert.equal(vmdk.related?.length, 1);
  });

  it('disk-encryption-format: luks2 with the qemu engine, two secrets, librbd on a file', () => {
    expectRule(
      diskEncryptionFormatRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='/a.img'><encryption format='⟦luks2⟧' engine='qemu'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='/b.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/><⟦secret⟧ type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6e'/></encryption></source>
      <target dev='vdb' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='/c.img'><encryption format='luks' engine='⟦librbd⟧'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vdc' bus='virtio'/></disk>`),
    );
  });

  it('disk-encryption-format near miss: LUKS on raw and qcow2', () => {
    expectRule(
      diskEncryptionFormatRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='/b.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source>
      <target dev='vdb' bus='virtio'/></disk>`),
    );
  });

  it('disk-shared-format: a writable shared qcow2 disk', () => {
    const [finding] = expectRule(
      diskSharedFormatRule,
      kvmDomain(`<disk type='block' device='disk'><driver name='qemu' type='⟦qcow2⟧'/><source dev='/dev/sdz'/><target dev='vda' bus='virtio'/><shareable/></disk>`),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('disk-shared-format near miss: shared raw, shared read-only qcow2, shared cdrom', () => {
    expectRule(
      diskSharedFormatRule,
      kvmDomain(`<disk type='block' device='disk'><driver name='qemu' type='raw'/><source dev='/dev/sdz'/><target dev='vda' bus='virtio'/><shareable/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/b.img'/><target dev='vdb' bus='virtio'/><readonly/><shareable/></disk>
    <disk type='file' device='cdrom'><driver name='qemu' type='qcow2'/><source file='/c.img'/><target dev='sda' bus='sata'/><shareable/></disk>`),
    );
  });

  it('usb-disk-empty: a USB cdrom without a medium', () => {
    expectRule(usbDiskEmptyRule, kvmDomain(`<disk type='file' device='cdrom'><target dev='sdb' bus='⟦usb⟧'/></disk>`));
  });

  it('usb-disk-empty near miss: a USB cdrom with a medium, an empty SATA cdrom', () => {
    expectRule(
      usbDiskEmptyRule,
      kvmDomain(`<disk type='file' device='cdrom'><source file='/a.iso'/><target dev='sdb' bus='usb'/></disk>
    <disk type='file' device='cdrom'><target dev='sdc' bus='sata'/></disk>`),
    );
  });

  it('disk-vendor-product-bus: vendor on a virtio disk, product on a USB disk', () => {
    expectRule(
      diskVendorProductRule,
      kvmDomain(`${file('vda', 'virtio', '\n      <⟦vendor⟧>SEAGATE</vendor>')}
    ${file('sdb', 'usb', '\n      <⟦product⟧>ST3146707LC</product>')}`),
    );
  });

  it('disk-vendor-product-bus near miss: vendor and product on SCSI, product on SATA', () => {
    expectRule(
      diskVendorProductRule,
      kvmDomain(`${file('sda', 'scsi', '\n      <vendor>SEAGATE</vendor>\n      <product>ST3146707LC</product>')}
    ${file('sdb', 'sata', '\n      <product>ST3146707LC</product>')}`),
    );
  });

  it('hostdev-duplicate: the same USB device twice, and a PCI function as hostdev and as interface', () => {
    const findings = expectRule(
      hostdevDuplicateRule,
      kvmDomain(`<hostdev mode='subsystem' type='usb'><source><address bus='14' device='6'/></source></hostdev>
    <hostdev mode='subsystem' type='usb'><source><⟦address⟧ bus='14' device='6'/></source></hostdev>
    <hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/></source></hostdev>
    <interface type='hostdev'><⟦source⟧><address type='pci' domain='0' bus='6' slot='18' function='5'/></source></interface>`),
    );
    assert.ok(findings.every((f) => f.related?.length === 1));
  });

  it('hostdev-duplicate: mediated devices by UUID, USB by vendor and product', () => {
    expectRule(
      hostdevDuplicateRule,
      kvmDomain(`<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='⟦53764D0E-85A0-42B4-AF5C-2046B460B1DC⟧'/></source></hostdev>
    <hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><product id='0xbeef'/></source></hostdev>
    <hostdev mode='subsystem' type='usb'><⟦source⟧><vendor id='0x1234'/><product id='0xbeef'/></source></hostdev>`),
    );
  });

  it('hostdev-duplicate near miss: other devices, and a USB device named by address after one named by id', () => {
    expectRule(
      hostdevDuplicateRule,
      kvmDomain(`<hostdev mode='subsystem' type='usb'><source><address bus='14' device='6'/></source></hostdev>
    <hostdev mode='subsystem' type='usb'><source><address bus='14' device='7'/></source></hostdev>
    <hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><product id='0xbeef'/><address bus='1' device='2'/></source></hostdev>
    <hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><product id='0xbeef'/><address bus='1' device='3'/></source></hostdev>
    <hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source></hostdev>
    <hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='1'/></source></hostdev>`),
    );
  });

  it('hostdev-ramfb-twice: two mediated devices with ramfb on', () => {
    const [finding] = expectRule(
      hostdevRamfbRule,
      kvmDomain(`<hostdev mode='subsystem' type='mdev' model='vfio-pci' ramfb='on'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-pci' ramfb='⟦on⟧'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dd'/></source></hostdev>`),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('hostdev-ramfb-twice near miss: one ramfb on', () => {
    expectRule(
      hostdevRamfbRule,
      kvmDomain(`<hostdev mode='subsystem' type='mdev' model='vfio-pci' ramfb='on'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-pci' ramfb='off'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dd'/></source></hostdev>`),
    );
  });

  it('hostdev-mdev-address: a drive address on a vfio-pci mediated device', () => {
    expectRule(
      hostdevMdevAddressRule,
      kvmDomain(`<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source>
      <address type='⟦drive⟧' controller='0' bus='0' target='0' unit='1'/></hostdev>`),
    );
  });

  it('hostdev-mdev-address near miss: a PCI address on vfio-pci, none on vfio-ap', () => {
    expectRule(
      hostdevMdevAddressRule,
      kvmDomain(`<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-ap'><source><address uuid='90c6c135-ad44-41d0-b1b7-bae47de48627'/></source></hostdev>`),
    );
  });

  it('hostdev-boot-unsupported: boot order on vhost-scsi and on a vfio-ap mediated device', () => {
    expectRule(
      hostdevBootRule,
      kvmDomain(`<hostdev mode='subsystem' type='scsi_host'><source protocol='vhost' wwpn='naa.5123456789abcde0'/><⟦boot⟧ order='1'/></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-ap'><source><address uuid='90c6c135-ad44-41d0-b1b7-bae47de48627'/></source><⟦boot⟧ order='2'/></hostdev>`),
    );
  });

  it('hostdev-boot-unsupported near miss: boot order on a PCI host device and a vfio-ccw one', () => {
    expectRule(
      hostdevBootRule,
      kvmDomain(`<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/></source><boot order='1'/></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-ccw'><source><address uuid='90c6c135-ad44-41d0-b1b7-bae47de48627'/></source><boot order='2'/></hostdev>`),
    );
  });

  it('disk-device-bus: a floppy off fdc, a cdrom on fdc, target names, removable on virtio', () => {
    expectRule(
      diskDeviceBusRule,
      kvmDomain(`<disk type='file' device='floppy'><source file='/f.img'/><target dev='fda' bus='⟦ide⟧'/></disk>
    <disk type='file' device='cdrom'><target dev='fdb' bus='⟦fdc⟧'/></disk>
    <disk type='file' device='disk'><source file='/a.img'/><target dev='⟦mydisk⟧' bus='virtio'/></disk>
    <disk type='file' device='floppy'><source file='/g.img'/><target dev='⟦hdd⟧' bus='fdc'/></disk>
    <disk type='file' device='disk'><source file='/b.img'/><target dev='vdb' bus='virtio' removable='⟦on⟧'/></disk>`),
    );
  });

  it('disk-device-bus near miss: floppy on fdc, removable USB and SCSI disks', () => {
    expectRule(
      diskDeviceBusRule,
      kvmDomain(`<disk type='file' device='floppy'><source file='/f.img'/><target dev='fda'/></disk>
    <disk type='file' device='disk'><source file='/a.img'/><target dev='sda' bus='usb' removable='on'/></disk>
    <disk type='file' device='disk'><source file='/b.img'/><target dev='sdb' bus='scsi' removable='off'/></disk>
    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>`),
    );
  });

  it('disk-lun-only: rawio, sgio and reservations on a hard disk; unfiltered sgio anywhere', () => {
    expectRule(
      diskLunOnlyRule,
      kvmDomain(`<disk type='block' device='disk' rawio='⟦yes⟧' sgio='⟦filtered⟧'><source dev='/dev/sdz'><⟦reservations⟧ managed='yes'/></source><target dev='vda' bus='virtio'/></disk>
    <disk type='block' device='lun' sgio='⟦unfiltered⟧'><source dev='/dev/sdy'/><target dev='sda' bus='scsi'/></disk>`),
    );
  });

  it('disk-lun-only near miss: the same on a lun', () => {
    expectRule(
      diskLunOnlyRule,
      kvmDomain(`<disk type='block' device='lun' rawio='yes' sgio='filtered'><source dev='/dev/sdz'><reservations managed='yes'/></source><target dev='sda' bus='scsi'/></disk>`),
    );
  });

  it('disk-virtio-only: virtio model and driver queues on a SATA disk', () => {
    expectRule(
      diskVirtioOnlyRule,
      kvmDomain(`<disk type='file' device='disk' model='⟦virtio-transitional⟧'><driver name='qemu' type='raw' queues='⟦4⟧' ioeventfd='⟦on⟧'/><source file='/a.img'/><target dev='sda' bus='sata'/></disk>`),
    );
  });

  it('disk-virtio-only near miss: the same on virtio', () => {
    expectRule(
      diskVirtioOnlyRule,
      kvmDomain(`<disk type='file' device='disk' model='virtio-transitional'><driver name='qemu' type='raw' queues='4' ioeventfd='on'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-iotune-conflict: a total and a read limit of bytes', () => {
    const [finding] = expectRule(
      diskIotuneConflictRule,
      kvmDomain(file('vda', 'virtio', '\n      <iotune><⟦total_bytes_sec⟧>1000</total_bytes_sec><read_bytes_sec>500</read_bytes_sec></iotune>')),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('disk-iotune-conflict near miss: total bytes with read and write iops', () => {
    expectRule(
      diskIotuneConflictRule,
      kvmDomain(file('vda', 'virtio', '\n      <iotune><total_bytes_sec>1000</total_bytes_sec><read_iops_sec>50</read_iops_sec><write_iops_sec>50</write_iops_sec></iotune>')),
    );
  });

  it('disk-source-missing: a hard disk without source', () => {
    expectRule(
      diskSourceMissingRule,
      kvmDomain(`<disk type='file' device='disk'><target dev='⟦vda⟧' bus='virtio'/></disk>
    <disk type='block' device='disk'><⟦source⟧/><target dev='vdb' bus='virtio'/></disk>`),
    );
  });

  it('disk-source-missing near miss: an empty cdrom, a network disk', () => {
    expectRule(
      diskSourceMissingRule,
      kvmDomain(`<disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>
    <disk type='network' device='disk'><source protocol='nbd' name='x'><host name='example.org' port='10809'/></source><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-bus-unsupported: cdrom on virtio, wwn on virtio, read-only SATA disk, geometry on USB, IOThread on SCSI', () => {
    expectRule(
      diskBusUnsupportedRule,
      kvmDomain(`<disk type='file' device='cdrom'><target dev='vdc' bus='⟦virtio⟧'/></disk>
    ${file('vda', 'virtio', '\n      <⟦wwn⟧>5000c50015ea71ac</wwn>')}
    ${file('sda', 'sata', '\n      <⟦readonly⟧/>')}
    ${file('sdb', 'usb', "\n      <⟦geometry⟧ cyls='16383' heads='16' secs='63'/>")}
    <disk type='file' device='disk'><driver name='qemu' type='raw' iothread='⟦1⟧'/><source file='/c.img'/><target dev='sdc' bus='scsi'/></disk>`),
    );
  });

  it('disk-bus-unsupported near miss: the same settings on buses that have them', () => {
    expectRule(
      diskBusUnsupportedRule,
      kvmDomain(`<disk type='file' device='cdrom'><target dev='sdd' bus='sata'/><readonly/></disk>
    ${file('sda', 'scsi', "\n      <wwn>5000c50015ea71ac</wwn>\n      <geometry cyls='16383' heads='16' secs='63'/>")}
    <disk type='file' device='disk'><driver name='qemu' type='raw' iothread='1'/><source file='/c.img'/><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-lun-unsupported: vendor and serial on a SCSI lun', () => {
    expectRule(
      diskLunUnsupportedRule,
      kvmDomain(`<disk type='block' device='lun'><source dev='/dev/sdz'/><target dev='sda' bus='scsi'/><⟦vendor⟧>X</vendor><⟦serial⟧>abc</serial></disk>`),
    );
  });

  it('disk-lun-unsupported near miss: a plain lun, vendor on a SCSI disk', () => {
    expectRule(
      diskLunUnsupportedRule,
      kvmDomain(`<disk type='block' device='lun'><source dev='/dev/sdz'/><target dev='sda' bus='scsi'/></disk>
    ${file('sdb', 'scsi', '\n      <vendor>X</vendor>')}`),
    );
  });

  it('disk-copy-on-read: on a read-only disk and on a cdrom', () => {
    expectRule(
      diskCopyOnReadRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='qcow2' copy_on_read='⟦on⟧'/><source file='/a.img'/><target dev='vda' bus='virtio'/><readonly/></disk>
    <disk type='file' device='cdrom'><driver name='qemu' type='raw' copy_on_read='⟦on⟧'/><target dev='sda' bus='sata'/></disk>`),
    );
  });

  it('disk-copy-on-read near miss: a writable disk', () => {
    expectRule(
      diskCopyOnReadRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='qcow2' copy_on_read='on'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-io-native-cache: native I/O with writeback and with the default cache', () => {
    expectRule(
      diskIoNativeCacheRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw' cache='⟦writeback⟧' io='native'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='raw' io='⟦native⟧'/><source file='/b.img'/><target dev='vdb' bus='virtio'/></disk>`),
    );
  });

  it('disk-io-native-cache near miss: cache none and directsync, threads with writeback', () => {
    expectRule(
      diskIoNativeCacheRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none' io='native'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='raw' cache='directsync' io='native'/><source file='/b.img'/><target dev='vdb' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='raw' cache='writeback' io='threads'/><source file='/c.img'/><target dev='vdc' bus='virtio'/></disk>`),
    );
  });

  it('disk-serial-chars: a serial with a comma', () => {
    expectRule(diskSerialCharsRule, kvmDomain(file('vda', 'virtio', '\n      <serial>⟦WD-1,2⟧</serial>')));
  });

  it('disk-serial-chars near miss: letters, digits, space and -_.+', () => {
    expectRule(diskSerialCharsRule, kvmDomain(file('vda', 'virtio', '\n      <serial>WD-WMAP9A966149 a_b.c+d</serial>')));
  });

  it('disk-driver-name: a Xen driver name in a QEMU domain', () => {
    const [finding] = expectRule(
      diskDriverNameRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='⟦tap⟧' type='raw'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`),
    );
    assert.equal(finding.fixes?.[0].newText, 'qemu');
  });

  it('disk-driver-name near miss: qemu, and no name', () => {
    expectRule(
      diskDriverNameRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver type='raw'/><source file='/b.img'/><target dev='vdb' bus='virtio'/></disk>`),
    );
  });

  it('disk-iothread-undefined: IOThread 3 of 2', () => {
    expectRule(
      diskIothreadRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw' iothread='⟦3⟧'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`, {
        head: '  <iothreads>2</iothreads>\n',
      }),
    );
  });

  it('disk-iothread-undefined near miss: ids from the count, and from <iothreadids>', () => {
    expectRule(
      diskIothreadRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw' iothread='2'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`, {
        head: '  <iothreads>2</iothreads>\n',
      }),
    );
    expectRule(
      diskIothreadRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw' iothread='7'/><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`, {
        head: "  <iothreads>1</iothreads>\n  <iothreadids><iothread id='7'/></iothreadids>\n",
      }),
    );
  });

  it('disk-transient: on a read-only disk and on a block disk', () => {
    expectRule(
      diskTransientRule,
      kvmDomain(`${file('vda', 'virtio', '\n      <readonly/>\n      <⟦transient⟧/>')}
    <disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdb' bus='virtio'/><⟦transient⟧/></disk>`),
    );
  });

  it('disk-transient near miss: a writable file disk', () => {
    expectRule(diskTransientRule, kvmDomain(file('vda', 'virtio', '\n      <transient/>')));
  });

  it('disk-iotune-unsupported: a group name without limits, limits on an sd card', () => {
    expectRule(
      diskIotuneUnsupportedRule,
      kvmDomain(`${file('vda', 'virtio', '\n      <iotune><⟦group_name⟧>g1</group_name></iotune>')}
    ${file('sda', 'sd', '\n      <⟦iotune⟧><total_iops_sec>100</total_iops_sec></iotune>')}`, { arch: 'aarch64', machine: 'virt' }),
    );
  });

  it('disk-iotune-unsupported near miss: a group name with limits', () => {
    expectRule(diskIotuneUnsupportedRule, kvmDomain(file('vda', 'virtio', '\n      <iotune><total_iops_sec>100</total_iops_sec><group_name>g1</group_name></iotune>')));
  });

  it('disk-lun-source: a lun on a qcow2 file, and over NBD', () => {
    expectRule(
      diskLunSourceRule,
      kvmDomain(`<disk type='⟦file⟧' device='lun'><driver name='qemu' type='⟦qcow2⟧'/><source file='/a.img'/><target dev='sda' bus='scsi'/></disk>
    <disk type='network' device='lun'><source protocol='⟦nbd⟧' name='x'><host name='example.org'/></source><target dev='sdb' bus='scsi'/></disk>`),
    );
  });

  it('disk-lun-source near miss: a raw block lun, an iSCSI lun', () => {
    expectRule(
      diskLunSourceRule,
      kvmDomain(`<disk type='block' device='lun'><driver name='qemu' type='raw'/><source dev='/dev/sdz'/><target dev='sda' bus='scsi'/></disk>
    <disk type='network' device='lun'><source protocol='iscsi' name='iqn.1992-01.com.example:storage/1'><host name='example.org'/></source><target dev='sdb' bus='scsi'/></disk>`),
    );
  });

  it('disk-auth-protocol: auth on NBD, a ceph secret for iSCSI', () => {
    const findings = expectRule(
      diskAuthProtocolRule,
      kvmDomain(`<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='example.org'/><⟦auth⟧ username='u'><secret type='iscsi' usage='u'/></auth></source><target dev='vda' bus='virtio'/></disk>
    <disk type='network' device='disk'><source protocol='iscsi' name='iqn.1992-01.com.example:storage/1'><host name='example.org'/><auth username='u'><secret type='⟦ceph⟧' usage='u'/></auth></source><target dev='vdb' bus='virtio'/></disk>`),
    );
    assert.equal(findings[1].fixes?.[0].newText, 'iscsi');
  });

  it('disk-auth-protocol near miss: iSCSI with an iscsi secret, RBD with a ceph secret', () => {
    expectRule(
      diskAuthProtocolRule,
      kvmDomain(`<disk type='network' device='disk'><source protocol='iscsi' name='iqn.1992-01.com.example:storage/1'><host name='example.org'/><auth username='u'><secret type='iscsi' usage='u'/></auth></source><target dev='vda' bus='virtio'/></disk>
    <disk type='network' device='disk'><source protocol='rbd' name='pool/image'><host name='example.org'/></source><auth username='u'><secret type='ceph' usage='u'/></auth><target dev='vdb' bus='virtio'/></disk>`),
    );
  });

  it('disk-encryption-cipher: a cipher on a LUKS disk', () => {
    expectRule(
      diskEncryptionCipherRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/><⟦cipher⟧ name='aes' size='256' mode='xts' hash='sha256'/></encryption></source><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-encryption-cipher near miss: a LUKS disk with its secret only', () => {
    expectRule(
      diskEncryptionCipherRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-startup-policy: requisite on a hard disk, a policy on a network disk', () => {
    expectRule(
      diskStartupPolicyRule,
      kvmDomain(`<disk type='file' device='disk'><source file='/a.img' startupPolicy='⟦requisite⟧'/><target dev='vda' bus='virtio'/></disk>
    <disk type='network' device='cdrom'><source protocol='http' name='/a.iso' startupPolicy='⟦optional⟧'><host name='example.org'/></source><target dev='sda' bus='sata'/></disk>`),
    );
  });

  it('disk-startup-policy near miss: requisite on a cdrom, optional on a hard disk', () => {
    expectRule(
      diskStartupPolicyRule,
      kvmDomain(`<disk type='file' device='cdrom'><source file='/a.iso' startupPolicy='requisite'/><target dev='sda' bus='sata'/></disk>
    <disk type='file' device='disk'><source file='/a.img' startupPolicy='optional'/><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-vendor-product-length: a vendor of 9 characters', () => {
    expectRule(diskVendorProductLengthRule, kvmDomain(file('sda', 'scsi', '\n      <vendor>⟦SEAGATEXX⟧</vendor>\n      <product>ST3146707LC</product>')));
  });

  it('disk-vendor-product-length near miss: 8 and 16 characters', () => {
    expectRule(diskVendorProductLengthRule, kvmDomain(file('sda', 'scsi', '\n      <vendor>SEAGATEX</vendor>\n      <product>ST3146707LC12345</product>')));
  });

  it('hostdev-qemu-unsupported: capabilities mode, display without graphics, a second vfio-ap', () => {
    const findings = expectRule(
      hostdevQemuModelRule,
      kvmDomain(`<hostdev mode='⟦capabilities⟧' type='storage'><source><block>/dev/sdf1</block></source></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-pci' display='⟦on⟧'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-ap'><source><address uuid='90c6c135-ad44-41d0-b1b7-bae47de48627'/></source></hostdev>
    <hostdev mode='subsystem' type='mdev' model='⟦vfio-ap⟧'><source><address uuid='90c6c135-ad44-41d0-b1b7-bae47de48628'/></source></hostdev>`),
    );
    assert.equal(findings[2].related?.length, 1);
  });

  it('hostdev-qemu-unsupported near miss: display on with graphics, one vfio-ap', () => {
    expectRule(
      hostdevQemuModelRule,
      kvmDomain(`<hostdev mode='subsystem' type='mdev' model='vfio-pci' display='on'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-ap'><source><address uuid='90c6c135-ad44-41d0-b1b7-bae47de48627'/></source></hostdev>
    <graphics type='vnc'/>`),
    );
  });

  it('disk-vhostuser-unsupported: a vhost-user disk on SCSI with a cache mode and a serial', () => {
    expectRule(
      diskVhostUserRule,
      kvmDomain(`<disk type='vhostuser' device='disk'><driver name='qemu' type='raw' cache='⟦none⟧'/><source type='unix' path='/tmp/blk.sock'/><target dev='sda' bus='⟦scsi⟧'/><⟦serial⟧>x</serial></disk>`),
    );
  });

  it('disk-vhostuser-unsupported near miss: a plain vhost-user disk, a file disk with the same settings', () => {
    expectRule(
      diskVhostUserRule,
      kvmDomain(`<disk type='vhostuser' device='disk'><driver name='qemu' type='raw' queues='4'/><source type='unix' path='/tmp/blk.sock'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/><source file='/a.img'/><target dev='sda' bus='scsi'/><serial>x</serial></disk>`),
    );
  });

  it('disk-nvme-namespace: namespace 0', () => {
    const [finding] = expectRule(
      diskNvmeNamespaceRule,
      kvmDomain(`<disk type='nvme' device='disk'><driver name='qemu' type='raw'/><source type='pci' managed='yes' namespace='⟦0⟧'><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source><target dev='vda' bus='virtio'/></disk>`),
    );
    assert.equal(finding.fixes?.[0].newText, '1');
  });

  it('disk-nvme-namespace near miss: namespace 1', () => {
    expectRule(
      diskNvmeNamespaceRule,
      kvmDomain(`<disk type='nvme' device='disk'><driver name='qemu' type='raw'/><source type='pci' managed='yes' namespace='1'><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-network-protocol: TFTP, and an NFS host with a port', () => {
    expectRule(
      diskNetworkProtocolRule,
      kvmDomain(`<disk type='network' device='cdrom'><source protocol='⟦tftp⟧' name='/a.iso'><host name='example.org'/></source><target dev='sda' bus='sata'/></disk>
    <disk type='network' device='disk'><source protocol='nfs' name='/export/a.img'><host name='example.org' port='⟦2049⟧'/></source><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-network-protocol near miss: NFS with one TCP host, HTTP', () => {
    expectRule(
      diskNetworkProtocolRule,
      kvmDomain(`<disk type='network' device='disk'><source protocol='nfs' name='/export/a.img'><host name='example.org' transport='tcp'/></source><target dev='vda' bus='virtio'/></disk>
    <disk type='network' device='cdrom'><source protocol='http' name='/a.iso'><host name='example.org' port='80'/></source><target dev='sda' bus='sata'/></disk>`),
    );
  });

  it('disk-metadata-cache: a metadata cache on a raw image', () => {
    expectRule(
      diskMetadataCacheRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='raw'><⟦metadata_cache⟧><max_size unit='bytes'>1234</max_size></metadata_cache></driver><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('disk-metadata-cache near miss: on a qcow2 image', () => {
    expectRule(
      diskMetadataCacheRule,
      kvmDomain(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'><metadata_cache><max_size unit='bytes'>1234</max_size></metadata_cache></driver><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`),
    );
  });

  it('hostdev-address-type: a drive address on a PCI device, a PCI address on a USB device, teaming on USB', () => {
    expectRule(
      hostdevAddressTypeRule,
      kvmDomain(`<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/></source>
      <address type='⟦drive⟧' controller='0' bus='0' target='0' unit='0'/></hostdev>
    <hostdev mode='subsystem' type='usb'><source><address bus='1' device='2'/></source><address type='⟦pci⟧' domain='0' bus='0' slot='5' function='0'/></hostdev>
    <hostdev mode='subsystem' type='usb'><source><address bus='1' device='3'/></source><⟦teaming⟧ type='transient' persistent='ua-net0'/></hostdev>`),
    );
  });

  it('hostdev-address-type near miss: unassigned PCI, USB address, a PCI failover member', () => {
    expectRule(
      hostdevAddressTypeRule,
      kvmDomain(`<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/></source><address type='unassigned'/></hostdev>
    <hostdev mode='subsystem' type='usb'><source><address bus='1' device='2'/></source><address type='usb' bus='0' port='1'/></hostdev>
    <hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x6'/></source><teaming type='transient' persistent='ua-net0'/></hostdev>`),
    );
  });
});
