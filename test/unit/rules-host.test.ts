/**
 * The host rules (rules/host/), each with a document that breaks it on a host of libvirt's own
 * test data (test/fixtures/host) and a near miss; what the rules ask domcapabilities for; the
 * notes on the checks that cannot run; and their words, in English and Chinese.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Finding } from '../../server/src/finding';
import { HostCapabilities } from '../../server/src/libvirt/capabilities';
import { DomainCapabilities, parseDomainCapabilities } from '../../server/src/libvirt/domainCapabilities';
import { DomainCapabilitiesAnswer } from '../../server/src/libvirt/hostFacts';
import { render } from '../../server/src/messages/words';
import { HOST_RULES, helpIn, runHostRules } from '../../server/src/rules';
import { Domain } from '../../server/src/rules/domain';
import { HostChecks, hostNotes, hostView } from '../../server/src/rules/host/facts';
import { HostRule } from '../../server/src/rules/host/hostRule';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { capabilitiesOf, domainCapabilitiesOf, hostChecks } from './helpers/hostFixtures';
import { unmark } from './helpers/rules';

const KVM_HOST = capabilitiesOf('caps-qemu-kvm.xml');
const TEST_HOST = capabilitiesOf('test-default.capabilities.xml');
const NUMA_HOST = capabilitiesOf('vircaps-x86_64-basic.xml');
const Q35 = domainCapabilitiesOf('qemu_2.11.0-q35.x86_64.xml');
const ARM = domainCapabilitiesOf('qemu_10.0.0-virt.aarch64.xml');

const CJK = /[\u4e00-\u9fff]/;

function domainOf(text: string): Domain {
  const domain = Domain.of(text, ParsedDocument.parse(text).tree);
  assert.ok(domain, 'the test document has no <domain> root');
  return domain;
}

/** What `rule` finds in `text` on the host. */
function hostFindings(rule: HostRule | readonly HostRule[], text: string, checks: HostChecks): Finding[] {
  const rules = Array.isArray(rule) ? rule : [rule as HostRule];
  return runHostRules(domainOf(text), checks, rules, (failed, error) => {
    throw new Error(`${failed.code} threw: ${error instanceof Error ? error.stack : String(error)}`);
  }).findings;
}

/** Asserts that `rule` flags exactly the ⟦marked⟧ spans of `marked` on the host, and returns its findings. */
function expectHostRule(rule: HostRule, marked: string, checks: HostChecks): Finding[] {
  const { text, spans } = unmark(marked);
  const findings = hostFindings(rule, text, checks);
  const show = (s: { start: number; end: number }) => `${s.start}-${s.end} "${text.slice(s.start, s.end)}"`;
  assert.deepEqual(findings.map(show), spans.map(show), `${rule.code}: ${findings.map((f) => f.message).join(' | ') || 'no finding'}`);
  for (const finding of findings) assert.equal(finding.code, rule.code);
  return findings;
}

const rule = (code: string): HostRule => {
  const found = HOST_RULES.find((r) => r.code === code);
  assert.ok(found, code);
  return found;
};

/** A domain of `type` with `os` as the attributes of `<os><type>`, `head` after `<os>`, and `devices`. */
function guest(options: { type?: string; os?: string; osType?: string; vcpu?: string; head?: string; devices?: string; osExtra?: string; osAttributes?: string } = {}): string {
  return `<domain type='${options.type ?? 'kvm'}'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>${options.vcpu ?? '2'}</vcpu>
  <os${options.osAttributes ?? ''}>
    <type${options.os ?? " arch='x86_64' machine='pc'"}>${options.osType ?? 'hvm'}</type>${options.osExtra ?? ''}
  </os>
${options.head ?? ''}  <devices>
${options.devices ?? ''}
  </devices>
</domain>
`;
}

