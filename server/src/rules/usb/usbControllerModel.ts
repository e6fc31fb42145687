/**
 * USB controller models the QEMU driver refuses at define time, in its controller post-parse
 * (qemuDomainControllerDefPostParse, src/qemu/qemu_postparse.c): the qusb1/qusb2 models (which
 * belong to another hypervisor), and an xHCI controller (nec-xhci, qemu-xhci) asked for more
 * than the 15 ports QEMU's xHCI emulation has (QEMU_USB_XHCI_MAXPORTS).
 */
import { decimalNumber } from '../domain';
import { Rule } from '../rule';
import { usbTopology } from './usbTopology';

const XHCI_MAX_PORTS = 15;

export const usbXhciPortsRule: Rule = {
  code: 'usb-xhci-too-many-ports',
  libvirt: 'qemuDomainControllerDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["'%1$s' controller only supports up to '%2$u' ports"],
  help:
    `QEMU's xHCI controllers (\`nec-xhci\`, \`qemu-xhci\`) have at most ${XHCI_MAX_PORTS} ports; libvirt refuses a larger \`ports\`. ` +
    'Lower `ports`, add a second USB controller, or plug a `<hub>` into a port for 8 more.',
  docsAnchor: 'controllers',
  check(domain, report) {
    for (const controller of usbTopology(domain).controllers) {
      if (controller.model !== 'nec-xhci' && controller.model !== 'qemu-xhci') continue;
      const ports = domain.attr(controller.el, 'ports');
      const count = decimalNumber(ports?.value);
      if (ports && count !== undefined && count > XHCI_MAX_PORTS) {
        report(ports, `The \`${controller.model}\` controller asks for ${count} ports; it has at most ${XHCI_MAX_PORTS}`, {
          fixes: [{ title: `Set ports to ${XHCI_MAX_PORTS}`, start: ports.from, end: ports.to, newText: String(XHCI_MAX_PORTS), safe: false }],
        });
      }
    }
  },
};

export const usbQusbRule: Rule = {
  code: 'usb-qusb-model',
  libvirt: 'qemuDomainControllerDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["USB controller model type 'qusb1' or 'qusb2' is not supported in %1$s"],
  help:
    'The `qusb1` and `qusb2` USB controller models are not QEMU devices, and the QEMU driver refuses them. ' +
    'Use a QEMU model such as `qemu-xhci` (or leave `model` out for the machine\'s default).',
  docsAnchor: 'controllers',
  check(domain, report) {
    for (const controller of usbTopology(domain).controllers) {
      if (controller.model !== 'qusb1' && controller.model !== 'qusb2') continue;
      const model = domain.attr(controller.el, 'model');
      if (model) report(model, `The USB controller model \`${controller.model}\` is not available with \`<domain type='${domain.virtType}'>\``);
    }
  },
};
