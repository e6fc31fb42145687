/**
 * The root PCI controller: libvirt adds pci-root or pcie-root as index 0 on machines that have one
 * and refuses an index-0 PCI controller of another model (qemuDomainDefAddDefaultDevices,
 * src/qemu/qemu_postparse.c) — the classic domain switched from q35 to pc that keeps its
 * pcie-root. Only pSeries may have more than one root; elsewhere a root controller at another
 * index is refused (qemuDomainControllerDefPostParse).
 */
import { words } from '../../messages/words';
import { fixTitle } from '../rule';
import { domainMachineFamily } from '../machines';
import { Rule } from '../rule';
import { controllersOf } from './controllers';
import { machineRoot } from './pci';

export const pciRootModelRule: Rule = {
  code: 'pci-root-model',
  libvirt: 'qemuDomainDefAddDefaultDevices (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: [
    "The PCI controller with index='0' must be model='pci-root' for this machine type, but model='%1$s' was found instead",
    "The PCI controller with index='0' must be model='pcie-root' for this machine type, but model='%1$s' was found instead",
  ],
  help: words('rules.help.pci-root-model'),
  docsAnchor: 'controllers',
  check(domain, report) {
    const root = machineRoot(domain);
    if (root !== 'pci-root' && root !== 'pcie-root') return;
    const first = controllersOf(domain).find((c) => c.type === 'pci' && c.index === 0);
    if (!first || first.model === undefined || first.model === root) return;
    const at = domain.attr(first.el, 'model');
    if (!at) return;
    const machine = domain.machine ?? domainMachineFamily(domain) ?? '';
    report(at, words('rules.pci-root-model.model', { machine, root, model: first.model }), {
      fixes: [{ ...fixTitle(words('rules.pci-root-model.fix.model', { root })), start: at.from, end: at.to, newText: root, safe: false }],
    });
  },
};

export const pciRootIndexRule: Rule = {
  code: 'pci-root-index',
  libvirt: 'qemuDomainControllerDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: ['pci-root and pcie-root controllers should have index 0'],
  help: words('rules.help.pci-root-index'),
  docsAnchor: 'controllers',
  check(domain, report) {
    if (domainMachineFamily(domain) === 'pseries') return;
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci' || (controller.model !== 'pci-root' && controller.model !== 'pcie-root') || controller.index === 0) continue;
      report(controller.indexAttr ?? domain.nameSpan(controller.el), words('rules.pci-root-index.index', { model: controller.model, index: controller.index }));
    }
  },
};
