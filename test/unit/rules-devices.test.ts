import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { videoPrimaryRule } from '../../server/src/rules/devices/videoPrimary';
import { videoAttributesRule, videoQemuRule } from '../../server/src/rules/devices/videoModel';
import {
  chardevReconnectListenRule,
  chardevReconnectTimeoutRule,
  chardevSourceMissingRule,
  chardevSpiceRule,
  chardevTcpProtocolRule,
} from '../../server/src/rules/devices/chardevSource';
import { channelGuestfwdRule, consoleSclpRule, consoleSerialFirstRule } from '../../server/src/rules/devices/channelTarget';
import { serialMachineRule, serialTargetRule } from '../../server/src/rules/devices/serialTarget';
import { tpmBackendRule, tpmCountRule, tpmModelArchRule, tpmVersionRule } from '../../server/src/rules/devices/tpm';
import { filesystemQemuRule, filesystemTargetRule } from '../../server/src/rules/devices/filesystem';
import { audioSpiceRule, vsockCidRule } from '../../server/src/rules/devices/vsockAudio';
import { iommuInterruptsRule, iommuMachineRule, iommuOptionsRule, iommuVirtioRule } from '../../server/src/rules/devices/iommu';
import { panicAddressRule, panicModelRule } from '../../server/src/rules/devices/panic';
import { shmemModelRule, shmemNameRule, shmemServerRule, shmemSizeRule } from '../../server/src/rules/devices/shmem';
import { vhostUserSharedMemoryRule } from '../../server/src/rules/devices/vhostUserMemory';
import { netDefinitionRule, netGuestIpRule, netHostIpRule, netMtuRule, netQemuOptionsRule, netQueueSizeRule, netVhostUserRule } from '../../server/src/rules/devices/network';
import { virtioOptionsRule } from '../../server/src/rules/devices/virtioOptions';
import { watchdogModelRule, watchdogSetRule } from '../../server/src/rules/devices/watchdog';
import { qemuPlatformDevicesRule } from '../../server/src/rules/devices/platformDevices';
import { devicesRules } from '../../server/src/rules/devices';
import { expectRule, kvmDomain, ruleFindings } from './helpers/rules';

const ACPI = '  <features><acpi/></features>\n';

