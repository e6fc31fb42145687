/**
 * Host devices handed to the guest.
 *
 * - hostdev-duplicate: virDomainDefHostdevValidate with virDomainHostdevMatch
 *   (src/conf/domain_validate.c, domain_conf.c) refuses a host device given twice: the same USB
 *   device (by host bus and device number when the first names them, else by vendor and
 *   product), PCI function, SCSI LUN (adapter, bus, target, unit; or iSCSI host and IQN), vhost
 *   SCSI WWPN or mediated device UUID. `<interface type='hostdev'>` counts as a PCI host device.
 * - hostdev-ramfb-twice: the same function allows `ramfb='on'` on one mediated device only.
 * - hostdev-mdev-address: virDomainMdevDefValidate (src/conf/domain_validate.c): a vfio-pci
 *   mediated device takes a PCI address, a vfio-ccw one a CCW address, a vfio-ap one none.
 * - hostdev-boot-unsupported: qemuValidateDomainDeviceDefHostdev and qemuValidateDomainMdevDef*
 *   (src/qemu/qemu_validate.c): vhost SCSI devices and vfio-pci / vfio-ap mediated devices cannot
 *   be booted from.
 * - hostdev-address-type: virDomainHostdevDefValidate (src/conf/domain_validate.c): the guest
 *   address type of each host device type, no unfiltered sgio, `<teaming>` only as the
 *   transient half of a PCI failover pair.
 * - hostdev-qemu-unsupported: the same functions: no `capabilities` mode in QEMU domains, the
 *   mediated device `display` only on vfio-pci and with `<graphics>` when on, one vfio-ap device.
 */
import { orList, words } from '../../messages/words';
import { Rule } from '../rule';
import { Domain, El, Span, libvirtNumber } from '../domain';

function num(domain: Domain, el: El | undefined, name: string): number | undefined {
  const value = domain.value(el, name);
  return value === undefined ? undefined : libvirtNumber(value);
}

function pciKey(domain: Domain, address: El | undefined): string | undefined {
  if (!address) return undefined;
  const bus = num(domain, address, 'bus');
  const slot = num(domain, address, 'slot');
  const fn = num(domain, address, 'function');
  const dom = domain.value(address, 'domain') === undefined ? 0 : num(domain, address, 'domain');
  if (bus === undefined || slot === undefined || fn === undefined || dom === undefined) return undefined;
  return `pci:${dom}:${bus}:${slot}:${fn}`;
}

/**
 * What identifies a `<hostdev mode='subsystem'>` (or hostdev `<interface>`) on the host, undefined
 * when it is not complete: `key`, under which a later device finds it, and for a USB device named
 * by both, `idKey`, its vendor and product, by which it also matches an earlier device named by
 * vendor and product only (virDomainHostdevMatchSubsysUSB compares bus and device when the
 * first device names them, else vendor and product).
 */
interface HostdevIdentity {
  key: string;
  idKey?: string;
  span: Span;
}

function identify(domain: Domain, el: El): HostdevIdentity | undefined {
  const source = domain.child(el, 'source');
  if (!source) return undefined;
  const span = domain.nameSpan(source);
  if (el.element.name === 'interface') {
    const key = pciKey(domain, domain.child(source, 'address'));
    return key ? { key, span } : undefined;
  }
  const address = domain.child(source, 'address');
  const at = address ? domain.nameSpan(address) : span;
  switch (domain.value(el, 'type')) {
    case 'usb': {
      const bus = num(domain, address, 'bus');
      const device = num(domain, address, 'device');
      const vendor = num(domain, domain.child(source, 'vendor'), 'id');
      const product = num(domain, domain.child(source, 'product'), 'id');
      const byAddress = bus && device ? `usb:${bus}:${device}` : undefined;
      const byId = vendor !== undefined && product !== undefined ? `usbid:${vendor}:${product}` : undefined;
      if (byAddress) return { key: byAddress, idKey: byId, span: at };
      return byId ? { key: byId, span: at } : undefined;
    }
    case 'pci': {
      const key = pciKey(domain, address);
      return key ? { key, span: at } : undefined;
    }
    case 'scsi': {
      if (domain.value(source, 'protocol') === 'iscsi') {
        const host = domain.value(domain.child(source, 'host'), 'name');
        const name = domain.value(source, 'name');
        if (!host || !name) return undefined;
        return { key: `iscsi:${host}:${name}`, span };
      }
      const adapter = domain.value(domain.child(source, 'adapter'), 'name');
      const bus = num(domain, address, 'bus');
      const target = num(domain, address, 'target');
      const unit = num(domain, address, 'unit');
      if (!adapter || bus === undefined || target === undefined || unit === undefined) return undefined;
      return { key: `scsi:${adapter}:${bus}:${target}:${unit}`, span: at };
    }
    case 'scsi_host': {
      const wwpn = domain.attr(source, 'wwpn');
      if (!wwpn || wwpn.value.trim() === '') return undefined;
      return { key: `vhost:${wwpn.value.trim()}`, span: wwpn };
    }
    case 'mdev': {
      const uuid = address && domain.attr(address, 'uuid');
      if (!uuid || uuid.value.trim() === '') return undefined;
      return { key: `mdev:${uuid.value.trim().toLowerCase()}`, span: uuid };
    }
    default:
      return undefined;
  }
}

