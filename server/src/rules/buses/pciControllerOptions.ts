/**
 * The values of a PCI controller that libvirt checks whatever the hypervisor
 * (virDomainControllerDefValidate, src/conf/domain_validate.c): a root controller has no address,
 * the index is at most 255, the `<target>` numbers are in their ranges (a pSeries PHB's target
 * index 0-30, and 0 only for index 0; chassisNr 1-255; busNr 1-254), and the root bus has no
 * NUMA node.
 */
import { words } from '../../messages/words';
import { titled } from '../rule';
import { decimalNumber, libvirtNumber } from '../domain';
import { Report, Rule, removeElementFix } from '../rule';
import { controllersOf } from './controllers';

export const pciControllerOptionsRule: Rule = {
  code: 'pci-controller-options',
  libvirt: 'virDomainControllerDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['controller'],
  libvirtMessages: [
    'pci-root and pcie-root controllers should not have an address',
    'PCI controller index %1$d too high, maximum is 255',
    "PCI controller target index '%1$d' out of range - must be 0-30",
    'Only the PCI controller with index 0 can have target index 0, and vice versa',
    "PCI controller chassisNr '%1$d' out of range - must be 1-255",
    "PCI controller busNr '%1$d' out of range - must be 1-254",
    "The PCI controller with index=0 can't be associated with a NUMA node",
  ],
  help: words('rules.help.pci-controller-options'),
  docsAnchor: 'controllers',
  check(domain, report: Report) {
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci') continue;
      const { el, model, index } = controller;
      if ((model === 'pci-root' || model === 'pcie-root') && controller.address) {
        const fix = titled(removeElementFix(domain, controller.address.el, ''), words('rules.pci-controller-options.fix.removeAddress'));
        report(controller.address.span, words('rules.pci-controller-options.rootAddress', { model }), { fixes: [fix] });
      }
      if (index > 255) report(controller.indexAttr ?? domain.nameSpan(el), words('rules.pci-controller-options.index', { index }));
      const target = domain.child(el, 'target');
      if (!target) continue;
      const targetIndex = domain.attr(target, 'index');
      const targetValue = libvirtNumber(targetIndex?.value);
      if (targetIndex && targetValue !== undefined) {
        if (targetValue > 30) report(targetIndex, words('rules.pci-controller-options.targetIndex', { index: targetValue }));
        else if ((index === 0) !== (targetValue === 0)) {
          report(targetIndex, index === 0 ? words('rules.pci-controller-options.rootTarget', { index: targetValue }) : words('rules.pci-controller-options.targetZero', { index }));
        }
      }
      const chassisNr = domain.attr(target, 'chassisNr');
      if (chassisNr && libvirtNumber(chassisNr.value) === 0) report(chassisNr, words('rules.pci-controller-options.chassisNr'));
      const busNr = domain.attr(target, 'busNr');
      const busValue = libvirtNumber(busNr?.value);
      if (busNr && busValue !== undefined && (busValue < 1 || busValue > 254)) report(busNr, words('rules.pci-controller-options.busNr', { busNr: busValue }));
      const node = domain.child(target, 'node');
      if (node && index === 0 && decimalNumber(domain.content(node).value) !== undefined) {
        report(domain.nameSpan(node), words('rules.pci-controller-options.rootNode'));
      }
    }
  },
};