const onKvmHost = (answer: DomainCapabilities | DomainCapabilitiesAnswer = Q35) => hostChecks(KVM_HOST, answer);
const onTestHost = () => hostChecks(TEST_HOST, undefined, 'vm', 'test:///default');
const onArm = () => hostChecks(KVM_HOST, ARM);

// ---------------------------------------------------------------------------------------------
// Capabilities: the guest, the machine, the emulator, the vCPU limit

test('host-guest-unsupported: a domain type the host does not offer, on the type; the test host offers only test on i686', () => {
  const [kvm] = expectHostRule(rule('host-guest-unsupported'), guest({ type: '⟦kvm⟧', os: '' }), onTestHost());
  assert.equal(kvm.message, 'test:///default (vm) offers no `kvm` guests, only `test` on i686: libvirt rejects the domain.');
  expectHostRule(rule('host-guest-unsupported'), guest({ type: 'test', os: '' }), onTestHost());
});

test('host-guest-unsupported: an arch the host has no guest for, on the arch; a type the host lacks on that arch, on the type', () => {
  const [arch] = expectHostRule(rule('host-guest-unsupported'), guest({ type: 'test', os: " arch='⟦x86_64⟧'" }), onTestHost());
  assert.equal(arch.message, 'test:///default (vm) offers no `hvm` guests for arch `x86_64`, only for i686: libvirt rejects the domain.');
  const [type] = expectHostRule(rule('host-guest-unsupported'), guest({ type: '⟦kvm⟧', os: " arch='aarch64'" }), onKvmHost());
  assert.equal(type.message, 'qemu:///system (kvm01) offers no `kvm` guests for arch `aarch64`, only `qemu`: libvirt rejects the domain.');
  expectHostRule(rule('host-guest-unsupported'), guest({ type: 'qemu', os: " arch='aarch64'" }), onKvmHost());
});

test('host-guest-unsupported: an os type the host runs no guest of, on the os type', () => {
  const [exe] = expectHostRule(rule('host-guest-unsupported'), guest({ type: 'kvm', os: '', osType: '⟦exe⟧' }), onKvmHost());
  assert.equal(exe.message, 'qemu:///system (kvm01) offers no `exe` guests, only `hvm` and `xen`: libvirt rejects the domain.');
  expectHostRule(rule('host-guest-unsupported'), guest({ type: 'kvm', os: '', osType: 'xen' }), onKvmHost());
});

test('host-machine-unsupported: a machine type the host does not list for the arch and type; its alias and versions are fine', () => {
  const [machine] = expectHostRule(rule('host-machine-unsupported'), guest({ os: " arch='x86_64' machine='⟦pc-q35-9.0⟧'" }), onKvmHost());
  assert.equal(machine.message, 'qemu:///system (kvm01) offers no machine type `pc-q35-9.0` for `kvm` guests on x86_64: libvirt rejects the domain.');
  expectHostRule(rule('host-machine-unsupported'), guest({ os: " arch='x86_64' machine='pc'" }), onKvmHost());
  expectHostRule(rule('host-machine-unsupported'), guest({ os: " arch='i686' machine='pc-0.10'" }), onKvmHost());
  expectHostRule(rule('host-machine-unsupported'), guest({ type: 'test', os: " machine='anything'" }), onTestHost());
});

test('host-emulator-missing: the QEMU binary the host does not have, as its domcapabilities say', () => {
  const refused = onKvmHost({ state: 'refused', message: 'Cannot check QEMU binary /usr/libexec/qemu-kvm: No such file or directory' });
  const [missing] = expectHostRule(rule('host-emulator-missing'), guest({ devices: '    <emulator>⟦/usr/libexec/qemu-kvm⟧</emulator>' }), refused);
  assert.equal(missing.message, 'qemu:///system (kvm01) has no QEMU binary `/usr/libexec/qemu-kvm`: No such file or directory: libvirt rejects the domain.');
  assert.deepEqual(refused.asked, [{ virttype: 'kvm', arch: 'x86_64', machine: 'pc', emulator: '/usr/libexec/qemu-kvm' }]);
  expectHostRule(rule('host-emulator-missing'), guest({ devices: '    <emulator>/usr/bin/qemu-system-x86_64</emulator>' }), onKvmHost());
  expectHostRule(rule('host-emulator-missing'), guest({ devices: '    <emulator>/usr/bin/qemu-system-x86_64</emulator>' }), onKvmHost({ state: 'refused', message: "invalid argument: KVM is not supported by '/usr/bin/qemu-system-x86_64' on this host" }));
});

