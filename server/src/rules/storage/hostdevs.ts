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
  libvirtMessages: ['Hostdev already exists in the domain configuration'],
  help:
    'A host device can be given to the guest once: the same USB device (host bus and device number, or vendor and product), ' +
    'PCI function, SCSI LUN, vhost-scsi WWPN or mediated device UUID listed twice is refused, and so is a PCI function used ' +
    "by both a `<hostdev>` and an `<interface type='hostdev'>`. Remove the second entry, or point it at another host device.",
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    const first = new Map<string, Span>();
    for (const el of domain.devices) {
      if (!isSubsystemHostdev(domain, el)) continue;
      const id = identify(domain, el);
      if (!id) continue;
      const earlier = first.get(id.key) ?? (id.idKey !== undefined ? first.get(id.idKey) : undefined);
      if (earlier) {
        report(id.span, 'This host device is already assigned to the domain', { related: [{ ...earlier, message: 'The first assignment of this host device' }] });
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
  libvirtMessages: ["Only one vgpu device can have 'ramfb' enabled"],
  help:
    "`ramfb='on'` gives a mediated (vGPU) device a boot-time framebuffer. A guest has one such framebuffer, so only one " +
    "mediated device may turn it on. Set `ramfb='off'` (or remove it) on the others.",
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    let first: Span | undefined;
    for (const el of domain.devicesNamed('hostdev')) {
      if (domain.value(el, 'type') !== 'mdev') continue;
      const ramfb = domain.attr(el, 'ramfb');
      if (!ramfb || ramfb.value.trim() !== 'on') continue;
      if (!first) first = ramfb;
      else report(ramfb, "A second mediated device has `ramfb='on'`", { related: [{ ...first, message: "The first `ramfb='on'`" }] });
    }
  },
};

const MDEV_ADDRESS: Record<string, string | undefined> = { 'vfio-pci': 'pci', 'vfio-ccw': 'ccw', 'vfio-ap': undefined };

export const hostdevMdevAddressRule: Rule = {
  code: 'hostdev-mdev-address',
  libvirt: 'virDomainMdevDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["Unsupported address type '%1$s' with mediated device model '%2$s'"],
  help:
    'A mediated device appears in the guest as a device of its model: a vfio-pci one as a PCI device (a PCI address), a ' +
    'vfio-ccw one as a channel device (a CCW address), and a vfio-ap one as a crypto adapter with no address at all. ' +
    'Give the `<address>` the type of the model, or leave it out and let libvirt assign one.',
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
      report(
        type,
        wanted
          ? `A \`${model}\` mediated device takes a \`${wanted}\` address, not \`${type.value.trim()}\``
          : `A \`${model}\` mediated device takes no address`,
      );
    }
  },
};

export const hostdevBootRule: Rule = {
  code: 'hostdev-boot-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefHostdev (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    'booting from assigned devices is not supported by vhost SCSI devices',
    'booting from assigned devices is not supported by mediated devices of model vfio-pci',
    'booting from assigned devices is not supported by mediated devices of model vfio-ap',
  ],
  help:
    'The firmware cannot boot from a vhost-scsi host device, nor from a vfio-pci or vfio-ap mediated device, so libvirt refuses ' +
    'a `<boot order>` on them. Remove the `<boot>` element and boot from a disk or network interface instead.',
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    for (const el of domain.devicesNamed('hostdev')) {
      if ((domain.value(el, 'mode') ?? 'subsystem') !== 'subsystem') continue;
      const boot = domain.child(el, 'boot');
      if (!boot) continue;
      const type = domain.value(el, 'type');
      const model = domain.value(el, 'model');
      let what: string | undefined;
      if (type === 'scsi_host') what = 'a vhost SCSI host device';
      else if (type === 'mdev' && (model === 'vfio-pci' || model === 'vfio-ap')) what = `a \`${model}\` mediated device`;
      if (what) report(domain.nameSpan(boot), `The guest cannot boot from ${what}`);
    }
  },
};

