/**
 * PCI controller models that need a particular machine or domain setup, checked by libvirt's QEMU
 * driver after parsing (qemuDomainControllerDefPostParse, src/qemu/qemu_postparse.c, and
 * qemuDomainAssignPCIAddresses, src/qemu/qemu_domain_address.c):
 * - pci-expander-bus exists on i440fx machines only, pcie-expander-bus on q35 and ARM virt only;
 * - a controller's NUMA `<node>` must be a cell of `<cpu><numa>`;
 * - a pci-bridge's index must be above the bus it is plugged into.
 */
import { words } from '../../messages/words';
import { libvirtNumber, decimalNumber } from '../domain';
import { domainMachineFamily, effectiveArch, effectiveMachine } from '../machines';
import { Rule } from '../rule';
import { controllersOf } from './controllers';
import { pciAddressValue } from './pci';

export const pciExpanderMachineRule: Rule = {
  code: 'pci-expander-bus-machine',
  libvirt: 'qemuDomainControllerDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: ['pci-expander-bus controllers are only supported on 440fx-based machinetypes', 'pcie-expander-bus controllers are not supported with this machine type'],
  help: words('rules.help.pci-expander-bus-machine'),
  docsAnchor: 'controllers',
  check(domain, report) {
    if (effectiveArch(domain) === undefined || effectiveMachine(domain) === undefined) return;
    const family = domainMachineFamily(domain);
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci') continue;
      const model = domain.attr(controller.el, 'model');
      if (!model) continue;
      const machine = String(effectiveMachine(domain));
      if (controller.model === 'pci-expander-bus' && family !== 'i440fx') {
        report(model, words(family === 'q35' || family === 'armVirt' ? 'rules.pci-expander-bus-machine.pxbUsePcie' : 'rules.pci-expander-bus-machine.pxb', { machine }));
      } else if (controller.model === 'pcie-expander-bus' && family !== 'q35' && family !== 'armVirt') {
        report(model, words(family === 'i440fx' ? 'rules.pci-expander-bus-machine.pxbPcieUsePci' : 'rules.pci-expander-bus-machine.pxbPcie', { machine }));
      }
    }
  },
};

export const pciControllerNumaNodeRule: Rule = {
  code: 'pci-controller-numa-node',
  libvirt: 'qemuDomainControllerDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: ["%1$s with index %2$d is configured for a NUMA node (%3$d) not present in the domain's <cpu><numa> array (%4$zu)"],
  help: words('rules.help.pci-controller-numa-node'),
  docsAnchor: 'controllers',
  check(domain, report) {
    const cells = domain.at(['cpu', 'numa', 'cell']).length;
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci') continue;
      const node = domain.first(['target', 'node'], controller.el);
      if (!node) continue;
      const content = domain.content(node);
      const value = decimalNumber(content.value);
      if (value === undefined || value < cells) continue;
      report(content, cells === 0 ? words('rules.pci-controller-numa-node.noCells', { node: value }) : words('rules.pci-controller-numa-node.cells', { node: value, last: cells - 1 }));
    }
  },
};

export const pciBridgeIndexRule: Rule = {
  code: 'pci-bridge-index-order',
  libvirt: 'qemuDomainAssignPCIAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['controller'],
  libvirtMessages: ["PCI controller at index %1$d (0x%2$02x) has bus='0x%3$02x', but index must be larger than bus"],
  help: words('rules.help.pci-bridge-index-order'),
  docsAnchor: 'controllers',
  check(domain, report) {
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci' || controller.model !== 'pci-bridge' || controller.address?.type !== 'pci') continue;
      const at = pciAddressValue(controller.address);
      if (!at || controller.index > at.bus) continue;
      const bus = controller.address.fields.get('bus')?.attr;
      if (!bus || libvirtNumber(bus.value) === undefined) continue;
      report(bus, words('rules.pci-bridge-index-order.bus', { index: controller.index, bus: at.bus }));
    }
  },
};