test("host-vcpus-over-machine-limit: more vCPUs than the machine's maxCpus, or domcapabilities' limit for the default machine", () => {
  const [isapc] = expectHostRule(rule('host-vcpus-over-machine-limit'), guest({ os: " arch='i686' machine='isapc'", vcpu: '⟦2⟧' }), onKvmHost());
  assert.equal(isapc.message, '2 vCPUs are more than machine type `isapc` takes on qemu:///system (kvm01) (1): libvirt rejects the domain.');
  expectHostRule(rule('host-vcpus-over-machine-limit'), guest({ os: " arch='i686' machine='pc'", vcpu: '2' }), onKvmHost());
  const [byDefault] = expectHostRule(rule('host-vcpus-over-machine-limit'), guest({ os: " arch='x86_64'", vcpu: '⟦300⟧' }), onKvmHost());
  assert.match(byDefault.message, /^300 vCPUs are more than machine type `pc-q35-2\.11` takes on qemu:\/\/\/system \(kvm01\) \(288\)/);
  expectHostRule(rule('host-vcpus-over-machine-limit'), guest({ os: " arch='x86_64'", vcpu: '288' }), onKvmHost());
});

// ---------------------------------------------------------------------------------------------
// domcapabilities: CPU, firmware

test('host-cpu-mode-unsupported: a CPU mode the hypervisor does not support for the guest', () => {
  const [maximum] = expectHostRule(rule('host-cpu-mode-unsupported'), guest({ head: "  <cpu mode='⟦maximum⟧'/>\n" }), onKvmHost());
  assert.equal(maximum.message, 'CPU mode `maximum` is not supported by qemu:///system (kvm01) for `kvm` guests on x86_64: the guest fails to start.');
  expectHostRule(rule('host-cpu-mode-unsupported'), guest({ head: "  <cpu mode='host-passthrough'/>\n" }), onKvmHost());
  expectHostRule(rule('host-cpu-mode-unsupported'), guest({ type: 'qemu', os: " arch='aarch64' machine='machvirt'", head: "  <cpu mode='⟦host-model⟧'/>\n" }), onArm());
  expectHostRule(rule('host-cpu-mode-unsupported'), guest({ head: "  <cpu><topology sockets='1' cores='2' threads='1'/></cpu>\n" }), onKvmHost());
});

test('host-cpu-model-unknown: a custom model the hypervisor does not know, unless fallback lets libvirt pick another', () => {
  const [model] = expectHostRule(rule('host-cpu-model-unknown'), guest({ head: '  <cpu mode="custom"><model>⟦Icelake-Server⟧</model></cpu>\n' }), onKvmHost());
  assert.equal(model.message, 'CPU model `Icelake-Server` is not one qemu:///system (kvm01) offers for `kvm` guests on x86_64: the guest fails to start.');
  expectHostRule(rule('host-cpu-model-unknown'), guest({ head: '  <cpu><model>Haswell</model></cpu>\n' }), onKvmHost());
  expectHostRule(rule('host-cpu-model-unknown'), guest({ head: "  <cpu><model fallback='allow'>Icelake-Server</model></cpu>\n" }), onKvmHost());
  expectHostRule(rule('host-cpu-model-unknown'), guest({ head: "  <cpu mode='host-model'><model>power9</model></cpu>\n" }), onKvmHost());
});

