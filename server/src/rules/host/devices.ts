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
import { Domain, El } from '../domain';
import { HostRule } from './hostRule';
import { checkEnumValue, reportUnsupportedDevice } from './common';

/** One attribute of a device (or of one of its children) checked against a domcapabilities enum. */
interface EnumCheck {
  /** The child element holding the attribute; the device itself when absent. */
  at?: string;
  attribute: string;
  /** The enum listing the values it may take; undefined where the check does not apply to this device. */
  enumName: string | ((domain: Domain, device: El) => string | undefined);
  /** A value libvirt does not check (a `none` video). */
  unchecked?: string;
}

/**
 * A host rule on the devices named `element`: the device when its domcapabilities entry says it
 * is not supported at all, else each of `checks`.
 */
function deviceRule(rule: Pick<HostRule, 'code' | 'libvirt' | 'libvirtMessages' | 'help' | 'docsAnchor'>, element: string, checks: readonly EnumCheck[]): HostRule {
  return {
    ...rule,
    stage: 'define',
    driver: 'qemu',
    needs: 'domainCapabilities',
    check(domain, host, report) {
      const caps = host.domainCapabilities?.devices.get(element);
      for (const device of domain.devicesNamed(element)) {
        if (reportUnsupportedDevice(domain, host, report, device, caps)) continue;
        for (const check of checks) {
          const el = check.at ? domain.child(device, check.at) : device;
          const enumName = typeof check.enumName === 'string' ? check.enumName : check.enumName(domain, device);
          if (!el || !enumName || (check.unchecked !== undefined && domain.value(el, check.attribute) === check.unchecked)) continue;
          checkEnumValue(domain, host, report, el, check.attribute, caps, enumName);
        }
      }
    },
  };
}

/** A host device's mode, `subsystem` when left out. */
const hostdevMode = (domain: Domain, hostdev: El) => domain.value(hostdev, 'mode') ?? 'subsystem';

export const hostGraphicsRule = deviceRule(
  {
    code: 'host-graphics-unsupported',
    libvirt: 'qemuValidateDomainDeviceDefGraphics (src/qemu/qemu_validate.c)',
    libvirtMessages: ['%1$s graphics are not supported with this QEMU'],
    help: words('host.help.host-graphics-unsupported'),
    docsAnchor: 'graphical-framebuffers',
  },
  'graphics',
  [{ attribute: 'type', enumName: 'type' }],
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
  [{ at: 'model', attribute: 'type', enumName: 'modelType', unchecked: 'none' }],
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
  [
    { attribute: 'model', enumName: 'model' },
    { at: 'backend', attribute: 'type', enumName: 'backendModel' },
    // Only an emulated TPM has a version of its own.
    { at: 'backend', attribute: 'version', enumName: (domain, tpm) => (domain.value(domain.child(tpm, 'backend'), 'type') === 'emulator' ? 'backendVersion' : undefined) },
  ],
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
  [
    { attribute: 'model', enumName: 'model' },
    { at: 'backend', attribute: 'model', enumName: 'backendModel' },
  ],
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
  [{ attribute: 'bus', enumName: 'bus' }],
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
  [
    { attribute: 'mode', enumName: 'mode' },
    { attribute: 'type', enumName: (domain, hostdev) => (hostdevMode(domain, hostdev) === 'capabilities' ? 'capsType' : 'subsysType') },
    // The PCI backend, for a PCI device of the subsystem.
    { at: 'driver', attribute: 'name', enumName: (domain, hostdev) => (hostdevMode(domain, hostdev) === 'subsystem' && domain.value(hostdev, 'type') === 'pci' ? 'pciBackend' : undefined) },
  ],
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
  [
    { attribute: 'device', enumName: 'diskDevice' },
    { attribute: 'model', enumName: 'model' },
    { at: 'target', attribute: 'bus', enumName: 'bus' },
  ],
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
  [{ at: 'driver', attribute: 'type', enumName: 'driverType' }],
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
  [
    { attribute: 'model', enumName: 'model' },
    { attribute: 'type', enumName: 'type' },
    { at: 'backend', attribute: 'model', enumName: 'backendModel' },
  ],
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
  [{ attribute: 'model', enumName: 'model' }],
);
