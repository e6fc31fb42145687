/**
 * Devices against what the host's QEMU offers. The QEMU driver validates each device against
 * the same QEMU capabilities it reports as domcapabilities (virQEMUCapsFillDomainDevice*Caps,
 * src/qemu/qemu_capabilities.c, feed both), so a value a `<devices>` enum does not list is one
 * the validation refuses:
 * - graphics types: qemuValidateDomainDeviceDefGraphics;
 * - video models: qemuValidateDomainDeviceDefVideo;
 * - TPM models, backend types and versions: qemuValidateDomainDeviceDefTPM;
 * - RNG models and backends: qemuValidateDomainRNGDef;
 * - USB redirection: qemuValidateDomainRedirdevDef;
 * - host device modes, subsystem types and PCI backends: qemuValidateDomainDeviceDefHostdev;
 * - disk devices, buses and models: qemuValidateDomainDeviceDefDisk;
 * - filesystem drivers: qemuValidateDomainDeviceDefFS;
 * - crypto models, types and backends: qemuValidateDomainDeviceDefCrypto;
 * - IOMMU models: qemuValidateDomainDeviceDefIOMMU (where domcapabilities list them).
 * Each is reported on the value the host does not offer; a value left out takes libvirt's
 * default, which is not checked here.
 */
import { words } from '../../messages/words';
import { Domain } from '../domain';
import { HostRule } from './hostRule';
import { checkEnumValue, reportUnsupportedDevice } from './common';
import { HostView } from './facts';

/** A host rule on the devices named `element`, each checked by `check`. */
function deviceRule(
  rule: Omit<HostRule, 'check' | 'needs' | 'stage' | 'driver'>,
  element: string,
  check: (domain: Domain, host: HostView, report: Parameters<HostRule['check']>[2], device: ReturnType<Domain['devicesNamed']>[number]) => void,
): HostRule {
  return {
    ...rule,
    stage: 'define',
    driver: 'qemu',
    needs: 'domainCapabilities',
    check(domain, host, report) {
      for (const device of domain.devicesNamed(element)) check(domain, host, report, device);
    },
  };
}

export const hostGraphicsRule = deviceRule(
  {
    code: 'host-graphics-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefGraphics (src/qemu/qemu_validate.c)',
    libvirtMessages: ['%1$s graphics are not supported with this QEMU'],
    help: words('host.help.host-graphics-unsupported'),
    docsAnchor: 'graphical-framebuffers',
  },
  'graphics',
  (domain, host, report, graphics) => {
    const caps = host.domainCapabilities?.devices.get('graphics');
    if (!reportUnsupportedDevice(domain, host, report, graphics, caps)) checkEnumValue(domain, host, report, graphics, 'type', caps, 'type');
  },
);

export const hostVideoRule = deviceRule(
  {
    code: 'host-video-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefVideo (src/qemu/qemu_validate.c)',
    libvirtMessages: ["domain configuration does not support video model '%1$s'"],
    help: words('host.help.host-video-unsupported'),
    docsAnchor: 'video-devices',
  },
  'video',
  (domain, host, report, video) => {
    const model = domain.child(video, 'model');
    const caps = host.domainCapabilities?.devices.get('video');
    if (model && domain.value(model, 'type') !== 'none' && !reportUnsupportedDevice(domain, host, report, video, caps)) checkEnumValue(domain, host, report, model, 'type', caps, 'modelType');
  },
);

export const hostTpmRule = deviceRule(
  {
    code: 'host-tpm-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefTPM (src/qemu/qemu_validate.c)',
    libvirtMessages: [
      'The QEMU executable %1$s does not support TPM model %2$s',
      'The QEMU executable %1$s does not support TPM backend type %2$s',
      "TPM version '%1$s' is not supported",
    ],
    help: words('host.help.host-tpm-unsupported'),
    docsAnchor: 'tpm-device',
  },
  'tpm',
  (domain, host, report, tpm) => {
    const caps = host.domainCapabilities?.devices.get('tpm');
    if (reportUnsupportedDevice(domain, host, report, tpm, caps)) return;
    checkEnumValue(domain, host, report, tpm, 'model', caps, 'model');
    const backend = domain.child(tpm, 'backend');
    if (!backend) return;
    checkEnumValue(domain, host, report, backend, 'type', caps, 'backendModel');
    if (domain.value(backend, 'type') === 'emulator') checkEnumValue(domain, host, report, backend, 'version', caps, 'backendVersion');
  },
);

export const hostRngRule = deviceRule(
  {
    code: 'host-rng-unsupported',
    libvirt: 'qemuValidateDomainRNGDef (src/qemu/qemu_validate.c)',
    libvirtMessages: [
      "domain configuration does not support rng model '%1$s'",
      "this qemu doesn't support the rng-random backend",
      "this qemu doesn't support the rng-egd backend",
      "this qemu doesn't support the rng-builtin backend",
    ],
    help: words('host.help.host-rng-unsupported'),
    docsAnchor: 'random-number-generator-device',
  },
  'rng',
  (domain, host, report, rng) => {
    const caps = host.domainCapabilities?.devices.get('rng');
    if (reportUnsupportedDevice(domain, host, report, rng, caps)) return;
    checkEnumValue(domain, host, report, rng, 'model', caps, 'model');
    const backend = domain.child(rng, 'backend');
    if (backend) checkEnumValue(domain, host, report, backend, 'model', caps, 'backendModel');
  },
);