test("host-cpu-model-unusable: a model the host CPU cannot run under KVM's default check, naming what it lacks", () => {
  const [epyc] = expectHostRule(rule('host-cpu-model-unusable'), guest({ head: "  <cpu match='exact'><model>⟦EPYC⟧</model></cpu>\n" }), onKvmHost());
  assert.equal(epyc.message, 'CPU model `EPYC` cannot run on qemu:///system (kvm01): the guest fails to start.');
  expectHostRule(rule('host-cpu-model-unusable'), guest({ head: "  <cpu check='none'><model>EPYC</model></cpu>\n" }), onKvmHost());
  expectHostRule(rule('host-cpu-model-unusable'), guest({ type: 'qemu', head: '  <cpu><model>EPYC</model></cpu>\n' }), onKvmHost());
  expectHostRule(rule('host-cpu-model-unusable'), guest({ head: '  <cpu><model>Haswell</model></cpu>\n' }), onKvmHost());
  const blocked = parseDomainCapabilities(`<domainCapabilities><cpu><mode name='custom' supported='yes'>
    <model usable='no'>Broadwell</model><blockers model='Broadwell'><feature name='hle'/><feature name='rtm'/></blockers>
  </mode></cpu></domainCapabilities>`);
  const [lacks] = expectHostRule(rule('host-cpu-model-unusable'), guest({ head: "  <cpu><model>⟦Broadwell⟧</model><feature policy='disable' name='hle'/></cpu>\n" }), onKvmHost(blocked));
  assert.equal(lacks.message, 'CPU model `Broadwell` cannot run on qemu:///system (kvm01): its CPU lacks `rtm`: the guest fails to start.');
  expectHostRule(rule('host-cpu-model-unusable'), guest({ head: "  <cpu><model>Broadwell</model><feature policy='disable' name='hle'/><feature policy='forbid' name='rtm'/></cpu>\n" }), onKvmHost(blocked));
});

test('host-firmware-unavailable: firmware auto-selection of a type the host has no firmware for', () => {
  const arm = { type: 'qemu', os: " arch='aarch64' machine='machvirt'" };
  const [bios] = expectHostRule(rule('host-firmware-unavailable'), guest({ ...arm, osAttributes: " firmware='⟦bios⟧'" }), onArm());
  assert.equal(bios.message, "qemu:///system (kvm01) has no firmware to select for `firmware='bios'` on machine type `machvirt`, only for `efi`: libvirt rejects the domain.");
  expectHostRule(rule('host-firmware-unavailable'), guest({ ...arm, osAttributes: " firmware='efi'" }), onArm());
  expectHostRule(rule('host-firmware-unavailable'), guest({ osAttributes: " firmware='bios'" }), onKvmHost());
});

test('host-loader-unavailable: with auto-selection, a loader value or firmware feature no firmware of the host has', () => {
  const arm = { type: 'qemu', os: " arch='aarch64' machine='machvirt'", osAttributes: " firmware='efi'" };
  const [secure] = expectHostRule(rule('host-loader-unavailable'), guest({ ...arm, osExtra: "\n    <loader secure='⟦yes⟧'/>" }), onArm());
  assert.equal(secure.message, "qemu:///system (kvm01) has no firmware with `secure='yes'` for machine type `machvirt`, only `no`: libvirt rejects the domain.");
  expectHostRule(rule('host-loader-unavailable'), guest({ ...arm, osExtra: "\n    <loader secure='no' type='pflash'/>\n    <firmware><feature enabled='yes' name='secure-boot'/></firmware>" }), onArm());
  expectHostRule(rule('host-loader-unavailable'), guest({ ...arm, osAttributes: '', osExtra: "\n    <loader secure='yes' type='pflash'>/usr/share/AAVMF/AAVMF_CODE.secboot.fd</loader>" }), onArm());
  const noSecureBoot = parseDomainCapabilities(`<domainCapabilities><os supported='yes'><enum name='firmware'><value>efi</value></enum>
    <firmwareFeatures supported='yes'><enum name='secureBoot'><value>no</value></enum></firmwareFeatures></os></domainCapabilities>`);
  expectHostRule(rule('host-loader-unavailable'), guest({ ...arm, osExtra: "\n    <firmware><feature enabled='⟦yes⟧' name='secure-boot'/></firmware>" }), onKvmHost(noSecureBoot));
});

