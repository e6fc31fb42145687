/**
 * USB addresses that libvirt's QEMU driver cannot place when it builds the USB topology at define
 * time (qemuDomainAssignUSBAddresses, src/qemu/qemu_domain_address.c, over
 * virDomainUSBAddressSetAddHub / virDomainUSBAddressFindPort / virDomainUSBAddressReserve /
 * virDomainUSBAddressAssign in src/conf/domain_addr.c): a bus no USB controller provides, a port
 * beyond the controller's or hub's port count or behind a port with no hub, and two devices (or
 * two hubs) on one port. The map itself is built once per document version (usbTopology.ts).
 */
import { words } from '../../messages/words';
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
  help: words('rules.help.usb-bus-missing'),
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
  help: words('rules.help.usb-port-out-of-range'),
  docsAnchor: 'controllers',
  check: reportKind('port-range'),
};

export const usbAddressDuplicateRule: Rule = {
  code: 'usb-address-duplicate',
  libvirt: 'virDomainUSBAddressReserve, virDomainUSBAddressSetAddHub (src/conf/domain_addr.c), from qemuDomainAssignUSBAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Duplicate USB address bus %1$u port %2$s', 'Duplicate USB hub on bus %1$u port %2$s'],
  help: words('rules.help.usb-address-duplicate'),
  docsAnchor: 'controllers',
  check: reportKind('duplicate'),
};

export const usbControllerIndexRule: Rule = {
  code: 'usb-controller-index-duplicate',
  libvirt: 'virDomainUSBAddressSetAddController (src/conf/domain_addr.c), from qemuDomainAssignUSBAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Duplicate USB controllers with index %1$u'],
  help: words('rules.help.usb-controller-index-duplicate'),
  docsAnchor: 'controllers',
  check: reportKind('controller-index'),
};
