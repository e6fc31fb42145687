/**
 * `virsh capabilities` and `virsh domcapabilities` read into facts, from libvirt's own test
 * documents and the test driver's answer (test/fixtures/host), and hostile answers bounded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCapabilities } from '../../server/src/libvirt/capabilities';
import { enumValues, parseDomainCapabilities } from '../../server/src/libvirt/domainCapabilities';
import { FactsError, MAX_FACTS_LENGTH } from '../../server/src/libvirt/factsXml';
import { capabilitiesOf, domainCapabilitiesOf } from './helpers/hostFixtures';

test("capabilities: the host's arch, NUMA cells with their CPUs, memory and pages, page sizes and IOMMU", () => {
  const caps = capabilitiesOf('vircaps-x86_64-basic.xml');
  assert.equal(caps.arch, 'x86_64');
  assert.equal(caps.iommu, false);
  assert.deepEqual(
    caps.cells.map((cell) => cell.id),
    [0, 1, 2, 3],
  );
  assert.deepEqual(caps.cells[1], {
    id: 1,
    cpus: [4, 5, 6, 7],
    memoryKiB: 2097152,
    pages: [
      { sizeKiB: 4, count: 4096 },
      { sizeKiB: 2048, count: 6144 },
      { sizeKiB: 1048576, count: 8192 },
    ],
  });
  assert.deepEqual(caps.cpus, [...Array(16).keys()]);
  assert.deepEqual(caps.pageSizesKiB, [4, 2048, 1048576]);
  assert.deepEqual(caps.guests, []);
});

test('capabilities: guests with their os type, arch, emulator, machines (canonical names, maxCpus) and domain types', () => {
  const caps = capabilitiesOf('caps-qemu-kvm.xml');
  assert.equal(caps.iommu, undefined, 'not said');
  assert.deepEqual(caps.cpus, [0, 1, 2, 3]);
  assert.equal(caps.guests.length, 15);
  const i686 = caps.guests[0];
  assert.equal(i686.osType, 'hvm');
  assert.equal(i686.arch, 'i686');
  assert.equal(i686.wordsize, 32);
  assert.equal(i686.emulator, '/usr/bin/qemu-system-i386');
  assert.deepEqual(i686.machines[1], { name: 'pc', canonical: 'pc-0.11', maxCpus: 255 });
  assert.deepEqual(
    i686.domains.map((d) => [d.type, d.emulator, d.machines.length]),
    [
      ['qemu', undefined, 0],
      ['kvm', '/usr/bin/qemu-system-i386', 4],
    ],
  );
  const xen = caps.guests.filter((guest) => guest.osType === 'xen');
  assert.deepEqual(
    xen.map((guest) => [guest.arch, guest.domains[0].type, guest.machines[0].name]),
    [
      ['i686', 'kvm', 'xenner'],
      ['x86_64', 'kvm', 'xenner'],
    ],
  );
});

test("capabilities of libvirt's test driver: 16 CPUs in 2 cells, page sizes of the host CPU and the cells, test guests on i686", () => {
  const caps = capabilitiesOf('test-default.capabilities.xml');
  assert.equal(caps.arch, 'i686');
  assert.deepEqual(caps.cpus, [...Array(16).keys()]);
  assert.deepEqual(
    caps.cells.map((cell) => [cell.id, cell.cpus.length, cell.memoryKiB]),
    [
      [0, 8, 2097152],
      [1, 8, 4194304],
    ],
  );
  assert.deepEqual(caps.pageSizesKiB, [4, 8, 2048, 1048576]);
  assert.deepEqual(
    caps.guests.map((guest) => [guest.osType, guest.arch, guest.domains.map((d) => d.type).join(','), guest.emulator]),
    [
      ['hvm', 'i686', 'test', '/usr/bin/test-hv'],
      ['xen', 'i686', 'test', '/usr/bin/test-hv'],
    ],
  );
});

test('domcapabilities: emulator, machine, vCPU limit, firmware, CPU modes and models with their usability', () => {
  const caps = domainCapabilitiesOf('qemu_2.11.0-q35.x86_64.xml');
  assert.equal(caps.path, '/usr/bin/qemu-system-x86_64');
  assert.equal(caps.domain, 'kvm');
  assert.equal(caps.machine, 'pc-q35-2.11');
  assert.equal(caps.arch, 'x86_64');
  assert.equal(caps.maxVcpus, 288);
  assert.equal(caps.os?.supported, true);
  assert.deepEqual(enumValues(caps.os, 'firmware'), ['bios', 'efi']);
  assert.deepEqual(caps.loader?.values, ['/usr/share/AAVMF/AAVMF_CODE.fd', '/usr/share/AAVMF/AAVMF32_CODE.fd', '/usr/share/OVMF/OVMF_CODE.fd']);
  assert.deepEqual(enumValues(caps.loader, 'secure'), ['yes', 'no']);
  assert.equal(caps.firmwareFeatures, undefined);
  assert.deepEqual(
    [...caps.cpuModes].map(([mode, feature]) => [mode, feature.supported]),
    [
      ['host-passthrough', true],
      ['maximum', false],
      ['host-model', true],
      ['custom', true],
    ],
  );
  assert.equal(caps.cpuModels?.size, 31);
  assert.deepEqual(caps.cpuModels?.get('EPYC'), { name: 'EPYC', usable: 'no', blockers: [] });
  assert.equal(caps.cpuModels?.get('Haswell')?.usable, 'yes');
  assert.deepEqual(enumValues(caps.devices.get('video'), 'modelType'), ['vga', 'cirrus', 'vmvga', 'qxl', 'virtio', 'none']);
  assert.deepEqual(enumValues(caps.devices.get('hostdev'), 'capsType'), [], 'listed, empty');
  assert.equal(caps.devices.get('tpm'), undefined, 'not listed');
  assert.equal(caps.features.get('genid')?.supported, true);
  assert.equal(caps.features.get('gic')?.supported, false);
});

test('domcapabilities: unknown usability, firmware features, devices the QEMU lacks, features it has not', () => {
  const caps = domainCapabilitiesOf('qemu_10.0.0-virt.aarch64.xml');
  assert.equal(caps.cpuModes.get('host-model')?.supported, false);
  assert.equal(caps.cpuModels?.get('cortex-a57')?.usable, 'unknown');
  assert.deepEqual(enumValues(caps.os, 'firmware'), ['efi']);
  assert.deepEqual(enumValues(caps.loader, 'secure'), ['no']);
  assert.deepEqual(enumValues(caps.firmwareFeatures, 'secureBoot'), ['yes', 'no']);
  assert.deepEqual(enumValues(caps.memoryBacking, 'sourceType'), ['file', 'anonymous', 'memfd']);
  assert.equal(caps.devices.get('redirdev')?.supported, false);
  assert.deepEqual(enumValues(caps.devices.get('tpm'), 'model'), ['tpm-tis']);
  assert.deepEqual(enumValues(caps.devices.get('tpm'), 'backendVersion'), ['2.0']);
  assert.deepEqual(enumValues(caps.features.get('gic'), 'version'), ['3']);
  assert.equal(caps.features.get('genid')?.supported, false);
});

test('domcapabilities: blockers are read whether they come before or after their model', () => {
  const caps = parseDomainCapabilities(`<domainCapabilities><cpu><mode name='custom' supported='yes'>
    <blockers model='Broadwell'><feature name='hle'/><feature name='rtm'/></blockers>
    <model usable='no' vendor='Intel' canonical='Broadwell-v1'>Broadwell</model>
    <model usable='no' deprecated='yes'>Skylake</model>
    <blockers model='Skylake'><feature name='pcid'/></blockers>
  </mode></cpu></domainCapabilities>`);
  assert.deepEqual(caps.cpuModels?.get('Broadwell'), { name: 'Broadwell', usable: 'no', canonical: 'Broadwell-v1', blockers: ['hle', 'rtm'] });
  assert.deepEqual(caps.cpuModels?.get('Skylake'), { name: 'Skylake', usable: 'no', deprecated: true, blockers: ['pcid'] });
});

test('what is not a capabilities document is refused, and what is half missing is read as far as it goes', () => {
  assert.throws(() => parseCapabilities('<domain/>'), FactsError);
  assert.throws(() => parseCapabilities('error: no connection'), FactsError);
  assert.throws(() => parseDomainCapabilities('<capabilities/>'), FactsError);
  const partial = parseCapabilities("<capabilities><host><cpu><arch>aarch64</arch></cpu></host><guest><os_type>hvm</os_type><arch name='aarch64'><domain type='kvm'/></arch></guest><guest><os_type>hvm</os_type></guest><guest");
  assert.equal(partial.arch, 'aarch64');
  assert.equal(partial.cpus, undefined, 'no topology: the CPUs are not known');
  assert.deepEqual(
    partial.guests.map((guest) => [guest.arch, guest.domains.map((d) => d.type)]),
    [['aarch64', ['kvm']]],
  );
  const odd = parseCapabilities("<capabilities><host><topology><cells><cell id='x'/><cell id='0'><cpus><cpu id='-1'/><cpu id='2'/></cpus><pages size='big'/></cell></cells></topology></host></capabilities>");
  assert.deepEqual(odd.cells, [{ id: 0, cpus: [2], pages: [] }]);
});

test('a hostile answer costs one bounded parse: too large is refused, many and deep elements are cut or ignored', () => {
  assert.throws(() => parseCapabilities(`<capabilities>${' '.repeat(MAX_FACTS_LENGTH)}</capabilities>`), /over the 8 MB read/);
  const manyCpus = `<capabilities><host><topology><cells><cell id='0'><cpus>${"<cpu id='1'/>".repeat(200_000)}</cpus></cell></cells></topology></host></capabilities>`;
  const started = Date.now();
  const many = parseCapabilities(manyCpus);
  assert.ok(many.cells[0].cpus.length <= 65_536, 'lists are cut');
  assert.deepEqual(many.cpus, [1]);
  const deep = `<domainCapabilities>${'<devices>'.repeat(50_000)}${'</devices>'.repeat(50_000)}</domainCapabilities>`;
  const nested = parseDomainCapabilities(deep);
  assert.deepEqual([...nested.devices.keys()], ['devices']);
  const names = `<domainCapabilities><devices><x>${"<enum name='__proto__'><value>a</value></enum>".repeat(1000)}</x></devices></domainCapabilities>`;
  assert.deepEqual(enumValues(parseDomainCapabilities(names).devices.get('x'), '__proto__'), ['a']);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
});
