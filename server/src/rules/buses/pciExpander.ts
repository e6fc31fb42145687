/**
 * PCI controller models that need a particular machine or domain setup, checked by libvirt's QEMU
 * driver after parsing (qemuDomainControllerDefPostParse, src/qemu/qemu_postparse.c, and
 * qemuDomainAssignPCIAddresses, src/qemu/qemu_domain_address.c):
 * - pci-expander-bus exists on i440fx machines only, pcie-expander-bus on q35 and ARM virt only;
 * - a controller's NUMA `<node>` must be a cell of `<cpu><numa>`;
 * - a pci-bridge's index must be above the bus it is plugged into.
 */
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
  libvirtMessages: ['pci-expander-bus controllers are only supported on 440fx-based machinetypes', 'pcie-expander-bus controllers are not supported with this machine type'],
  help:
    'An expander bus adds a root bus tied to a NUMA node. QEMU has `pci-expander-bus` (pxb) for i440fx (`pc`) machines and `pcie-expander-bus` (pxb-pcie) ' +
    'for q35 and ARM `virt` machines. Use the expander model that matches the machine type.',
  docsAnchor: 'controllers',
  check(domain, report) {
    if (effectiveArch(domain) === undefined || effectiveMachine(domain) === undefined) return;
    const family = domainMachineFamily(domain);
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci') continue;
      const model = domain.attr(controller.el, 'model');
      if (!model) continue;
      const machine = effectiveMachine(domain);
      if (controller.model === 'pci-expander-bus' && family !== 'i440fx') {
        report(model, `A \`pci-expander-bus\` needs an i440fx (\`pc\`) machine, not \`${machine}\`${family === 'q35' || family === 'armVirt' ? ': use `pcie-expander-bus`' : ''}`);
      } else if (controller.model === 'pcie-expander-bus' && family !== 'q35' && family !== 'armVirt') {
        report(model, `A \`pcie-expander-bus\` needs a q35 or ARM \`virt\` machine, not \`${machine}\`${family === 'i440fx' ? ': use `pci-expander-bus`' : ''}`);
      }
    }
  },
};

export const pciControllerNumaNodeRule: Rule = {
  code: 'pci-controller-numa-node',
  libvirt: 'qemuDomainControllerDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["%1$s with index %2$d is configured for a NUMA node (%3$d) not present in the domain's <cpu><numa> array (%4$zu)"],
  help:
    "A PCI controller's `<target><node>` places its bus on a guest NUMA node, which must be one of the cells of `<cpu><numa>` (numbered from 0). " +
    'Add the cell or use an existing node number.',
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
      report(content, `NUMA node ${value} does not exist: \`<cpu><numa>\` has ${cells === 0 ? 'no cells' : `cells 0-${cells - 1}`}`);
    }
  },
};

export const pciBridgeIndexRule: Rule = {
  code: 'pci-bridge-index-order',
  libvirt: 'qemuDomainAssignPCIAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["PCI controller at index %1$d (0x%2$02x) has bus='0x%3$02x', but index must be larger than bus"],
  help:
    'A `pci-bridge` provides the bus numbered by its index, and it must plug into a bus with a lower number (the guest firmware numbers buses in that order). ' +
    'Give the bridge an index above the bus in its `<address>`, or plug it into a lower bus.',
  docsAnchor: 'controllers',
  check(domain, report) {
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'pci' || controller.model !== 'pci-bridge' || controller.address?.type !== 'pci') continue;
      const at = pciAddressValue(controller.address);
      if (!at || controller.index > at.bus) continue;
      const bus = controller.address.fields.get('bus')?.attr;
      if (!bus || libvirtNumber(bus.value) === undefined) continue;
      report(bus, `This \`pci-bridge\` has index ${controller.index}, so it must plug into a bus numbered below ${controller.index}, not bus ${at.bus}`);
    }
  },
};