// ---------------------------------------------------------------------------------------------
// domcapabilities: devices and features

test('host-graphics-unsupported and host-video-unsupported: a graphics type or video model the QEMU lacks', () => {
  const arm = { type: 'qemu', os: " arch='aarch64' machine='machvirt'" };
  const [spice] = expectHostRule(rule('host-graphics-unsupported'), guest({ ...arm, devices: "    <graphics type='⟦spice⟧'/>\n    <graphics type='vnc'/>" }), onArm());
  assert.equal(spice.message, "qemu:///system (kvm01) does not offer `<graphics type='spice'>`, only `sdl`, `vnc`, `rdp`, `egl-headless` and `dbus`: libvirt rejects the domain.");
  expectHostRule(rule('host-video-unsupported'), guest({ ...arm, devices: "    <video><model type='⟦qxl⟧'/></video>\n    <video><model type='virtio'/></video>\n    <video><model type='none'/></video>" }), onArm());
  expectHostRule(rule('host-video-unsupported'), guest({ devices: "    <video><model type='qxl'/></video>" }), onKvmHost());
});

test('host-tpm-unsupported: TPM model, backend type and version against what the QEMU offers', () => {
  const arm = { type: 'qemu', os: " arch='aarch64' machine='machvirt'" };
  const found = expectHostRule(rule('host-tpm-unsupported'), guest({ ...arm, devices: "    <tpm model='⟦tpm-crb⟧'><backend type='emulator' version='⟦1.2⟧'/></tpm>" }), onArm());
  assert.equal(found[0].message, "qemu:///system (kvm01) does not offer `<tpm model='tpm-crb'>`, only `tpm-tis`: libvirt rejects the domain.");
  assert.equal(found[1].message, "qemu:///system (kvm01) does not offer `<backend version='1.2'>`, only `2.0`: libvirt rejects the domain.");
  expectHostRule(rule('host-tpm-unsupported'), guest({ ...arm, devices: "    <tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm>\n    <tpm><backend type='passthrough'/></tpm>" }), onArm());
  expectHostRule(rule('host-tpm-unsupported'), guest({ devices: "    <tpm model='tpm-crb'><backend type='emulator' version='1.2'/></tpm>" }), onKvmHost());
});

test('host-rng-unsupported and host-redirdev-unsupported: an RNG backend the QEMU lacks; USB redirection where there is none', () => {
  expectHostRule(rule('host-rng-unsupported'), guest({ devices: "    <rng model='virtio'><backend model='⟦builtin⟧'/></rng>" }), onKvmHost());
  expectHostRule(rule('host-rng-unsupported'), guest({ devices: "    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>" }), onKvmHost());
  const arm = { type: 'qemu', os: " arch='aarch64' machine='machvirt'" };
  const [redirdev] = expectHostRule(rule('host-redirdev-unsupported'), guest({ ...arm, devices: "    <⟦redirdev⟧ bus='usb' type='spicevmc'/>" }), onArm());
  assert.equal(redirdev.message, 'qemu:///system (kvm01) does not offer `<redirdev>` devices: libvirt rejects the domain.');
  expectHostRule(rule('host-redirdev-unsupported'), guest({ devices: "    <redirdev bus='usb' type='spicevmc'/>" }), onKvmHost());
});