export const hostdevQemuModelRule: Rule = {
  code: 'hostdev-qemu-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefHostdev (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "hostdev mode 'capabilities' is not supported in %1$s",
    "<hostdev> attribute 'display' is only supported with model='vfio-pci'",
    "graphics device is needed for attribute value 'display=on' in <hostdev>",
    'Only one hostdev of model vfio-ap is supported',
  ],
  help:
    "The QEMU driver assigns host devices in `mode='subsystem'` only (`capabilities` mode is for containers). A mediated " +
    "device's `display` is a vfio-pci feature and `display='on'` shows the vGPU on the domain's `<graphics>`, which must exist. " +
    'A guest takes a single vfio-ap (crypto) mediated device. Change the mode, add `<graphics>`, or remove the extra device.',
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    let hasGraphics: boolean | undefined;
    let firstAp: Span | undefined;
    for (const el of domain.devicesNamed('hostdev')) {
      const mode = domain.attr(el, 'mode');
      if (mode?.value.trim() === 'capabilities') {
        report(mode, `QEMU domains take host devices in \`subsystem\` mode, not \`capabilities\``);
        continue;
      }
      if (domain.value(el, 'type') !== 'mdev') continue;
      const model = domain.value(el, 'model');
      const display = domain.attr(el, 'display');
      if (display && display.value.trim() !== '') {
        if (model !== 'vfio-pci') report(display, `\`display\` is a vfio-pci feature, not one of \`${model ?? 'this model'}\``);
        else if (display.value.trim() === 'on') {
          hasGraphics ??= domain.devices.some((d) => d.element.name === 'graphics');
          if (!hasGraphics) report(display, "`display='on'` needs a `<graphics>` device to show the vGPU on");
        }
      }
      if (model === 'vfio-ap') {
        const at = domain.attr(el, 'model') ?? domain.nameSpan(el);
        if (!firstAp) firstAp = at;
        else report(at, 'A second vfio-ap mediated device', { related: [{ ...firstAp, message: 'The first vfio-ap mediated device' }] });
      }
    }
  },
};

const HOSTDEV_ADDRESS_TYPES: Record<string, { allowed: string[]; message: string; wanted: string }> = {
  pci: { allowed: ['pci', 'unassigned'], message: "PCI host devices must use 'pci' or 'unassigned' address type", wanted: '`pci` or `unassigned`' },
  scsi: { allowed: ['drive'], message: "SCSI host device must use 'drive' address type", wanted: '`drive`' },
  scsi_host: { allowed: ['pci', 'ccw'], message: "SCSI_host host device must use 'pci' or 'ccw' address type", wanted: '`pci` or `ccw`' },
  usb: { allowed: ['usb'], message: "USB host device must use 'usb' address type", wanted: '`usb`' },
};

export const hostdevAddressTypeRule: Rule = {
  code: 'hostdev-address-type',
  libvirt: 'virDomainHostdevDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    ...Object.values(HOSTDEV_ADDRESS_TYPES).map((t) => t.message),
    'unfiltered sgio is no longer supported',
    "teaming hostdev devices must have type='transient'",
    'missing required persistent attribute in hostdev teaming element',
    'teaming is only supported for pci hostdev devices',
  ],
  help:
    "A host device's guest `<address>` follows the bus it appears on: a PCI device takes a `pci` address (or `unassigned`, " +
    'to hide it from the guest), a SCSI device a `drive` address, a vhost-scsi host a `pci` or `ccw` address, a USB device a ' +
    "`usb` address. `sgio='unfiltered'` is no longer supported, and `<teaming>` on a host device is for a PCI device that is " +
    "the `transient` half of a failover pair, naming its `persistent` partner.",
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    for (const el of domain.devicesNamed('hostdev')) {
      if ((domain.value(el, 'mode') ?? 'subsystem') !== 'subsystem') continue;
      const type = domain.value(el, 'type');
      const expected = type !== undefined ? HOSTDEV_ADDRESS_TYPES[type] : undefined;
      const address = domain.child(el, 'address');
      const addressType = address && domain.attr(address, 'type');
      if (expected && addressType && addressType.value.trim() !== '' && !expected.allowed.includes(addressType.value.trim())) {
        report(addressType, `A \`${type}\` host device takes a ${expected.wanted} address, not \`${addressType.value.trim()}\``);
      }
      const sgio = domain.attr(el, 'sgio');
      if (type === 'scsi' && sgio?.value.trim() === 'unfiltered') report(sgio, "`sgio='unfiltered'` is no longer supported");
      const teaming = domain.child(el, 'teaming');
      if (!teaming) continue;
      const teamingType = domain.attr(teaming, 'type');
      if (teamingType && teamingType.value.trim() !== 'transient') report(teamingType, `A host device can only be the \`transient\` member of a team, not \`${teamingType.value.trim()}\``);
      else if (!domain.attr(teaming, 'persistent')) report(domain.nameSpan(teaming), '`<teaming>` on a host device names its `persistent` partner');
      else if (type !== 'pci') report(domain.nameSpan(teaming), `Only PCI host devices can be in a team, not a \`${type ?? 'untyped'}\` one`);
    }
  },
};
