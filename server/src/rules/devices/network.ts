/**
 * Network interfaces. qemuValidateDomainDeviceDefNetwork (src/qemu/qemu_validate.c): the virtio
 * `rx_queue_size` and `tx_queue_size` are powers of two. virDomainNetDefValidate
 * (src/conf/domain_validate.c): a vhost-user interface uses a virtio model, and its server-mode
 * socket cannot reconnect. The model libvirt gives an interface without one
 * (qemuDomainDefaultNetModel, src/qemu/qemu_postparse.c) is virtio for vhost-user and vDPA
 * interfaces and on s390, ARM virt, RISC-V virt and LoongArch virt; elsewhere it depends on the QEMU
 * binary, and the queue sizes are not checked.
 */
import { Words, words } from '../../messages/words';
import { Domain, El, Span, decimalNumber } from '../domain';
import { domainMachineFamily, effectiveArch, isArchIn } from '../machines';
import { Rule } from '../rule';

const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

/** Whether the interface's model is (or defaults to) a virtio one; undefined when that depends on the QEMU binary. */
function isVirtio(domain: Domain, net: El): boolean | undefined {
  const model = domain.value(domain.child(net, 'model'), 'type');
  if (model !== undefined) return VIRTIO_MODELS.has(model);
  const type = domain.value(net, 'type');
  if (type === 'vhostuser' || type === 'vdpa') return true;
  if (type === 'hostdev') return false;
  const arch = effectiveArch(domain);
  const family = domainMachineFamily(domain);
  if (isArchIn(arch, 's390') || family === 'armVirt' || family === 'riscvVirt' || family === 'loongarchVirt') return true;
  return undefined;
}

export const netQueueSizeRule: Rule = {
  code: 'net-queue-size',
  libvirt: 'qemuValidateDomainDeviceDefNetwork (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['interface'],
  libvirtMessages: ['rx_queue_size has to be a power of two', 'tx_queue_size has to be a power of two'],
  help: words('rules.help.net-queue-size'),
  docsAnchor: 'setting-nic-driver-specific-options',
  check(domain, report) {
    for (const net of domain.devicesNamed('interface')) {
      const driver = domain.child(net, 'driver');
      if (!driver) continue;
      for (const name of ['rx_queue_size', 'tx_queue_size']) {
        const attr = domain.attr(driver, name);
        const value = decimalNumber(attr?.value);
        if (!attr || value === undefined || value === 0 || (value & (value - 1)) === 0) continue;
        if (isVirtio(domain, net) !== true) continue;
        let lower = 1;
        while (lower * 2 <= value) lower *= 2;
        report(attr, words('rules.net-queue-size.power', { name, value, lower, upper: lower * 2 }));
      }
    }
  },
};

export const netVhostUserRule: Rule = {
  code: 'net-vhostuser-invalid',
  libvirt: 'virDomainNetDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['interface'],
  libvirtMessages: [
    "Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend",
    "'reconnect' attribute unsupported 'server' mode for <interface type='vhostuser'>",
  ],
  help: words('rules.help.net-vhostuser-invalid'),
  docsAnchor: 'vhost-user-connection',
  check(domain, report) {
    for (const net of domain.devicesNamed('interface')) {
      if (domain.value(net, 'type') !== 'vhostuser') continue;
      const found: [Span, Words][] = [];
      const modelEl = domain.child(net, 'model');
      const model = modelEl && domain.attr(modelEl, 'type');
      if (model && !VIRTIO_MODELS.has(model.value.trim())) found.push([model, words('rules.net-vhostuser-invalid.model', { model: model.value.trim() })]);
      const source = domain.child(net, 'source');
      const reconnect = source && domain.child(source, 'reconnect');
      const enabled = reconnect && domain.attr(reconnect, 'enabled');
      if (source && domain.value(source, 'mode') === 'server' && enabled?.value.trim() === 'yes') {
        found.push([enabled, words('rules.net-vhostuser-invalid.reconnect')]);
      }
      for (const [at, message] of found.sort((a, b) => a[0].from - b[0].from)) report(at, message);
    }
  },
};

/** qemuValidateNetSupportsCoalesce. */
const COALESCE_TYPES = new Set(['network', 'bridge']);