describe('rules: devices', () => {
  it('video-second-primary: a second primary video is flagged on its primary attribute, the first linked', () => {
    const [finding] = expectRule(
      videoPrimaryRule,
      kvmDomain(`<video><model type='vga' primary='yes'/></video>
    <video><model type='qxl' primary='⟦yes⟧'/></video>`),
    );
    assert.equal(finding.related?.length, 1);
    assert.match(finding.message, /libvirt rejects the domain\.$/);
  });

  it('video-second-primary near miss: one primary among several videos', () => {
    expectRule(videoPrimaryRule, kvmDomain(`<video><model type='vga' primary='yes'/></video>
    <video><model type='qxl' primary='no'/></video>`));
  });

  it('video-model-attributes: qxl-only sizes on another model, a none video beside another, a zero resolution, a ramfb address', () => {
    expectRule(
      videoAttributesRule,
      kvmDomain(`<video><model type='vga' vgamem='⟦16384⟧'><resolution x='⟦0⟧' y='768'/></model></video>
    <video><model type='⟦none⟧'/></video>
    <video><model type='ramfb'/><⟦address⟧ type='pci' bus='0' slot='5'/></video>`),
    );
  });

  it('video-model-attributes near miss: qxl with its sizes, alone', () => {
    expectRule(videoAttributesRule, kvmDomain(`<video><model type='qxl' ram='65536' vram='65536' vgamem='16384'/></video>`));
  });

  it('video-model-attributes: a vhost-user vga, a render node without vhost-user, blob on qxl', () => {
    expectRule(
      videoAttributesRule,
      kvmDomain(`<video><driver name='⟦vhostuser⟧'/><model type='vga'/></video>
    <video><model type='virtio'><acceleration accel3d='yes' rendernode='⟦/dev/dri/renderD128⟧'/></model></video>
    <video><model type='qxl' blob='⟦on⟧'/></video>`),
    );
  });

  it('video-model-attributes near miss: a vhost-user virtio adapter with a render node and blob', () => {
    expectRule(videoAttributesRule, kvmDomain(`<video><driver name='vhostuser'/><model type='virtio' blob='on'><acceleration rendernode='/dev/dri/renderD128'/></model></video>`));
  });

  it('video-model-qemu: a secondary vga, several heads on cirrus, a qxl vgamem not a power of two', () => {
    expectRule(
      videoQemuRule,
      kvmDomain(`<video><model type='cirrus' heads='⟦2⟧'/></video>
    <video><model type='⟦vga⟧'/></video>
    <video><model type='qxl' vgamem='⟦3000⟧'/></video>`),
    );
  });

  it('video-model-qemu: a cirrus resolution, 2D acceleration, 3D on qxl, blob without memfd', () => {
    expectRule(
      videoQemuRule,
      kvmDomain(`<video><model type='cirrus'><⟦resolution⟧ x='800' y='600'/></model></video>
    <video><model type='qxl'><acceleration accel3d='⟦yes⟧' accel2d='⟦yes⟧'/></model></video>
    <video><model type='virtio' blob='⟦on⟧'/></video>`),
    );
  });

  it('video-model-qemu near miss: 3D virtio with blob on memfd memory', () => {
    expectRule(videoQemuRule, kvmDomain(`<video><model type='virtio' blob='on'><acceleration accel3d='yes'/><resolution x='800' y='600'/></model></video>`, { head: "  <memoryBacking><source type='memfd'/></memoryBacking>\n" }));
  });

  it('video-model-qemu near miss: a primary vga and a secondary qxl', () => {
    expectRule(videoQemuRule, kvmDomain(`<video><model type='vga' vram='16384'/></video>
    <video><model type='qxl' vgamem='16384' heads='2'/></video>`));
  });

  it('chardev-source-incomplete: a file serial without path, a unix serial without path, a connecting tcp without host', () => {
    expectRule(
      chardevSourceMissingRule,
      kvmDomain(`<serial type='file'><⟦source⟧ append='on'/></serial>
    <serial type='unix'><⟦source⟧ mode='connect'/></serial>
    <channel type='tcp'><⟦source⟧ mode='connect' service='1234'/><target type='virtio' name='x'/></channel>
    <rng model='virtio'><backend model='egd' type='unix'><⟦source⟧ mode='connect' host='1.2.3.4' service='1234'/></backend></rng>`),
    );
  });

  it('chardev-source-incomplete near miss: a virtio unix channel without path (libvirt makes one), a listening tcp without host, a pty', () => {
    expectRule(
      chardevSourceMissingRule,
      kvmDomain(`<channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <channel type='tcp'><source mode='bind' service='5678'/><target type='virtio' name='y'/></channel>
    <serial type='pty'/>`),
    );
  });

  it("chardev-reconnect-listen: reconnect on a bind source, and on a virtio channel whose path libvirt generated", () => {
    expectRule(
      chardevReconnectListenRule,
      kvmDomain(`<serial type='tcp'><source mode='bind' host='0.0.0.0' service='99'><reconnect enabled='⟦yes⟧' timeout='5'/></source></serial>
    <channel type='unix'><source mode='connect' path='/var/lib/libvirt/qemu/channel/target/domain-old/asdf'><reconnect enabled='⟦yes⟧' timeout='10'/></source><target type='virtio' name='asdf'/></channel>`),
    );
  });

  it('chardev-reconnect-listen near miss: reconnect on a connecting source with a path of its own', () => {
    expectRule(
      chardevReconnectListenRule,
      kvmDomain(`<channel type='unix'><source mode='connect' path='/run/my.sock'><reconnect enabled='yes' timeout='10'/></source><target type='virtio' name='asdf'/></channel>`),
    );
  });

  it('chardev-reconnect-timeout: an enabled reconnect with timeout 0', () => {
    expectRule(
      chardevReconnectTimeoutRule,
      kvmDomain(`<channel type='tcp'><source host='localhost' service='1234'><reconnect enabled='yes' timeout='⟦0⟧'/></source><target type='virtio' name='a'/></channel>`),
    );
  });

  it('chardev-reconnect-timeout near miss: timeout 0 on a disabled reconnect', () => {
    expectRule(
      chardevReconnectTimeoutRule,
      kvmDomain(`<channel type='tcp'><source host='localhost' service='1234'><reconnect enabled='no' timeout='0'/></source><target type='virtio' name='a'/></channel>`),
    );
  });

  it('chardev-tcp-protocol: tls and telnets', () => {
    expectRule(
      chardevTcpProtocolRule,
      kvmDomain(`<serial type='tcp'><source mode='connect' host='127.0.0.1' service='9999'/><protocol type='⟦tls⟧'/></serial>
    <console type='tcp'><source mode='connect' host='127.0.0.1' service='9999'/><protocol type='⟦telnets⟧'/></console>`),
    );
  });

  it('chardev-tcp-protocol near miss: telnet, and telnets on a non-tcp device', () => {
    expectRule(
      chardevTcpProtocolRule,
      kvmDomain(`<serial type='tcp'><source mode='connect' host='127.0.0.1' service='9999'/><protocol type='telnet'/></serial>
    <serial type='udp'><source mode='connect' host='127.0.0.1' service='9998'/><protocol type='telnets'/></serial>`),
    );
  });

  it('chardev-spice-without-graphics: a spicevmc channel without spice graphics', () => {
    expectRule(chardevSpiceRule, kvmDomain(`<channel type='⟦spicevmc⟧'><target type='virtio' name='com.redhat.spice.0'/></channel>
    <graphics type='vnc'/>`));
  });

  it('chardev-spice-without-graphics near miss: with spice graphics', () => {
    expectRule(chardevSpiceRule, kvmDomain(`<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>
    <graphics type='spice'/>`));
  });

  it('serial-target-mismatch: a model of another target type, an address of the wrong type, an address where none is taken', () => {
    expectRule(
      serialTargetRule,
      kvmDomain(`<serial type='pty'><target type='isa-serial'><model name='⟦pci-serial⟧'/></target></serial>
    <serial type='pty'><target type='pci-serial'/><⟦address⟧ type='isa' iobase='0x2f8'/></serial>
    <serial type='pty'><target type='system-serial'/><⟦address⟧ type='pci' bus='0' slot='7'/></serial>`),
    );
  });

  it('serial-target-mismatch near miss: type, model and address agree', () => {
    expectRule(serialTargetRule, kvmDomain(`<serial type='pty'><target type='pci-serial'><model name='pci-serial'/></target><address type='pci' bus='0' slot='7'/></serial>`));
  });

  it('serial-target-machine: pl011 on a pc, spapr-vio on x86, a parallel port on pSeries', () => {
    expectRule(
      serialMachineRule,
      kvmDomain(`<serial type='pty'><target type='system-serial'><model name='⟦pl011⟧'/></target></serial>
    <serial type='pty'><target type='⟦spapr-vio-serial⟧'/></serial>`, { machine: 'pc' }),
    );
    expectRule(serialMachineRule, kvmDomain(`<⟦parallel⟧ type='pty'/>`, { arch: 'ppc64', machine: 'pseries' }));
  });

  it('serial-target-machine near miss: pl011 on ARM virt, 16550a on LoongArch virt', () => {
    expectRule(serialMachineRule, kvmDomain(`<serial type='pty'><target type='system-serial'><model name='pl011'/></target></serial>`, { arch: 'aarch64', machine: 'virt' }));
    expectRule(serialMachineRule, kvmDomain(`<serial type='pty'><target type='system-serial'><model name='16550a'/></target></serial>`, { arch: 'loongarch64', machine: 'virt' }));
  });

  it('tpm-second: a second TPM Proxy, the first linked', () => {
    const [finding] = expectRule(
      tpmCountRule,
      kvmDomain(`<tpm model='spapr-tpm-proxy'><backend type='passthrough'><device path='/dev/tpmrm0'/></backend></tpm>
    <tpm model='tpm-spapr'><backend type='emulator' version='2.0'/></tpm>
    <⟦tpm⟧ model='spapr-tpm-proxy'><backend type='passthrough'><device path='/dev/tpmrm0'/></backend></tpm>`, { arch: 'ppc64', machine: 'pseries' }),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('tpm-second near miss: one proxy and one regular TPM', () => {
    expectRule(
      tpmCountRule,
      kvmDomain(`<tpm model='spapr-tpm-proxy'><backend type='passthrough'><device path='/dev/tpmrm0'/></backend></tpm>
    <tpm model='tpm-spapr'><backend type='emulator' version='2.0'/></tpm>`, { arch: 'ppc64', machine: 'pseries' }),
    );
  });

  it('tpm-version-unsupported: TPM 1.2 on aarch64, TPM 1.2 behind tpm-crb', () => {
    expectRule(tpmVersionRule, kvmDomain(`<tpm model='tpm-tis'><backend type='emulator' version='⟦1.2⟧'/></tpm>`, { arch: 'aarch64', machine: 'virt' }));
    expectRule(tpmVersionRule, kvmDomain(`<tpm model='tpm-crb'><backend type='emulator' version='⟦1.2⟧'/></tpm>`));
  });

  it('tpm-version-unsupported near miss: TPM 1.2 tis on x86, TPM 2.0 on aarch64', () => {
    expectRule(tpmVersionRule, kvmDomain(`<tpm model='tpm-tis'><backend type='emulator' version='1.2'/></tpm>`));
    expectRule(tpmVersionRule, kvmDomain(`<tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm>`, { arch: 'aarch64', machine: 'virt' }));
  });

  it('tpm-backend-invalid: active PCR banks on TPM 1.2, an external TPM listening', () => {
    expectRule(
      tpmBackendRule,
      kvmDomain(`<tpm model='tpm-tis'><backend type='emulator' version='1.2'><⟦active_pcr_banks⟧><sha256/></active_pcr_banks></backend></tpm>
    <tpm model='tpm-crb'><backend type='external'><source type='unix' mode='⟦bind⟧' path='/tmp/sock'/></backend></tpm>`),
    );
  });

  it('tpm-backend-invalid near miss: banks on TPM 2.0, an external TPM connecting', () => {
    expectRule(
      tpmBackendRule,
      kvmDomain(`<tpm model='tpm-tis'><backend type='emulator' version='2.0'><active_pcr_banks><sha256/></active_pcr_banks></backend></tpm>
    <tpm model='tpm-crb'><backend type='external'><source type='unix' mode='connect' path='/tmp/sock'/></backend></tpm>`),
    );
  });

  it('iommu-machine: virtio on a pc machine, smmuv3 on q35', () => {
    expectRule(iommuMachineRule, kvmDomain(`<iommu model='⟦virtio⟧'/>`, { machine: 'pc' }));
    expectRule(iommuMachineRule, kvmDomain(`<iommu model='⟦smmuv3⟧'/>`));
  });

  it('iommu-machine near miss: intel on q35, smmuv3 on ARM virt', () => {
    expectRule(iommuMachineRule, kvmDomain(`<iommu model='intel'/>`));
    expectRule(iommuMachineRule, kvmDomain(`<iommu model='smmuv3'/>`, { arch: 'aarch64', machine: 'virt-9.0' }));
  });

  it('iommu-model-options: an intel option on the virtio IOMMU, an address on intel', () => {
    expectRule(iommuOptionsRule, kvmDomain(`<iommu model='virtio'><driver dma_translation='⟦on⟧'/></iommu>`));
    expectRule(iommuOptionsRule, kvmDomain(`<iommu model='intel'><⟦address⟧ type='pci' bus='0' slot='3'/></iommu>`));
  });

  it('iommu-model-options near miss: intel with its options, virtio with a PCI address', () => {
    expectRule(iommuOptionsRule, kvmDomain(`<iommu model='intel'><driver intremap='on' eim='on' dma_translation='off'/></iommu>`));
    expectRule(iommuOptionsRule, kvmDomain(`<iommu model='virtio'><address type='pci' bus='0' slot='3'/></iommu>`));
  });

  it('iommu-virtio-requirements: no ACPI, a virtio-mmio address', () => {
    expectRule(iommuVirtioRule, kvmDomain(`<iommu model='⟦virtio⟧'/>`));
    expectRule(iommuVirtioRule, kvmDomain(`<iommu model='virtio'><address type='⟦virtio-mmio⟧'/></iommu>`, { head: ACPI }));
  });

  it('iommu-virtio-requirements near miss: ACPI and a PCI address', () => {
    expectRule(iommuVirtioRule, kvmDomain(`<iommu model='virtio'><address type='pci' bus='0' slot='3'/></iommu>`, { head: ACPI }));
  });

  it('iommu-interrupt-remapping: intremap without the split I/O APIC, eim without intremap', () => {
    expectRule(iommuInterruptsRule, kvmDomain(`<iommu model='intel'><driver intremap='⟦on⟧'/></iommu>`));
    expectRule(iommuInterruptsRule, kvmDomain(`<iommu model='intel'><driver eim='⟦on⟧'/></iommu>`));
  });

  it('iommu-interrupt-remapping near miss: intremap and eim with the split I/O APIC', () => {
    expectRule(iommuInterruptsRule, kvmDomain(`<iommu model='intel'><driver intremap='on' eim='on'/></iommu>`, { head: "  <features><ioapic driver='qemu'/></features>\n" }));
  });

  it('panic-model: no model on RISC-V, the s390 model on x86', () => {
    expectRule(panicModelRule, kvmDomain(`<⟦panic⟧/>`, { arch: 'riscv64', machine: 'virt' }));
    expectRule(panicModelRule, kvmDomain(`<panic model='⟦s390⟧'/>`));
  });

  it('panic-model near miss: no model on x86 (isa), pseries on pSeries', () => {
    expectRule(panicModelRule, kvmDomain(`<panic/>`));
    expectRule(panicModelRule, kvmDomain(`<panic model='pseries'/>`, { arch: 'ppc64', machine: 'pseries' }));
  });

  it('panic-address: an address on the s390 model, a PCI address on the default isa model', () => {
    expectRule(panicAddressRule, kvmDomain(`<panic model='s390'><⟦address⟧ type='ccw' cssid='0xfe' ssid='0x0' devno='0x0005'/></panic>`, { arch: 's390x', machine: 's390-ccw-virtio' }));
    expectRule(panicAddressRule, kvmDomain(`<panic><address type='⟦pci⟧' bus='0' slot='4'/></panic>`));
  });

  it('panic-address near miss: isa with an iobase, pvpanic with a PCI address', () => {
    expectRule(panicAddressRule, kvmDomain(`<panic><address type='isa' iobase='0x505'/></panic>`));
    expectRule(panicAddressRule, kvmDomain(`<panic model='pvpanic'><address type='pci' bus='0' slot='4'/></panic>`, { arch: 'aarch64', machine: 'virt' }));
  });

  it('shmem-size: not a power of two, under 1 MiB', () => {
    expectRule(shmemSizeRule, kvmDomain(`<shmem name='a'><model type='ivshmem-plain'/><size unit='K'>⟦12345⟧</size></shmem>
    <shmem name='b'><model type='ivshmem-plain'/><size unit='K'>⟦16⟧</size></shmem>
    <shmem name='c'><size>⟦4096⟧</size></shmem>`));
  });

  it('shmem-size near miss: 4 MiB, 1 MiB in bytes', () => {
    expectRule(shmemSizeRule, kvmDomain(`<shmem name='a'><size unit='M'>4</size></shmem>
    <shmem name='b'><size>1048576</size></shmem>`));
  });

  it("shmem-name: a '/' and '..'", () => {
    expectRule(shmemNameRule, kvmDomain(`<shmem name='⟦a/b⟧'/>
    <shmem name='⟦..⟧'/>`));
  });

  it('shmem-name near miss: a dotted name', () => {
    expectRule(shmemNameRule, kvmDomain(`<shmem name='my.shmem'/>`));
  });

  it('shmem-ivshmem-model: the old ivshmem model, with a fix to ivshmem-plain', () => {
    const [finding] = expectRule(shmemModelRule, kvmDomain(`<shmem name='a'><model type='⟦ivshmem⟧'/></shmem>`));
    assert.equal(finding.fixes?.[0].newText, 'ivshmem-plain');
  });

  it('shmem-ivshmem-model near miss: ivshmem-doorbell', () => {
    expectRule(shmemModelRule, kvmDomain(`<shmem name='a'><model type='ivshmem-doorbell'/><server/></shmem>`));
  });

  it('vhost-user-shared-memory: virtiofs without shared memory, a vhostuser disk beside a private NUMA cell', () => {
    expectRule(vhostUserSharedMemoryRule, kvmDomain(`<filesystem type='mount'><driver type='⟦virtiofs⟧'/><source dir='/s'/><target dir='t'/></filesystem>`));
    const [finding] = expectRule(
      vhostUserSharedMemoryRule,
      kvmDomain(`<disk type='⟦vhostuser⟧' device='disk'><driver name='qemu' type='raw'/><source type='unix' path='/tmp/s'/><target dev='vda' bus='virtio'/></disk>`, {
        head: "  <memoryBacking><access mode='shared'/></memoryBacking>\n  <cpu><numa><cell id='0' cpus='0-1' memory='1048576' memAccess='private'/></numa></cpu>\n",
      }),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('vhost-user-shared-memory near miss: shared memoryBacking, cells sharing theirs', () => {
    expectRule(vhostUserSharedMemoryRule, kvmDomain(`<filesystem type='mount'><driver type='virtiofs'/><source dir='/s'/><target dir='t'/></filesystem>`, { head: "  <memoryBacking><access mode='shared'/></memoryBacking>\n" }));
    expectRule(
      vhostUserSharedMemoryRule,
      kvmDomain(`<filesystem type='mount'><driver type='virtiofs'/><source dir='/s'/><target dir='t'/></filesystem>`, {
        head: "  <cpu><numa><cell id='0' cpus='0-1' memory='1048576' memAccess='shared'/></numa></cpu>\n",
      }),
    );
  });

  it('net-queue-size: a virtio rx_queue_size not a power of two', () => {
    expectRule(netQueueSizeRule, kvmDomain(`<interface type='network'><source network='default'/><model type='virtio'/><driver rx_queue_size='⟦300⟧' tx_queue_size='256'/></interface>`));
  });

  it('net-queue-size near miss: powers of two; an odd size where the default model depends on QEMU', () => {
    expectRule(netQueueSizeRule, kvmDomain(`<interface type='network'><source network='default'/><model type='virtio'/><driver rx_queue_size='512' tx_queue_size='1024'/></interface>
    <interface type='network'><source network='default'/><driver rx_queue_size='300'/></interface>`));
  });

  it('net-vhostuser-invalid: a non-virtio model, reconnect in server mode', () => {
    expectRule(
      netVhostUserRule,
      kvmDomain(`<interface type='vhostuser'><source type='unix' path='/tmp/s' mode='server'><reconnect enabled='⟦yes⟧' timeout='10'/></source><model type='⟦e1000⟧'/></interface>`),
    );
  });

  it('net-vhostuser-invalid near miss: virtio, client mode reconnecting', () => {
    expectRule(netVhostUserRule, kvmDomain(`<interface type='vhostuser'><source type='unix' path='/tmp/s' mode='client'><reconnect enabled='yes' timeout='10'/></source><model type='virtio'/></interface>`));
  });

  it('watchdog-model: ib700 on q35, itco with an address, diag288 on x86', () => {
    expectRule(
      watchdogModelRule,
      kvmDomain(`<watchdog model='⟦ib700⟧'/>
    <watchdog model='itco'><⟦address⟧ type='pci' bus='0' slot='9'/></watchdog>
    <watchdog model='⟦diag288⟧'/>`),
    );
  });

  it('watchdog-model near miss: itco on q35, i6300esb on PCI', () => {
    expectRule(watchdogModelRule, kvmDomain(`<watchdog model='itco'/>
    <watchdog model='i6300esb'><address type='pci' bus='0' slot='9'/></watchdog>`));
  });

  it('watchdog-set: a second itco, a different action; the first linked', () => {
    const findings = expectRule(
      watchdogSetRule,
      kvmDomain(`<watchdog model='itco' action='reset'/>
    <watchdog model='⟦itco⟧' action='reset'/>
    <watchdog model='i6300esb' action='⟦poweroff⟧'/>`),
    );
    assert.ok(findings.every((f) => f.related?.length === 1));
  });

  it('watchdog-set near miss: two i6300esb with the default action', () => {
    expectRule(watchdogSetRule, kvmDomain(`<watchdog model='i6300esb'/>
    <watchdog model='i6300esb' action='reset'/>`));
  });

  it('qemu-device-kind: a xen console, a xen balloon, nvram on x86', () => {
    expectRule(
      qemuPlatformDevicesRule,
      kvmDomain(`<console type='pty'><target type='⟦xen⟧'/></console>
    <memballoon model='⟦xen⟧'/>
    <⟦nvram⟧><address type='spapr-vio' reg='0x3000'/></nvram>`),
    );
  });

  it('qemu-device-kind near miss: a virtio console, nvram on pSeries', () => {
    expectRule(qemuPlatformDevicesRule, kvmDomain(`<console type='pty'><target type='virtio'/></console>
    <memballoon model='virtio'/>
    <nvram><address type='spapr-vio' reg='0x3000'/></nvram>`, { arch: 'ppc64', machine: 'pseries' }));
  });

  it('tpm-model-arch: a spapr TPM on x86', () => {
    expectRule(tpmModelArchRule, kvmDomain(`<tpm model='⟦tpm-spapr⟧'><backend type='emulator' version='2.0'/></tpm>`));
  });

  it('tpm-model-arch near miss: a spapr TPM on ppc64, tpm-crb on x86', () => {
    expectRule(tpmModelArchRule, kvmDomain(`<tpm model='tpm-spapr'><backend type='emulator' version='2.0'/></tpm>`, { arch: 'ppc64', machine: 'pseries' }));
    expectRule(tpmModelArchRule, kvmDomain(`<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>`));
  });

  it('filesystem-qemu: a template filesystem, fmode without mapped access, a virtiofs model', () => {
    expectRule(
      filesystemQemuRule,
      kvmDomain(`<filesystem type='⟦template⟧'><source name='t'/><target dir='a'/></filesystem>
    <filesystem type='mount' fmode='⟦0644⟧'><source dir='/s'/><target dir='b'/></filesystem>
    <filesystem type='mount' model='⟦virtio⟧'><driver type='virtiofs'/><source dir='/s'/><target dir='c'/></filesystem>`),
    );
  });

  it('filesystem-qemu near miss: 9p mapped with fmode, virtiofs plain, virtiofs with its own socket and a write policy', () => {
    expectRule(
      filesystemQemuRule,
      kvmDomain(`<filesystem type='mount' accessmode='mapped' fmode='0644' dmode='0755'><source dir='/s'/><target dir='b'/></filesystem>
    <filesystem type='mount'><driver type='virtiofs'/><binary path='/usr/libexec/virtiofsd'><sandbox mode='chroot'/></binary><source dir='/s'/><target dir='c'/></filesystem>
    <filesystem type='mount'><driver type='virtiofs' wrpolicy='immediate'/><source socket='/tmp/sock'/><target dir='d'/></filesystem>`),
    );
  });

  it('filesystem-target: boot order on a 9p filesystem, two virtiofs with one tag (the first linked)', () => {
    const findings = expectRule(
      filesystemTargetRule,
      kvmDomain(`<filesystem type='mount'><source dir='/s'/><target dir='a'/><⟦boot⟧ order='1'/></filesystem>
    <filesystem type='mount'><driver type='virtiofs'/><source dir='/s'/><target dir='tag'/></filesystem>
    <filesystem type='mount'><driver type='virtiofs'/><source dir='/t'/><target dir='⟦tag⟧'/></filesystem>`),
    );
    assert.equal(findings[1].related?.length, 1);
  });

  it('filesystem-target near miss: a 9p and a virtiofs filesystem with one tag, boot from virtiofs', () => {
    expectRule(
      filesystemTargetRule,
      kvmDomain(`<filesystem type='mount'><source dir='/s'/><target dir='tag'/></filesystem>
    <filesystem type='mount'><driver type='virtiofs'/><source dir='/t'/><target dir='tag'/><boot order='1'/></filesystem>`),
    );
  });

  it('vsock-cid: a reserved CID', () => {
    expectRule(vsockCidRule, kvmDomain(`<vsock model='virtio'><cid auto='no' address='⟦2⟧'/></vsock>`));
  });

  it('vsock-cid near miss: CID 3', () => {
    expectRule(vsockCidRule, kvmDomain(`<vsock model='virtio'><cid auto='no' address='3'/></vsock>`));
  });

  it('net-qemu-options: coalescing on a direct interface, a vDPA e1000, a failover pair of the wrong kinds', () => {
    expectRule(
      netQemuOptionsRule,
      kvmDomain(`<interface type='direct'><source dev='eth0' mode='bridge'/><⟦coalesce⟧><rx><frames max='7'/></rx></coalesce></interface>
    <interface type='vdpa'><source dev='/dev/vhost-vdpa-0'/><model type='⟦e1000⟧'/></interface>
    <interface type='bridge'><source bridge='br0'/><model type='⟦e1000e⟧'/><teaming type='persistent'/></interface>
    <interface type='⟦bridge⟧'><source bridge='br0'/><model type='virtio'/><teaming type='transient' persistent='ua-net0'/></interface>`),
    );
  });

  it('net-qemu-options near miss: coalescing on a bridge, a virtio persistent and a hostdev transient interface', () => {
    expectRule(
      netQemuOptionsRule,
      kvmDomain(`<interface type='bridge'><source bridge='br0'/><coalesce><rx><frames max='7'/></rx></coalesce><model type='virtio'/><teaming type='persistent'/></interface>
    <interface type='hostdev'><source><address type='pci' domain='0' bus='3' slot='0' function='1'/></source><teaming type='transient' persistent='ua-net0'/></interface>`),
    );
  });

  it('virtio-options-non-virtio: iommu on a vga adapter, packed on an e1000 interface', () => {
    expectRule(
      virtioOptionsRule,
      kvmDomain(`<video><model type='vga'/><driver iommu='⟦on⟧'/></video>
    <interface type='network'><source network='default'/><model type='e1000'/><driver packed='⟦on⟧'/></interface>`),
    );
  });

  it('virtio-options-non-virtio near miss: options on virtio devices and on an interface without model', () => {
    expectRule(
      virtioOptionsRule,
      kvmDomain(`<video><model type='virtio'/><driver iommu='on' ats='on'/></video>
    <interface type='network'><source network='default'/><driver packed='on'/></interface>`),
    );
  });

  it('net-definition: an unmanaged tap on a bridge, a transient partner without persistent, isolation on direct, passt on a bridge', () => {
    expectRule(
      netDefinitionRule,
      kvmDomain(`<interface type='bridge'><source bridge='br0'/><target dev='tap0' managed='⟦no⟧'/></interface>
    <interface type='hostdev'><source><address type='pci' domain='0' bus='3' slot='0' function='1'/></source><teaming type='⟦transient⟧'/></interface>
    <interface type='direct'><source dev='eth0' mode='bridge'/><port isolated='⟦yes⟧'/></interface>
    <interface type='bridge'><source bridge='br0'/><backend type='⟦passt⟧'/></interface>`),
    );
  });

  it('net-definition near miss: an unmanaged tap on ethernet, isolation on a bridge, passt on user with port forwards', () => {
    expectRule(
      netDefinitionRule,
      kvmDomain(`<interface type='ethernet'><target dev='tap0' managed='no'/></interface>
    <interface type='bridge'><source bridge='br0'/><port isolated='yes'/></interface>
    <interface type='user'><backend type='passt'/><portForward proto='tcp'><range start='2022' to='22'/></portForward></interface>`),
    );
  });

  it('channel-guestfwd-target: no port', () => {
    expectRule(channelGuestfwdRule, kvmDomain(`<channel type='pty'><target type='⟦guestfwd⟧' address='10.0.2.1'/></channel>`));
  });

  it('channel-guestfwd-target near miss: address and port', () => {
    expectRule(channelGuestfwdRule, kvmDomain(`<channel type='pty'><target type='guestfwd' address='10.0.2.1' port='4600'/></channel>`));
  });

  it('console-sclp-arch: an sclp console on x86', () => {
    expectRule(consoleSclpRule, kvmDomain(`<console type='pty'><target type='⟦sclp⟧'/></console>`));
  });

  it('console-sclp-arch near miss: an sclp console on s390x', () => {
    expectRule(consoleSclpRule, kvmDomain(`<console type='pty'><target type='sclp'/></console>`, { arch: 's390x', machine: 's390-ccw-virtio' }));
  });

  it('audio-spice-without-graphics: spice audio with vnc graphics', () => {
    expectRule(audioSpiceRule, kvmDomain(`<graphics type='vnc'/>
    <audio id='1' type='⟦spice⟧'/>`));
  });

  it('audio-spice-without-graphics near miss: spice audio with spice graphics', () => {
    expectRule(audioSpiceRule, kvmDomain(`<graphics type='spice'/>
    <audio id='1' type='spice'/>`));
  });

  it('shmem-server: a doorbell without server, a plain with a server, a doorbell with a size', () => {
    expectRule(
      shmemServerRule,
      kvmDomain(`<shmem name='a'><model type='⟦ivshmem-doorbell⟧'/></shmem>
    <shmem name='b'><model type='ivshmem-plain'/><⟦server⟧/></shmem>
    <shmem name='c'><model type='ivshmem-doorbell'/><⟦size⟧ unit='M'>4</size><server/></shmem>`),
    );
  });

  it('shmem-server near miss: a plain with a size, a doorbell with a server', () => {
    expectRule(shmemServerRule, kvmDomain(`<shmem name='a'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>
    <shmem name='b'><model type='ivshmem-doorbell'/><server path='/tmp/s'/><msi vectors='16'/></shmem>`));
  });

  it('net-guest-ip: an address on a bridge interface; a route, a peer, two IPv4 and a bad prefix on slirp', () => {
    expectRule(netGuestIpRule, kvmDomain(`<interface type='bridge'><source bridge='br0'/><⟦ip⟧ address='192.168.122.5' prefix='24'/></interface>`));
    expectRule(
      netGuestIpRule,
      kvmDomain(`<interface type='user'><ip address='10.0.2.15' prefix='⟦28⟧' peer='⟦10.0.2.2⟧'/><⟦ip⟧ address='10.0.3.15'/><ip family='ipv6' address='fd00::1' prefix='⟦96⟧'/><⟦route⟧ family='ipv4' address='10.1.0.0' prefix='16' gateway='10.0.2.2'/></interface>`),
    );
  });

  it('net-guest-ip near miss: one IPv4 and one IPv6 address on slirp, several on passt', () => {
    expectRule(netGuestIpRule, kvmDomain(`<interface type='user'><ip address='10.0.2.15' prefix='24'/><ip family='ipv6' address='fd00::1' prefix='64'/></interface>
    <interface type='user'><backend type='passt'/><ip address='10.0.2.15' prefix='28'/><ip address='10.0.3.15'/></interface>`));
  });

  it('net-host-ip: a host-side address on a bridge interface', () => {
    expectRule(netHostIpRule, kvmDomain(`<interface type='bridge'><source bridge='br0'><⟦ip⟧ address='192.168.123.1' prefix='24'/></source></interface>`));
  });

  it('net-host-ip near miss: host-side address and route on an ethernet interface', () => {
    expectRule(netHostIpRule, kvmDomain(`<interface type='ethernet'><source><ip address='192.168.123.1' prefix='24'/><route family='ipv4' address='192.168.42.0' prefix='24' gateway='192.168.123.4'/></source></interface>`));
  });

  it('net-mtu-type: an MTU on a direct interface', () => {
    expectRule(netMtuRule, kvmDomain(`<interface type='direct'><source dev='eth0' mode='bridge'/><⟦mtu⟧ size='9000'/></interface>`));
  });

  it('net-mtu-type near miss: an MTU on a bridge and on a passt interface', () => {
    expectRule(netMtuRule, kvmDomain(`<interface type='bridge'><source bridge='br0'/><mtu size='9000'/></interface>
    <interface type='user'><backend type='passt'/><mtu size='1400'/></interface>`));
  });

  it('console-serial-not-first: a second console on a serial port', () => {
    expectRule(consoleSerialFirstRule, kvmDomain(`<console type='pty'><target type='virtio'/></console>
    <console type='pty'><target type='⟦serial⟧'/></console>`));
  });

  it('console-serial-not-first near miss: a serial console first, a virtio one next', () => {
    expectRule(consoleSerialFirstRule, kvmDomain(`<console type='pty'><target type='serial'/></console>
    <console type='pty'><target type='virtio'/></console>`));
  });

  it('the family never throws on half-typed devices', () => {
    ruleFindings(devicesRules, kvmDomain(`<serial type='tcp'><source mode='<target type='
    <tpm model='tpm-tis'><backend type='emulator' version='1.2
    <iommu model='virtio'><address type=
    <panic model=
    <shmem name='x'><size unit='Q'>12</size></shmem>
    <video><model type='qxl' vgamem='abc'/></video>`));
  });
});