test('host-hostdev-unsupported, host-disk-unsupported, host-filesystem-unsupported, host-crypto-unsupported: values the enums do not list', () => {
  expectHostRule(
    rule('host-hostdev-unsupported'),
    guest({ devices: "    <hostdev mode='subsystem' type='⟦mdev⟧' model='vfio-pci'/>\n    <hostdev mode='subsystem' type='pci'><driver name='⟦kvm⟧'/></hostdev>\n    <hostdev mode='subsystem' type='pci'><driver name='vfio'/></hostdev>" }),
    onKvmHost(),
  );
  const arm = { type: 'qemu', os: " arch='aarch64' machine='machvirt'" };
  expectHostRule(rule('host-disk-unsupported'), guest({ ...arm, devices: "    <disk type='file' device='⟦floppy⟧'><target dev='fda' bus='⟦fdc⟧'/></disk>\n    <disk type='file' device='disk' model='virtio'><target dev='vda' bus='virtio'/></disk>" }), onArm());
  expectHostRule(rule('host-filesystem-unsupported'), guest({ ...arm, devices: "    <filesystem><driver type='⟦loop⟧'/></filesystem>\n    <filesystem><driver type='virtiofs'/></filesystem>" }), onArm());
  expectHostRule(rule('host-crypto-unsupported'), guest({ ...arm, devices: "    <crypto model='virtio' type='qemu'><backend model='⟦lkcf⟧'/></crypto>\n    <crypto model='virtio' type='qemu'><backend model='builtin'/></crypto>" }), onArm());
});

test('host-iommu-model-unsupported: an IOMMU model, where domcapabilities list them', () => {
  const withIommu = parseDomainCapabilities("<domainCapabilities><devices><iommu supported='yes'><enum name='model'><value>intel</value></enum></iommu></devices></domainCapabilities>");
  expectHostRule(rule('host-iommu-model-unsupported'), guest({ devices: "    <iommu model='⟦virtio⟧'/>\n    <iommu model='intel'/>" }), onKvmHost(withIommu));
  expectHostRule(rule('host-iommu-model-unsupported'), guest({ devices: "    <iommu model='virtio'/>" }), onKvmHost());
});

test('host-feature-unsupported: genid or vmcoreinfo where the QEMU lacks the device', () => {
  const arm = { type: 'qemu', os: " arch='aarch64' machine='machvirt'" };
  const [genid] = expectHostRule(rule('host-feature-unsupported'), guest({ ...arm, head: '  <⟦genid⟧/>\n' }), onArm());
  assert.equal(genid.message, 'qemu:///system (kvm01) does not offer the `genid` feature: libvirt rejects the domain.');
  expectHostRule(rule('host-feature-unsupported'), guest({ head: '  <genid/>\n  <features><vmcoreinfo/></features>\n' }), onKvmHost());
  const noVmcoreinfo = parseDomainCapabilities("<domainCapabilities><features><vmcoreinfo supported='no'/></features></domainCapabilities>");
  expectHostRule(rule('host-feature-unsupported'), guest({ head: "  <features><⟦vmcoreinfo⟧ state='on'/></features>\n" }), onKvmHost(noVmcoreinfo));
  expectHostRule(rule('host-feature-unsupported'), guest({ head: "  <features><vmcoreinfo state='off'/></features>\n" }), onKvmHost(noVmcoreinfo));
});

// ---------------------------------------------------------------------------------------------
// Capabilities: page sizes, IOMMU

test('host-hugepage-size: a page size the host does not offer; its sizes in any unit are fine', () => {
  const host = hostChecks(NUMA_HOST);
  const [page] = expectHostRule(rule('host-hugepage-size'), guest({ head: "  <memoryBacking><hugepages><page size='⟦16⟧' unit='MiB'/><page size='2' unit='M'/><page size='1' unit='GiB'/></hugepages></memoryBacking>\n" }), host);
  assert.equal(page.message, 'qemu:///system (kvm01) has no 16384 KiB pages, only 4 KiB, 2048 KiB and 1048576 KiB: the guest fails to start.');
  expectHostRule(rule('host-hugepage-size'), guest({ head: "  <memoryBacking><hugepages><page size='2048'/></hugepages></memoryBacking>\n" }), host);
  expectHostRule(rule('host-hugepage-size'), guest({ head: "  <memoryBacking><hugepages><page size='16' unit='MiB'/></hugepages></memoryBacking>\n" }), onKvmHost());
});

