/**
 * Graphics combinations the QEMU driver refuses at define time (src/qemu/qemu_validate.c):
 * egl-headless only pairs with a VNC or SPICE display, and not with a SPICE display that renders
 * with OpenGL itself (qemuValidateDomainDeviceDefGraphics); a VNC password has at most 8
 * characters (qemuValidateDomainDeviceDefVNCGraphics).
 * For every driver (src/conf/domain_validate.c): a network listen names its network, socket and
 * none listens are for VNC and SPICE only (virDomainGraphicsDefListensValidate), and a D-Bus
 * display is peer-to-peer or on a bus address, not both (virDomainGraphicsDefValidate).
 */
import { words } from '../../messages/words';
import { AttrValue, Domain, El } from '../domain';
import { Rule } from '../rule';

interface GraphicsDevice {
  el: El;
  type: AttrValue | undefined;
}

function graphicsOf(domain: Domain): GraphicsDevice[] {
  return domain.devicesNamed('graphics').map((el) => ({ el, type: domain.attr(el, 'type') }));
}

/** The `type` of the egl-headless display among `all`, when there is one. */
function eglHeadless(all: readonly GraphicsDevice[]): AttrValue | undefined {
  return all.find((g) => typeOf(g) === 'egl-headless')?.type;
}

function typeOf(graphics: GraphicsDevice): string | undefined {
  return graphics.type?.value.trim();
}

export const eglHeadlessPairingRule: Rule = {
  code: 'graphics-egl-headless-pairing',
  libvirt: 'qemuValidateDomainDeviceDefGraphics (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['graphics'],
  libvirtMessages: ["graphics type 'egl-headless' is only supported with one of: %1$s graphics types", "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types"],
  help: words('rules.help.graphics-egl-headless-pairing'),
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    const all = graphicsOf(domain);
    const egl = eglHeadless(all);
    if (!egl) return;
    for (const graphics of all) {
      const type = typeOf(graphics);
      if (!graphics.type || type === 'egl-headless' || type === 'vnc' || type === 'spice') continue;
      report(graphics.type, words('rules.graphics-egl-headless-pairing.pair', { type: String(type) }), {
        related: [{ ...egl, message: words('rules.graphics-egl-headless-pairing.egl') }],
      });
    }
  },
};

export const eglHeadlessSpiceGlRule: Rule = {
  code: 'graphics-multiple-opengl',
  libvirt: 'qemuValidateDomainDeviceDefGraphics (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['graphics'],
  libvirtMessages: ['multiple OpenGL displays are not supported by QEMU'],
  help: words('rules.help.graphics-multiple-opengl'),
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    const all = graphicsOf(domain);
    const egl = eglHeadless(all);
    if (!egl) return;
    for (const graphics of all) {
      if (typeOf(graphics) !== 'spice') continue;
      const gl = domain.child(graphics.el, 'gl');
      const enable = gl && domain.attr(gl, 'enable');
      if (enable?.value.trim() === 'yes') {
        report(enable, words('rules.graphics-multiple-opengl.twice'), { related: [{ ...egl, message: words('rules.graphics-egl-headless-pairing.egl') }] });
      }
    }
  },
};

export const vncPasswordLengthRule: Rule = {
  code: 'graphics-vnc-password-too-long',
  libvirt: 'qemuValidateDomainDeviceDefVNCGraphics (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['graphics'],
  libvirtMessages: ['VNC password is %1$zu characters long, only 8 permitted'],
  help: words('rules.help.graphics-vnc-password-too-long'),
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    for (const graphics of graphicsOf(domain)) {
      if (typeOf(graphics) !== 'vnc') continue;
      const passwd = domain.attr(graphics.el, 'passwd');
      if (!passwd) continue;
      const bytes = Buffer.byteLength(passwd.value, 'utf8');
      if (bytes > 8) report(passwd, words('rules.graphics-vnc-password-too-long.length', { length: bytes }));
    }
  },
};

export const graphicsListenRule: Rule = {
  code: 'graphics-listen-unsupported',
  libvirt: 'virDomainGraphicsDefListensValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['graphics'],
  libvirtMessages: [
    "'network' attribute is required for listen type 'network'",
    "listen type 'socket' is not available for graphics type '%1$s'",
    "listen type 'none' is not available for graphics type '%1$s'",
  ],
  help: words('rules.help.graphics-listen-unsupported'),
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    for (const graphics of graphicsOf(domain)) {
      const type = typeOf(graphics);
      if (type !== 'vnc' && type !== 'spice' && type !== 'rdp') continue;
      for (const listen of domain.children(graphics.el, 'listen')) {
        const listenType = domain.attr(listen, 'type');
        const value = listenType?.value.trim();
        if (!listenType) continue;
        if (value === 'network' && domain.attr(listen, 'network') === undefined) {
          report(domain.nameSpan(listen), words('rules.graphics-listen-unsupported.network'));
        } else if ((value === 'socket' || value === 'none') && type === 'rdp') {
          report(listenType, words('rules.graphics-listen-unsupported.rdp', { type: value }));
        }
      }
    }
  },
};

export const dbusP2pAddressRule: Rule = {
  code: 'graphics-dbus-p2p-address',
  libvirt: 'virDomainGraphicsDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['graphics'],
  libvirtMessages: ['D-Bus p2p with an address is not supported'],
  help: words('rules.help.graphics-dbus-p2p-address'),
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    for (const graphics of graphicsOf(domain)) {
      if (typeOf(graphics) !== 'dbus' || domain.value(graphics.el, 'p2p') !== 'yes') continue;
      const address = domain.attr(graphics.el, 'address');
      if (address) report(address, words('rules.graphics-dbus-p2p-address.both'));
    }
  },
};