export const netQemuOptionsRule: Rule = {
  code: 'net-qemu-options',
  libvirt: 'qemuValidateDomainDeviceDefNetwork (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['interface'],
  libvirtMessages: [
    'coalesce settings on interface type %1$s are not supported',
    "invalid model for interface of type '%1$s': '%2$s'",
    "virtio-net teaming persistent interface must be <model type='virtio'/>, not '%1$s'",
    "virtio-net teaming transient interface must be type='hostdev', not '%1$s'",
  ],
  help: words('rules.help.net-qemu-options'),
  docsAnchor: 'network-interfaces',
  check(domain, report) {
    for (const net of domain.devicesNamed('interface')) {
      const typeAttr = domain.attr(net, 'type');
      const type = typeAttr?.value.trim();
      if (!type) continue;
      const modelEl = domain.child(net, 'model');
      const model = modelEl && domain.attr(modelEl, 'type');
      const found: [Span, Words][] = [];
      const coalesce = domain.child(net, 'coalesce');
      if (coalesce && !COALESCE_TYPES.has(type)) found.push([domain.nameSpan(coalesce), words('rules.net-qemu-options.coalesce', { type })]);
      if (type === 'vdpa' && model && model.value.trim() !== 'virtio') found.push([model, words('rules.net-qemu-options.vdpa', { model: model.value.trim() })]);
      const teaming = domain.child(net, 'teaming');
      const teamingType = domain.value(teaming, 'type');
      if (teamingType === 'persistent' && model && !VIRTIO_MODELS.has(model.value.trim())) {
        found.push([model, words('rules.net-qemu-options.persistent', { model: model.value.trim() })]);
      }
      if (teamingType === 'transient' && type !== 'hostdev' && type !== 'network' && typeAttr) {
        found.push([typeAttr, words('rules.net-qemu-options.transient', { type })]);
      }
      for (const [at, message] of found.sort((a, b) => a[0].from - b[0].from)) report(at, message);
    }
  },
};

/** The interface types the passt backend and its port forwards go with (virDomainNetDefValidate; vhost-user since libvirt 11.1). */
const PASST_TYPES = new Set(['user', 'vhostuser']);

export const netDefinitionRule: Rule = {
  code: 'net-definition',
  libvirt: 'virDomainNetDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['interface'],
  libvirtMessages: [
    "unmanaged target dev is not supported on interfaces of type '%1$s'",
    "teaming persistent attribute must be set if teaming type is 'transient'",
    "teaming persistent attribute not allowed if teaming type is '%1$s'",
    "interface %1$s - <port isolated='yes'/> is not supported for network interfaces with type='%2$s'",
    "The 'passt' backend can only be used with interface type='user'",
    "The <portForward> element can only be used with <interface type='user'> and its 'passt' backend",
  ],
  help: words('rules.help.net-definition'),
  docsAnchor: 'network-interfaces',
  check(domain, report) {
    for (const net of domain.devicesNamed('interface')) {
      const typeAttr = domain.attr(net, 'type');
      const type = typeAttr?.value.trim();
      if (!type) continue;
      const found: [Span, Words][] = [];
      const target = domain.child(net, 'target');
      const managed = target && domain.attr(target, 'managed');
      if (managed?.value.trim() === 'no' && type !== 'ethernet') found.push([managed, words('rules.net-definition.unmanaged', { type })]);
      const teaming = domain.child(net, 'teaming');
      if (teaming) {
        const teamingType = domain.attr(teaming, 'type');
        const persistent = domain.attr(teaming, 'persistent');
        if (teamingType?.value.trim() === 'transient' && !persistent) found.push([teamingType, words('rules.net-definition.noPersistent')]);
        if (teamingType && teamingType.value.trim() !== 'transient' && persistent) found.push([persistent, words('rules.net-definition.persistent', { type: teamingType.value.trim() })]);
      }
      const port = domain.child(net, 'port');
      const isolated = port && domain.attr(port, 'isolated');
      if (isolated?.value.trim() === 'yes' && type !== 'network' && type !== 'bridge') found.push([isolated, words('rules.net-definition.isolated', { type })]);
      const backend = domain.child(net, 'backend');
      const backendType = backend && domain.attr(backend, 'type');
      const passt = backendType?.value.trim() === 'passt';
      if (passt && backendType && !PASST_TYPES.has(type)) found.push([backendType, words('rules.net-definition.passt', { type })]);
      const forward = domain.child(net, 'portForward');
      if (forward && (!PASST_TYPES.has(type) || !passt)) found.push([domain.nameSpan(forward), words('rules.net-definition.portForward')]);
      for (const [at, message] of found.sort((a, b) => a[0].from - b[0].from)) report(at, message);
    }
  },
};

/** The interface types whose guest-side `<ip>` QEMU can set: user (slirp, passt) and, with passt, vhost-user; vDPA is not checked by libvirt. */
const GUEST_IP_TYPES = new Set(['user', 'vdpa', 'vhostuser']);

