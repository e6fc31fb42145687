/**
 * Graphics and vsock. qemuValidateDomainDeviceDefVNCGraphics: a VNC password has at most 8
 * characters (the protocol's DES key). qemuValidateDomainDeviceDefGraphics: egl-headless pairs
 * with vnc and spice only, and not with spice's own OpenGL. virDomainGraphicsDefListensValidate
 * (src/conf/domain_validate.c): a 'network' listen names its network; socket and none listens are
 * for vnc and spice; a D-Bus display is either peer to peer or on a bus address
 * (virDomainGraphicsDefValidate). virDomainVsockDefValidate: guest CIDs 0-2 are reserved.
 * qemuValidateDomainDeviceDefAudio: spice audio needs spice graphics.
 */
import { decimalNumber } from '../domain';
import { hasSpiceGraphics } from './chardevs';
import { Rule } from '../rule';

export const vncPasswordRule: Rule = {
  code: 'vnc-password-length',
  libvirt: 'qemuValidateDomainDeviceDefVNCGraphics (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['VNC password is %1$zu characters long, only 8 permitted'],
  help:
    'VNC authentication uses the password as an 8-byte DES key: QEMU takes at most 8 characters, and libvirt refuses a longer `passwd`. ' +
    'Shorten it (or use TLS or SASL for real protection).',
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    for (const graphics of domain.devicesNamed('graphics')) {
      if (domain.value(graphics, 'type') !== 'vnc') continue;
      const passwd = domain.attr(graphics, 'passwd');
      const length = passwd ? new TextEncoder().encode(passwd.value).length : 0;
      if (passwd && length > 8) report(passwd, `The VNC password is ${length} characters long; VNC takes 8 at most`);
    }
  },
};

export const graphicsCombinationRule: Rule = {
  code: 'graphics-combination',
  libvirt: 'qemuValidateDomainDeviceDefGraphics (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types",
    'multiple OpenGL displays are not supported by QEMU',
  ],
  help:
    "egl-headless renders OpenGL for a VNC or SPICE display: it cannot stand with sdl, rdp, dbus or desktop graphics, nor with a SPICE " +
    "display that does its own OpenGL (`<gl enable='yes'>`). Keep one OpenGL path.",
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    const all = domain.devices.filter((device) => device.element.name === 'graphics');
    if (!all.some((g) => domain.value(g, 'type') === 'egl-headless')) return;
    for (const graphics of all) {
      const type = domain.attr(graphics, 'type');
      const name = type?.value.trim();
      if (!type || !name || name === 'egl-headless' || name === 'vnc') continue;
      if (name !== 'spice') report(type, `'${name}' graphics cannot stand with egl-headless`);
      else if (domain.value(domain.child(graphics, 'gl'), 'enable') === 'yes') report(type, 'This SPICE display does its own OpenGL, and egl-headless is a second OpenGL display');
    }
  },
};

export const graphicsListenRule: Rule = {
  code: 'graphics-listen',
  libvirt: 'virDomainGraphicsDefListensValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "'network' attribute is required for listen type 'network'",
    "listen type 'socket' is not available for graphics type '%1$s'",
    "listen type 'none' is not available for graphics type '%1$s'",
  ],
  help:
    "A `<listen type='network'>` names the libvirt network whose address to listen on; `socket` and `none` listens exist for VNC and SPICE only.",
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    for (const graphics of domain.devicesNamed('graphics')) {
      const kind = domain.value(graphics, 'type');
      if (kind !== 'vnc' && kind !== 'spice' && kind !== 'rdp') continue;
      for (const listen of domain.children(graphics, 'listen')) {
        const type = domain.attr(listen, 'type');
        const value = type?.value.trim();
        if (!type) continue;
        if (value === 'network' && !domain.attr(listen, 'network')) report(type, "A 'network' listen names no `network`");
        if ((value === 'socket' || value === 'none') && kind === 'rdp') report(type, `An rdp display has no '${value}' listen`);
      }
    }
  },
};

export const vsockCidRule: Rule = {
  code: 'vsock-cid',
  libvirt: 'virDomainVsockDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['guest CIDs must be >= 3'],
  help: "vsock context IDs 0, 1 and 2 are reserved (hypervisor, local, host): a guest's `<cid address>` is 3 or more, or auto='yes'.",
  docsAnchor: 'vsock',
  check(domain, report) {
    for (const vsock of domain.devicesNamed('vsock')) {
      const cid = domain.child(vsock, 'cid');
      const address = cid && domain.attr(cid, 'address');
      const value = decimalNumber(address?.value);
      if (address && value !== undefined && value > 0 && value <= 2) report(address, `The guest CID ${value} is reserved`);
    }
  },
};

export const graphicsDbusRule: Rule = {
  code: 'graphics-dbus-address',
  libvirt: 'virDomainGraphicsDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['D-Bus p2p with an address is not supported'],
  help:
    "A D-Bus display is reached either peer to peer (`p2p='yes'`, libvirt hands out the connection) or on a bus `address`, not both. Drop one.",
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    for (const graphics of domain.devicesNamed('graphics')) {
      if (domain.value(graphics, 'type') !== 'dbus') continue;
      const address = domain.attr(graphics, 'address');
      if (address && domain.value(graphics, 'p2p') === 'yes') report(address, 'A peer-to-peer D-Bus display takes no bus `address`');
    }
  },
};

export const audioSpiceRule: Rule = {
  code: 'audio-spice-without-graphics',
  libvirt: 'qemuValidateDomainDeviceDefAudio (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Spice audio is not supported without spice graphics'],
  help: "`<audio type='spice'>` sends the guest's sound over a SPICE display: the domain needs `<graphics type='spice'>`, or another audio backend.",
  docsAnchor: 'audio-backends',
  check(domain, report) {
    const audios = domain.devices.filter((device) => device.element.name === 'audio' && domain.value(device, 'type') === 'spice');
    if (audios.length === 0 || hasSpiceGraphics(domain)) return;
    for (const audio of audios) report(domain.attr(audio, 'type') ?? domain.nameSpan(audio), "A spice audio backend needs `<graphics type='spice'>`, and the domain has none");
  },
};