export const hostRedirdevRule = deviceRule(
  {
    code: 'host-redirdev-unsupported',
    libvirt: 'qemuValidateDomainRedirdevDef (src/qemu/qemu_validate.c)',
    libvirtMessages: ['USB redirection is not supported by this version of QEMU', 'Redirection bus %1$s is not supported by QEMU'],
    help: words('host.help.host-redirdev-unsupported'),
    docsAnchor: 'redirected-devices',
  },
  'redirdev',
  (domain, host, report, redirdev) => {
    const caps = host.domainCapabilities?.devices.get('redirdev');
    if (!reportUnsupportedDevice(domain, host, report, redirdev, caps)) checkEnumValue(domain, host, report, redirdev, 'bus', caps, 'bus');
  },
);

export const hostHostdevRule = deviceRule(
  {
    code: 'host-hostdev-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefHostdev (src/qemu/qemu_validate.c)',
    libvirtMessages: ["hostdev mode 'capabilities' is not supported in %1$s", 'VFIO PCI device assignment is not supported by this version of qemu'],
    help: words('host.help.host-hostdev-unsupported'),
    docsAnchor: 'host-device-assignment',
  },
  'hostdev',
  (domain, host, report, hostdev) => {
    const caps = host.domainCapabilities?.devices.get('hostdev');
    if (reportUnsupportedDevice(domain, host, report, hostdev, caps)) return;
    checkEnumValue(domain, host, report, hostdev, 'mode', caps, 'mode');
    const mode = domain.value(hostdev, 'mode') ?? 'subsystem';
    checkEnumValue(domain, host, report, hostdev, 'type', caps, mode === 'capabilities' ? 'capsType' : 'subsysType');
    const driver = domain.child(hostdev, 'driver');
    if (driver && mode === 'subsystem' && domain.value(hostdev, 'type') === 'pci') checkEnumValue(domain, host, report, driver, 'name', caps, 'pciBackend');
  },
);

export const hostDiskRule = deviceRule(
  {
    code: 'host-disk-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c)',
    libvirtMessages: ["This QEMU doesn't support '-device usb-storage'", 'IDE controllers are unsupported for this QEMU binary or machine type'],
    help: words('host.help.host-disk-unsupported'),
    docsAnchor: 'hard-drives-floppy-disks-cdroms',
  },
  'disk',
  (domain, host, report, disk) => {
    const caps = host.domainCapabilities?.devices.get('disk');
    if (reportUnsupportedDevice(domain, host, report, disk, caps)) return;
    checkEnumValue(domain, host, report, disk, 'device', caps, 'diskDevice');
    checkEnumValue(domain, host, report, disk, 'model', caps, 'model');
    const target = domain.child(disk, 'target');
    if (target) checkEnumValue(domain, host, report, target, 'bus', caps, 'bus');
  },
);

export const hostFilesystemRule = deviceRule(
  {
    code: 'host-filesystem-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefFS (src/qemu/qemu_validate.c)',
    libvirtMessages: ['virtiofs is not supported with this QEMU binary', 'Filesystem driver type not supported'],
    help: words('host.help.host-filesystem-unsupported'),
    docsAnchor: 'filesystems',
  },
  'filesystem',
  (domain, host, report, filesystem) => {
    const caps = host.domainCapabilities?.devices.get('filesystem');
    const driver = domain.child(filesystem, 'driver');
    if (!reportUnsupportedDevice(domain, host, report, filesystem, caps) && driver) checkEnumValue(domain, host, report, driver, 'type', caps, 'driverType');
  },
);

export const hostCryptoRule = deviceRule(
  {
    code: 'host-crypto-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefCrypto (src/qemu/qemu_validate.c)',
    libvirtMessages: ['crypto model %1$s is not supported', 'crypto type %1$s is not supported', 'crypto backend %1$s is not supported'],
    help: words('host.help.host-crypto-unsupported'),
    docsAnchor: 'crypto',
  },
  'crypto',
  (domain, host, report, crypto) => {
    const caps = host.domainCapabilities?.devices.get('crypto');
    if (reportUnsupportedDevice(domain, host, report, crypto, caps)) return;
    checkEnumValue(domain, host, report, crypto, 'model', caps, 'model');
    checkEnumValue(domain, host, report, crypto, 'type', caps, 'type');
    const backend = domain.child(crypto, 'backend');
    if (backend) checkEnumValue(domain, host, report, backend, 'model', caps, 'backendModel');
  },
);

export const hostIommuModelRule = deviceRule(
  {
    code: 'host-iommu-model-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefIOMMU (src/qemu/qemu_validate.c)',
    libvirtMessages: ["IOMMU device: '%1$s' is not supported with this QEMU binary"],
    help: words('host.help.host-iommu-model-unsupported'),
    docsAnchor: 'iommu-devices',
  },
  'iommu',
  (domain, host, report, iommu) => {
    const caps = host.domainCapabilities?.devices.get('iommu');
    if (!reportUnsupportedDevice(domain, host, report, iommu, caps)) checkEnumValue(domain, host, report, iommu, 'model', caps, 'model');
  },
);
