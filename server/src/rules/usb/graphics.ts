/**
 * Graphics combinations the QEMU driver refuses at define time (src/qemu/qemu_validate.c):
 * egl-headless only pairs with a VNC or SPICE display, and not with a SPICE display that renders
 * with OpenGL itself (qemuValidateDomainDeviceDefGraphics); one `<graphics>` of each type
 * (qemuValidateDomainDefGraphics? the per-type count in qemuValidateDomainDef); and a host
 * device with `display='on'` needs a `<graphics>` to show that display
 * (qemuValidateDomainDeviceDefHostdev and its mediated-device check).
 */
import { AttrValue, Domain, El } from '../domain';
import { Rule } from '../rule';

interface GraphicsDevice {
  el: El;
  type: AttrValue | undefined;
}

function graphicsOf(domain: Domain): GraphicsDevice[] {
  return domain.devices.filter((d) => d.element.name === 'graphics').map((el) => ({ el, type: domain.attr(el, 'type') }));
}

function typeOf(graphics: GraphicsDevice): string | undefined {
  return graphics.type?.value.trim();
}

export const eglHeadlessPairingRule: Rule = {
  code: 'graphics-egl-headless-pairing',
  libvirt: 'qemuValidateDomainDeviceDefGraphics (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["graphics type 'egl-headless' is only supported with one of: %1$s graphics types", "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types"],
  help:
    "`<graphics type='egl-headless'>` renders with OpenGL on the host and hands the frames to another display; QEMU can hand them to VNC or SPICE only. " +
    'Pair egl-headless with a `vnc` or `spice` `<graphics>`, or remove it.',
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    const all = graphicsOf(domain);
    const egl = all.find((g) => typeOf(g) === 'egl-headless');
    if (!egl?.type) return;
    for (const graphics of all) {
      const type = typeOf(graphics);
      if (!graphics.type || type === 'egl-headless' || type === 'vnc' || type === 'spice') continue;
      report(graphics.type, `\`<graphics type='${type}'>\` cannot be paired with egl-headless; only vnc and spice can`, {
        related: [{ ...egl.type, message: 'The egl-headless display' }],
      });
    }
  },
};

export const eglHeadlessSpiceGlRule: Rule = {
  code: 'graphics-multiple-opengl',
  libvirt: 'qemuValidateDomainDeviceDefGraphics (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['multiple OpenGL displays are not supported by QEMU'],
  help:
    "QEMU renders a domain's display with OpenGL in one place only: either SPICE does it (`<gl enable='yes'>`) or an egl-headless display does. " +
    "Turn SPICE's `<gl>` off to keep egl-headless, or remove the egl-headless `<graphics>`.",
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    const all = graphicsOf(domain);
    const egl = all.find((g) => typeOf(g) === 'egl-headless');
    if (!egl?.type) return;
    for (const graphics of all) {
      if (typeOf(graphics) !== 'spice') continue;
      const gl = domain.child(graphics.el, 'gl');
      const enable = gl && domain.attr(gl, 'enable');
      if (enable?.value.trim() === 'yes') {
        report(enable, "SPICE renders with OpenGL while an egl-headless display does too", { related: [{ ...egl.type, message: 'The egl-headless display' }] });
      }
    }
  },
};

export const graphicsTypeTwiceRule: Rule = {
  code: 'graphics-type-twice',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['only 1 graphics device of each type (sdl, vnc, spice, headless, dbus) is supported'],
  help:
    'QEMU runs at most one display of each kind (one VNC server, one SPICE server, one SDL window ...), so libvirt refuses a second `<graphics>` of a type. ' +
    'Merge them into one; a VNC or SPICE server can listen on several addresses with `<listen>`.',
  docsAnchor: 'graphical-framebuffers',
  check(domain, report) {
    const first = new Map<string, AttrValue>();
    for (const graphics of graphicsOf(domain)) {
      const type = typeOf(graphics);
      if (!graphics.type || !type) continue;
      const earlier = first.get(type);
      if (earlier) report(graphics.type, `A second \`<graphics type='${type}'>\``, { related: [{ ...earlier, message: `The first \`${type}\` display` }] });
      else first.set(type, graphics.type);
    }
  },
};

export const hostdevDisplayGraphicsRule: Rule = {
  code: 'hostdev-display-needs-graphics',
  libvirt: 'qemuValidateDomainMdevDefVFIOPCI, qemuValidateDomainDeviceDefHostdev (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["graphics device is needed for attribute value 'display=on' in <hostdev>"],
  help:
    "`<hostdev display='on'>` shows the assigned device's own display (a vGPU's screen) through the domain's VNC or SPICE display, so the domain needs a `<graphics>` element. " +
    "Add one (for example `<graphics type='vnc'/>`), or set `display='off'`.",
  docsAnchor: 'host-device-assignment',
  check(domain, report) {
    if (domain.devices.some((d) => d.element.name === 'graphics')) return;
    for (const hostdev of domain.devices) {
      if (hostdev.element.name !== 'hostdev') continue;
      const type = domain.value(hostdev, 'type');
      if (type !== 'mdev' && type !== 'pci') continue;
      if (type === 'mdev' && domain.value(hostdev, 'model') !== 'vfio-pci') continue;
      const display = domain.attr(hostdev, 'display');
      if (display?.value.trim() === 'on') report(display, "`display='on'` with no `<graphics>` in the domain to show it");
    }
  },
};