test('host-vfio-without-iommu: a PCI host device on a host whose IOMMU is off', () => {
  const host = hostChecks(NUMA_HOST);
  const found = expectHostRule(
    rule('host-vfio-without-iommu'),
    guest({
      devices: "    <⟦hostdev⟧ mode='subsystem' type='pci' managed='yes'/>\n    <hostdev mode='subsystem' type='pci'><driver name='⟦vfio⟧'/></hostdev>\n    <hostdev mode='subsystem' type='usb'/>\n    <⟦interface⟧ type='hostdev'/>",
    }),
    host,
  );
  assert.match(found[0].message, /^qemu:\/\/\/system \(kvm01\) has no IOMMU \(its capabilities say `<iommu support='no'>`\): it cannot pass PCI devices through with VFIO: the guest fails to start\.$/);
  expectHostRule(rule('host-vfio-without-iommu'), guest({ devices: "    <hostdev mode='subsystem' type='pci' managed='yes'/>" }), onKvmHost());
});

// ---------------------------------------------------------------------------------------------
// The view, the notes, the words

test('the domcapabilities asked for: the guest as resolved (the host arch first), the machine as written, the emulator; none for an unknown guest or machine', () => {
  const test1 = onTestHost();
  hostView(domainOf(guest({ type: 'test', os: '' })), test1);
  assert.deepEqual(test1.asked, [{ virttype: 'test', arch: 'i686' }]);
  const kvm = onKvmHost();
  hostView(domainOf(guest({ os: '' })), kvm);
  assert.deepEqual(kvm.asked, [{ virttype: 'kvm', arch: 'x86_64' }], 'the host arch is preferred');
  hostView(domainOf(guest({ os: " arch='x86_64' machine='pc-q35-9.0'" })), kvm);
  hostView(domainOf(guest({ type: 'kvm', os: " arch='aarch64'" })), kvm);
  hostView(domainOf(guest({ type: '', os: '' })), kvm);
  assert.equal(kvm.asked.length, 1, 'no query for what the host does not offer');
});

test('notes: the checks that cannot run against the host, and why', () => {
  const view = (answer: DomainCapabilitiesAnswer) => hostView(domainOf(guest()), onKvmHost(answer));
  assert.deepEqual(
    hostNotes(view({ state: 'unsupported', message: 'this function is not supported by the connection driver: virConnectGetDomainCapabilities' })).map((note) => render(note, 'en')),
    ['qemu:///system (kvm01) has no domcapabilities (this function is not supported by the connection driver: virConnectGetDomainCapabilities): the checks of CPU models, devices and firmware against it are skipped.'],
  );
  assert.equal(hostNotes(view({ state: 'pending' }))[0].key, 'host.note.reading');
  assert.equal(hostNotes(view({ state: 'failed', message: 'timeout' }))[0].key, 'host.note.domainCapabilitiesFailed');
  assert.deepEqual(hostNotes(view({ state: 'ready', capabilities: Q35 })), []);
  const noted = hostNotes(view({ state: 'refused', message: 'x' }))[0];
  assert.match(render(noted, 'zh'), CJK);
  // Without domcapabilities, the rules that need them do not run, and do not fail.
  const skipped = hostFindings(HOST_RULES, guest({ head: "  <cpu mode='maximum'/>\n" }), onKvmHost({ state: 'unsupported', message: 'no' }));
  assert.deepEqual(skipped, []);
});

