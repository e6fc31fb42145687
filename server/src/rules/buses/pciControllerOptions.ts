/**
 * The values of a PCI controller that libvirt checks whatever the hypervisor
 * (virDomainControllerDefValidate, src/conf/domain_validate.c): a root controller has no address,
 * the index is at most 255, the `<target>` numbers are in their ranges (a pSeries PHB's target
 * index 0-30, and 0 only for index 0; chassisNr 1-255; busNr 1-254), and the root bus has no
 * NUMA node.
 */
import { decimalNumber, libvirtNumber } from '../domain';
import { REMOVE_ADDRESS, Report, Rule, removeElementFix } from '../rule';
import { controllersOf } from './controllers';

export const pciControllerOptionsRule: Rule = {
  code: 'pci-controller-options',
  libvirt: 'virDomainControllerDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    'pci-root and pcie-root controllers should not have an address',
    'PCI controller index %1$d too high, maximum is 255',
    "PCI controller target index '%1$d' out of range - must be 0-30",
    'Only the PCI controller with index 0 can have target index 0, and vice versa',
    "PCI controller chassisNr '%1$d' out of range - must be 1-255",
    "PCI controller busNr '%1$d' out of range - must be 1-254",
    "The PCI controller with index=0 can't be associated with a NUMA node",
  ],
  help:
    'libvirt checks a PCI controller\'s numbers: the root controllers (`pci-root`, `pcie-root`) are the machine\'s own bus and take no `<address>`; ' +
    'PCI controller indexes go up to 255; in `<target>`, a pSeries PCI host bridge\'s `index` is 0-30 and 0 belongs to the controller with index 0 alone, ' +
    '`chassisNr` is 1-255, `busNr` is 1-254; and the root bus (index 0) cannot be given a NUMA `<node>`. Usually these values are best left for libvirt to fill in.',
  docsAnchor: 'controllers',
  check(domain, report: Report) {
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci') continue;
      const { el, model, index } = controller;
      if ((model === 'pci-root' || model === 'pcie-root') && controller.address) {
        report(controller.address.span, `A \`${model}\` is the machine's own bus and has no \`<address>\``, { fixes: [removeElementFix(domain, controller.address.el, REMOVE_ADDRESS)] });
      }
      if (index > 255) report(controller.indexAttr ?? domain.nameSpan(el), `PCI controller index ${index} is above the maximum, 255`);
      const target = domain.child(el, 'target');
      if (!target) continue;
      const targetIndex = domain.attr(target, 'index');
      const targetValue = libvirtNumber(targetIndex?.value);
      if (targetIndex && targetValue !== undefined) {
        if (targetValue > 30) report(targetIndex, `PCI host bridge target index ${targetValue} is out of range: it must be 0-30`);
        else if ((index === 0) !== (targetValue === 0)) {
          report(
            targetIndex,
            index === 0 ? `The PCI controller with index 0 must have target index 0, not ${targetValue}` : `Target index 0 belongs to the PCI controller with index 0, not to index ${index}`,
          );
        }
      }
      const chassisNr = domain.attr(target, 'chassisNr');
      if (chassisNr && libvirtNumber(chassisNr.value) === 0) report(chassisNr, 'chassisNr 0 is out of range: it must be 1-255');
      const busNr = domain.attr(target, 'busNr');
      const busValue = libvirtNumber(busNr?.value);
      if (busNr && busValue !== undefined && (busValue < 1 || busValue > 254)) report(busNr, `busNr ${busValue} is out of range: it must be 1-254`);
      const node = domain.child(target, 'node');
      if (node && index === 0 && decimalNumber(domain.content(node).value) !== undefined) {
        report(domain.nameSpan(node), 'The PCI controller with index 0 (the root bus) cannot be tied to a NUMA node');
      }
    }
  },
};