function isSubsystemHostdev(domain: Domain, el: El): boolean {
  if (el.element.name === 'hostdev') return (domain.value(el, 'mode') ?? 'subsystem') === 'subsystem';
  return el.element.name === 'interface' && domain.value(el, 'type') === 'hostdev';
}

export const hostdevDuplicateRule: Rule = {
  code: 'hostdev-duplicate',
  libvirt: 'virDomainDefHostdevValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['hostdev', 'interface'],
  libvirtMessages: ['Hostdev already exists in the domain configuration'],
  help: words('rules.help.hostdev-duplicate'),
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    const first = new Map<string, Span>();
    for (const el of domain.devices) {
      if (!isSubsystemHostdev(domain, el)) continue;
      const id = identify(domain, el);
      if (!id) continue;
      const earlier = first.get(id.key) ?? (id.idKey !== undefined ? first.get(id.idKey) : undefined);
      if (earlier) {
        report(id.span, words('rules.hostdev-duplicate.assigned'), { related: [{ ...earlier, message: words('rules.hostdev-duplicate.first') }] });
        continue;
      }
      first.set(id.key, id.span);
    }
  },
};

export const hostdevRamfbRule: Rule = {
  code: 'hostdev-ramfb-twice',
  libvirt: 'virDomainDefHostdevValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['hostdev'],
  libvirtMessages: ["Only one vgpu device can have 'ramfb' enabled"],
  help: words('rules.help.hostdev-ramfb-twice'),
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    let first: Span | undefined;
    for (const el of domain.devicesNamed('hostdev')) {
      if (domain.value(el, 'type') !== 'mdev') continue;
      const ramfb = domain.attr(el, 'ramfb');
      if (!ramfb || ramfb.value.trim() !== 'on') continue;
      if (!first) first = ramfb;
      else report(ramfb, words('rules.hostdev-ramfb-twice.second'), { related: [{ ...first, message: words('rules.hostdev-ramfb-twice.first') }] });
    }
  },
};

const MDEV_ADDRESS: Record<string, string | undefined> = { 'vfio-pci': 'pci', 'vfio-ccw': 'ccw', 'vfio-ap': undefined };

export const hostdevMdevAddressRule: Rule = {
  code: 'hostdev-mdev-address',
  libvirt: 'virDomainMdevDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['hostdev'],
  libvirtMessages: ["Unsupported address type '%1$s' with mediated device model '%2$s'"],
  help: words('rules.help.hostdev-mdev-address'),
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    for (const el of domain.devicesNamed('hostdev')) {
      if (domain.value(el, 'type') !== 'mdev') continue;
      const model = domain.value(el, 'model');
      if (model === undefined || !(model in MDEV_ADDRESS)) continue;
      const address = domain.child(el, 'address');
      const type = address && domain.attr(address, 'type');
      if (!type || type.value.trim() === '') continue;
      const wanted = MDEV_ADDRESS[model];
      if (type.value.trim() === wanted) continue;
      report(type, wanted ? words('rules.hostdev-mdev-address.type', { model, wanted, type: type.value.trim() }) : words('rules.hostdev-mdev-address.none', { model }));
    }
  },
};

export const hostdevBootRule: Rule = {
  code: 'hostdev-boot-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefHostdev (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['hostdev'],
  libvirtMessages: [
    'booting from assigned devices is not supported by vhost SCSI devices',
    'booting from assigned devices is not supported by mediated devices of model vfio-pci',
    'booting from assigned devices is not supported by mediated devices of model vfio-ap',
  ],
  help: words('rules.help.hostdev-boot-unsupported'),
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    for (const el of domain.devicesNamed('hostdev')) {
      if ((domain.value(el, 'mode') ?? 'subsystem') !== 'subsystem') continue;
      const boot = domain.child(el, 'boot');
      if (!boot) continue;
      const type = domain.value(el, 'type');
      const model = domain.value(el, 'model');
      if (type === 'scsi_host') report(domain.nameSpan(boot), words('rules.hostdev-boot-unsupported.vhostScsi'));
      else if (type === 'mdev' && (model === 'vfio-pci' || model === 'vfio-ap')) report(domain.nameSpan(boot), words('rules.hostdev-boot-unsupported.mdev', { model }));
    }
  },
};

