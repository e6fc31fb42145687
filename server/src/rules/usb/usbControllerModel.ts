/**
 * USB controller models the QEMU driver refuses at define time, in its controller post-parse
 * (qemuDomainControllerDefPostParse, src/qemu/qemu_postparse.c): the qusb1/qusb2 models (which
 * belong to another hypervisor), and an xHCI controller (nec-xhci, qemu-xhci) asked for more
 * than the 15 ports QEMU's xHCI emulation has (QEMU_USB_XHCI_MAXPORTS). When it builds the
 * controllers for QEMU at start (qemuBuildUSBControllerDevProps, src/qemu/qemu_command.c), it
 * refuses `ports` on a model other than the xHCI ones (qemuValidateDomainDeviceDefControllerUSB)
 * and a companion controller with no master on its index (qemuBuildUSBControllerFindMasterAlias).
 */
import { words } from '../../messages/words';
import { decimalNumber } from '../domain';
import { domainMachineFamily } from '../machines';
import { Rule } from '../rule';
import { replaceFix } from '../rule';
import { usbTopology } from './usbTopology';

const XHCI_MAX_PORTS = 15;

export const usbXhciPortsRule: Rule = {
  code: 'usb-xhci-too-many-ports',
  libvirt: 'qemuDomainControllerDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: ["'%1$s' controller only supports up to '%2$u' ports"],
  help: words('rules.help.usb-xhci-too-many-ports', { max: XHCI_MAX_PORTS }),
  docsAnchor: 'controllers',
  check(domain, report) {
    for (const controller of usbTopology(domain).controllers) {
      if (controller.model !== 'nec-xhci' && controller.model !== 'qemu-xhci') continue;
      const ports = domain.attr(controller.el, 'ports');
      const count = decimalNumber(ports?.value);
      if (ports && count !== undefined && count > XHCI_MAX_PORTS) {
        report(ports, words('rules.usb-xhci-too-many-ports.ports', { model: controller.model, count, max: XHCI_MAX_PORTS }), {
          fixes: [
            replaceFix(ports, String(XHCI_MAX_PORTS), words('rules.usb-xhci-too-many-ports.setPorts', { max: XHCI_MAX_PORTS })),
          ],
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
  onlyWith: ['controller'],
  libvirtMessages: ["USB controller model type 'qusb1' or 'qusb2' is not supported in %1$s"],
  help: words('rules.help.usb-qusb-model'),
  docsAnchor: 'controllers',
  check(domain, report) {
    for (const controller of usbTopology(domain).controllers) {
      if (controller.model !== 'qusb1' && controller.model !== 'qusb2') continue;
      const model = domain.attr(controller.el, 'model');
      if (model) report(model, words('rules.usb-qusb-model.model', { model: controller.model, type: String(domain.virtType) }));
    }
  },
};

export const usbPortsModelRule: Rule = {
  code: 'usb-ports-unsupported-model',
  libvirt: 'qemuValidateDomainDeviceDefControllerUSB, from qemuBuildUSBControllerDevProps (src/qemu/qemu_command.c)',
  stage: 'start',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: ["usb controller type '%1$s' doesn't support 'ports' with this QEMU binary"],
  help: words('rules.help.usb-ports-unsupported-model'),
  docsAnchor: 'controllers',
  check(domain, report) {
    const family = domainMachineFamily(domain);
    for (const controller of usbTopology(domain).controllers) {
      const ports = domain.attr(controller.el, 'ports');
      if (!ports) continue;
      // Without a model, the x86 PC machines get piix3-uhci; elsewhere the model depends on the QEMU binary.
      const model = controller.model ?? (family === 'i440fx' || family === 'q35' ? 'piix3-uhci' : undefined);
      if (model === undefined || model === 'none' || model === 'qemu-xhci' || model === 'nec-xhci' || model === 'qusb1' || model === 'qusb2') continue;
      report(ports, words('rules.usb-ports-unsupported-model.fixed', { model }));
    }
  },
};

export const usbCompanionMasterRule: Rule = {
  code: 'usb-companion-master-missing',
  libvirt: 'qemuBuildUSBControllerFindMasterAlias, from qemuBuildUSBControllerDevProps (src/qemu/qemu_command.c)',
  stage: 'start',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: ['masterbus not found'],
  help: words('rules.help.usb-companion-master-missing'),
  docsAnchor: 'controllers',
  check(domain, report) {
    const { otherControllers } = usbTopology(domain);
    const masters = new Set<number>();
    for (const controller of usbTopology(domain).controllers) if (!controller.companion && controller.index !== undefined) masters.add(controller.index);
    // With no master at all, libvirt's parser refuses the domain first (usb-companion-without-master).
    if (masters.size === 0) return;
    for (const controller of otherControllers) {
      if (!controller.companion || controller.index === undefined || masters.has(controller.index)) continue;
      const index = domain.attr(controller.el, 'index') ?? domain.nameSpan(controller.el);
      report(index, words('rules.usb-companion-master-missing.noMaster', { index: controller.index }));
    }
  },
};