export const netGuestIpRule: Rule = {
  code: 'net-guest-ip',
  libvirt: 'qemuValidateDomainDeviceDefNetwork (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['interface'],
  libvirtMessages: [
    'Invalid attempt to set network interface guest-side IP route and/or address info, not supported by QEMU',
    'Invalid attempt to set network interface guest-side IP route, not supported by QEMU',
    'Invalid attempt to set peer IP for guest',
    'Only one IPv4 address per interface is allowed',
    'Only one IPv6 address per interface is allowed',
    'invalid prefix, must be in range of 4-27',
    "unsupported IPv6 address prefix='%1$u' - must be 64",
  ],
  help: words('rules.help.net-guest-ip'),
  docsAnchor: 'ip-configuration',
  check(domain, report) {
    for (const net of domain.devicesNamed('interface')) {
      const type = domain.value(net, 'type');
      const ips = domain.children(net, 'ip');
      const routes = domain.children(net, 'route');
      if (!type || (ips.length === 0 && routes.length === 0)) continue;
      if (!GUEST_IP_TYPES.has(type)) {
        report(domain.nameSpan(ips[0] ?? routes[0]), words('rules.net-guest-ip.type', { type }));
        continue;
      }
      if (type !== 'user' || domain.value(domain.child(net, 'backend'), 'type') === 'passt') continue;
      const found: [Span, Words][] = [];
      for (const route of routes) found.push([domain.nameSpan(route), words('rules.net-guest-ip.route')]);
      const seen = new Set<string>();
      for (const ip of ips) {
        const address = domain.value(ip, 'address') ?? '';
        const family = domain.value(ip, 'family') ?? (address.includes(':') ? 'ipv6' : 'ipv4');
        const peer = domain.attr(ip, 'peer');
        if (peer) found.push([peer, words('rules.net-guest-ip.peer')]);
        if (seen.has(family)) found.push([domain.nameSpan(ip), words(family === 'ipv6' ? 'rules.net-guest-ip.secondIpv6' : 'rules.net-guest-ip.secondIpv4')]);
        seen.add(family);
        const prefixAttr = domain.attr(ip, 'prefix');
        const prefix = decimalNumber(prefixAttr?.value);
        if (!prefixAttr || prefix === undefined || prefix === 0) continue;
        if (family === 'ipv4' && (prefix < 4 || prefix > 27)) found.push([prefixAttr, words('rules.net-guest-ip.ipv4Prefix', { prefix })]);
        if (family === 'ipv6' && prefix !== 64) found.push([prefixAttr, words('rules.net-guest-ip.ipv6Prefix', { prefix })]);
      }
      for (const [at, message] of found.sort((a, b) => a[0].from - b[0].from)) report(at, message);
    }
  },
};

export const netHostIpRule: Rule = {
  code: 'net-host-ip',
  libvirt: 'virDomainNetDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['interface'],
  libvirtMessages: [
    "Invalid attempt to set network interface host-side IP route and/or address info on interface of type '%1$s'. This is only supported on interfaces of type 'ethernet'",
  ],
  help: words('rules.help.net-host-ip'),
  docsAnchor: 'ip-configuration',
  check(domain, report) {
    for (const net of domain.devicesNamed('interface')) {
      const type = domain.value(net, 'type');
      const source = domain.child(net, 'source');
      if (!type || type === 'ethernet' || !source) continue;
      const first = domain.child(source, 'ip') ?? domain.child(source, 'route');
      if (first) report(domain.nameSpan(first), words('rules.net-host-ip.type', { type }));
    }
  },
};

/** qemuDomainNetSupportsMTU: the types QEMU can set an MTU on (user with the passt backend too). */
const MTU_TYPES = new Set(['network', 'bridge', 'ethernet', 'vhostuser']);

export const netMtuRule: Rule = {
  code: 'net-mtu-type',
  libvirt: 'qemuValidateDomainDeviceDefNetwork (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['interface'],
  libvirtMessages: ['setting MTU on interface type %1$s is not supported yet'],
  help: words('rules.help.net-mtu-type'),
  docsAnchor: 'mtu-configuration',
  check(domain, report) {
    for (const net of domain.devicesNamed('interface')) {
      const type = domain.value(net, 'type');
      const mtu = domain.child(net, 'mtu');
      if (!type || !mtu || MTU_TYPES.has(type)) continue;
      if (type === 'user' && domain.value(domain.child(net, 'backend'), 'type') === 'passt') continue;
      report(domain.nameSpan(mtu), words('rules.net-mtu-type.type', { type }));
    }
  },
};
