/**
 * USB addresses that libvirt's QEMU driver cannot place when it builds the USB topology at define
 * time (qemuDomainAssignUSBAddresses, src/qemu/qemu_domain_address.c, over
 * virDomainUSBAddressSetAddHub / virDomainUSBAddressFindPort / virDomainUSBAddressReserve /
 * virDomainUSBAddressAssign in src/conf/domain_addr.c): a bus no USB controller provides, a port
 * beyond the controller's or hub's port count or behind a port with no hub, and two devices (or
 * two hubs) on one port. The map itself is built once per document version (usbTopology.ts).
 */
import { Domain } from '../domain';
import { Report, Rule } from '../rule';
import { UsbProblemKind, usbTopology } from './usbTopology';

function reportKind(kind: UsbProblemKind) {
  return (domain: Domain, report: Report): void => {
    for (const problem of usbTopology(domain).problems) {
      if (problem.kind === kind) report(problem.at, problem.message, { related: problem.related });
    }
  };
}

export const usbBusMissingRule: Rule = {
  code: 'usb-bus-missing',
  libvirt: 'virDomainUSBAddressFindPort (src/conf/domain_addr.c), from qemuDomainAssignUSBAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Missing USB bus %1$u'],
  help:
    "Each USB bus is the `<controller type='usb'>` whose `index` matches the `bus` of a device's `<address type='usb'>`. " +
    'libvirt refuses a USB address on a bus that no USB controller provides. Add a USB controller with that index, or move the device to an existing bus ' +
    '(or drop the `<address>` and let libvirt pick a free port).',
  docsAnchor: 'controllers',
  check: reportKind('bus-missing'),
};

export const usbPortRangeRule: Rule = {
  code: 'usb-port-out-of-range',
  libvirt: 'virDomainUSBAddressFindPort (src/conf/domain_addr.c), from qemuDomainAssignUSBAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    'requested USB port %1$s not present on USB bus %2$u',
    'port %1$u out of range in USB address bus: %2$u port: %3$s',
    'there is no hub at port %1$u in USB address bus: %2$u port: %3$s',
  ],
  help:
    'A USB port is a dot-separated path: the controller port, then the port of each `<hub>` below it (`1.3` is port 3 of the hub on port 1). ' +
    'Each controller model has a fixed number of ports (piix3-uhci 2, pci-ohci 3, ehci 6, nec-xhci and qemu-xhci 4 unless `ports` says more) and a USB hub has 8; ' +
    'a path can only go through a port that holds a `<hub>`. Pick a port that exists, add a hub, or raise the xHCI controller\'s `ports`.',
  docsAnchor: 'controllers',
  check: reportKind('port-range'),
};

export const usbAddressDuplicateRule: Rule = {
  code: 'usb-address-duplicate',
  libvirt: 'virDomainUSBAddressReserve, virDomainUSBAddressSetAddHub (src/conf/domain_addr.c), from qemuDomainAssignUSBAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Duplicate USB address bus %1$u port %2$s', 'Duplicate USB hub on bus %1$u port %2$s'],
  help:
    'A USB port holds one device. libvirt places the `<hub>` elements first, then every other device with an explicit USB address, and refuses a port ' +
    'that is already taken, including the port a hub sits on. Give one of the devices another port (a port of the hub, such as `1.1`, if it should sit behind it), ' +
    'or drop its `<address>` so libvirt picks a free one.',
  docsAnchor: 'controllers',
  check: reportKind('duplicate'),
};

export const usbControllerIndexRule: Rule = {
  code: 'usb-controller-index-duplicate',
  libvirt: 'virDomainUSBAddressSetAddController (src/conf/domain_addr.c), from qemuDomainAssignUSBAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Duplicate USB controllers with index %1$u'],
  help:
    "Each USB controller's `index` names its bus. Only the companion controllers of an EHCI controller (ich9-uhci1..3, with `<master>`) may share its index; " +
    'two controllers that each bring ports cannot. Give the second controller a free index.',
  docsAnchor: 'controllers',
  check: reportKind('controller-index'),
};