export const hostdevQemuModelRule: Rule = {
  code: 'hostdev-qemu-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefHostdev (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['hostdev'],
  libvirtMessages: [
    "hostdev mode 'capabilities' is not supported in %1$s",
    "<hostdev> attribute 'display' is only supported with model='vfio-pci'",
    "graphics device is needed for attribute value 'display=on' in <hostdev>",
    'Only one hostdev of model vfio-ap is supported',
  ],
  help: words('rules.help.hostdev-qemu-unsupported'),
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    let hasGraphics: boolean | undefined;
    let firstAp: Span | undefined;
    for (const el of domain.devicesNamed('hostdev')) {
      const mode = domain.attr(el, 'mode');
      if (mode?.value.trim() === 'capabilities') {
        report(mode, words('rules.hostdev-qemu-unsupported.capabilities'));
        continue;
      }
      if (domain.value(el, 'type') !== 'mdev') continue;
      const model = domain.value(el, 'model');
      const display = domain.attr(el, 'display');
      if (display && display.value.trim() !== '') {
        if (model !== 'vfio-pci') {
          report(display, model !== undefined ? words('rules.hostdev-qemu-unsupported.display', { model }) : words('rules.hostdev-qemu-unsupported.displayNoModel'));
        }
        else if (display.value.trim() === 'on') {
          hasGraphics ??= domain.devices.some((d) => d.element.name === 'graphics');
          if (!hasGraphics) report(display, words('rules.hostdev-qemu-unsupported.graphics'));
        }
      }
      if (model === 'vfio-ap') {
        const at = domain.attr(el, 'model') ?? domain.nameSpan(el);
        if (!firstAp) firstAp = at;
        else report(at, words('rules.hostdev-qemu-unsupported.secondAp'), { related: [{ ...firstAp, message: words('rules.hostdev-qemu-unsupported.firstAp') }] });
      }
    }
  },
};

const HOSTDEV_ADDRESS_TYPES: Record<string, { allowed: string[]; message: string }> = {
  pci: { allowed: ['pci', 'unassigned'], message: "PCI host devices must use 'pci' or 'unassigned' address type" },
  scsi: { allowed: ['drive'], message: "SCSI host device must use 'drive' address type" },
  scsi_host: { allowed: ['pci', 'ccw'], message: "SCSI_host host device must use 'pci' or 'ccw' address type" },
  usb: { allowed: ['usb'], message: "USB host device must use 'usb' address type" },
};

export const hostdevAddressTypeRule: Rule = {
  code: 'hostdev-address-type',
  libvirt: 'virDomainHostdevDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['hostdev'],
  libvirtMessages: [
    ...Object.values(HOSTDEV_ADDRESS_TYPES).map((t) => t.message),
    'unfiltered sgio is no longer supported',
    "teaming hostdev devices must have type='transient'",
    'missing required persistent attribute in hostdev teaming element',
    'teaming is only supported for pci hostdev devices',
  ],
  help: words('rules.help.hostdev-address-type'),
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    for (const el of domain.devicesNamed('hostdev')) {
      if ((domain.value(el, 'mode') ?? 'subsystem') !== 'subsystem') continue;
      const type = domain.value(el, 'type');
      const expected = type !== undefined ? HOSTDEV_ADDRESS_TYPES[type] : undefined;
      const address = domain.child(el, 'address');
      const addressType = address && domain.attr(address, 'type');
      if (type !== undefined && expected && addressType && addressType.value.trim() !== '' && !expected.allowed.includes(addressType.value.trim())) {
        const wanted = orList(expected.allowed.map((allowed) => `\`${allowed}\``));
        report(addressType, words('rules.hostdev-address-type.address', { type, wanted, address: addressType.value.trim() }));
      }
      const sgio = domain.attr(el, 'sgio');
      if (type === 'scsi' && sgio?.value.trim() === 'unfiltered') report(sgio, words('rules.storage.sgioUnfiltered'));
      const teaming = domain.child(el, 'teaming');
      if (!teaming) continue;
      const teamingType = domain.attr(teaming, 'type');
      if (teamingType && teamingType.value.trim() !== 'transient') report(teamingType, words('rules.hostdev-address-type.teamingType', { type: teamingType.value.trim() }));
      else if (!domain.attr(teaming, 'persistent')) report(domain.nameSpan(teaming), words('rules.hostdev-address-type.teamingPersistent'));
      else if (type !== 'pci') report(domain.nameSpan(teaming), words('rules.hostdev-address-type.teamingPci', { type: type ?? 'untyped' }));
    }
  },
};