/** Documents that, together, make every host rule report, each with the host it needs. */
const EVERYTHING: [string, HostChecks][] = [
  [guest({ type: 'kvm', os: '' }), onTestHost()],
  [guest({ os: " arch='x86_64' machine='pc-q35-9.0'" }), onKvmHost()],
  [guest({ devices: '    <emulator>/x</emulator>' }), onKvmHost({ state: 'refused', message: 'Cannot check QEMU binary /x: No such file or directory' })],
  [guest({ os: " arch='i686' machine='isapc'", head: "  <cpu mode='maximum'/>\n", devices: "    <rng model='virtio'><backend model='builtin'/></rng>\n    <hostdev mode='subsystem' type='mdev'/>" }), onKvmHost()],
  [guest({ head: '  <cpu><model>Icelake-Server</model></cpu>\n' }), onKvmHost()],
  [guest({ head: '  <cpu><model>EPYC</model></cpu>\n' }), onKvmHost()],
  [
    guest({
      type: 'qemu',
      os: " arch='aarch64' machine='machvirt'",
      osAttributes: " firmware='bios'",
      osExtra: "\n    <loader secure='yes'/>",
      head: '  <genid/>\n',
      devices:
        "    <graphics type='spice'/>\n    <video><model type='qxl'/></video>\n    <tpm model='tpm-crb'/>\n    <redirdev bus='usb' type='spicevmc'/>\n    <disk type='file' device='floppy'/>\n    <filesystem><driver type='loop'/></filesystem>\n    <crypto model='virtio' type='qemu'><backend model='lkcf'/></crypto>",
    }),
    onArm(),
  ],
  [guest({ devices: "    <iommu model='virtio'/>" }), onKvmHost(parseDomainCapabilities("<domainCapabilities><devices><iommu supported='yes'><enum name='model'><value>intel</value></enum></iommu></devices></domainCapabilities>"))],
  [guest({ head: "  <memoryBacking><hugepages><page size='16' unit='MiB'/></hugepages></memoryBacking>\n", devices: "    <hostdev mode='subsystem' type='pci'/>" }), hostChecks(NUMA_HOST)],
];

test('every host rule reports in words: English as shown, and Chinese; its help is words in both', () => {
  const findings = EVERYTHING.flatMap(([text, checks]) => hostFindings(HOST_RULES, text, checks));
  const reported = new Set(findings.map((finding) => finding.code));
  assert.deepEqual(
    HOST_RULES.map((r) => r.code).filter((code) => !reported.has(code)),
    [],
    'every rule is exercised',
  );
  for (const finding of findings) {
    assert.ok(finding.words, `${finding.code} has words`);
    assert.equal(render(finding.words, 'en'), finding.message, finding.code);
    assert.match(render(finding.words, 'zh'), CJK, finding.code);
    assert.ok(finding.message.includes('qemu:///system (kvm01)') || finding.message.includes('test:///default (vm)'), `${finding.code} names the host: ${finding.message}`);
  }
  for (const hostRule of HOST_RULES) {
    assert.equal(typeof hostRule.help, 'object', `${hostRule.code}: help is words`);
    assert.match(helpIn(hostRule, 'zh'), CJK, hostRule.code);
  }
});

test('host rules never throw on half-typed documents', () => {
  const texts = [guest(), "<domain type='kvm'><os><type arch='x86_64' machine=", "<domain type='kvm'><cpu mode='custom'><model></model></cpu><devices><tpm model=''/><graphics/><video><model/></video>", '<domain/>'];
  for (const text of texts) {
    const domain = Domain.of(text, ParsedDocument.parse(text).tree);
    if (!domain) continue;
    for (const checks of [onKvmHost(), onArm(), onTestHost(), hostChecks({ cells: [], pageSizesKiB: [], guests: [] } as HostCapabilities)]) {
      runHostRules(domain, checks, HOST_RULES, (failed, error) => assert.fail(`${failed.code} threw on ${text}: ${String(error)}`));
    }
  }
});
