/**
 * Memory devices (`<devices><memory>`).
 * - virDomainMemoryDefValidate (src/conf/domain_validate.c): `<target><node>` must name a guest
 *   NUMA cell; virtio-pmem takes no node; virtio-mem's requested size fits its size, its block
 *   size is a power of two, the requested size and the address are multiples of the block;
 *   the address ranges of virtio-mem/virtio-pmem devices do not overlap.
 * - qemuDomainDefValidateMemoryHotplugDevice / qemuCheckMemoryDimmConflict
 *   (src/qemu/qemu_domain.c): with guest NUMA cells dimm/nvdimm/virtio-mem need a target node;
 *   a dimm address's slot is below `<maxMemory slots>` and no two dimms share a slot or base.
 */
import { words } from '../../messages/words';
import { decimalNumber } from '../domain';
import { effectiveArch, isArchIn } from '../machines';
import { Rule } from '../rule';
import { MemoryDevice, elementKiB, formatKiB, memoryDevices, memoryFacts, numaFacts, unsignedLongLong } from './facts';

export const memoryTargetNodeRule: Rule = {
  code: 'memory-device-node',
  libvirt: 'virDomainMemoryDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "can't add memory backend as guest has no NUMA nodes configured",
    "can't add memory backend for guest node '%1$d' as the guest has only '%2$zu' NUMA nodes configured",
    'virtio-pmem does not support NUMA nodes',
  ],
  help: words('rules.help.memory-device-node'),
  docsAnchor: 'memory-devices',
  check(domain, report) {
    const cells = numaFacts(domain).cells.length;
    for (const device of memoryDevices(domain)) {
      if (!device.node) continue;
      const node = device.node.value;
      if (device.model === 'virtio-pmem') report(device.node.span, words('rules.memory-device-node.pmem'));
      else if (cells === 0) report(device.node.span, words('rules.memory-device-node.noCells', { node }));
      else if (node >= cells) report(device.node.span, words(cells === 1 ? 'rules.memory-device-node.cells.one' : 'rules.memory-device-node.cells.other', { node, count: cells, last: cells - 1 }));
    }
  },
};

export const memoryNodeRequiredRule: Rule = {
  code: 'memory-device-node-missing',
  libvirt: 'qemuDomainDefValidateMemoryHotplugDevice (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['cell'],
  libvirtMessages: ['target NUMA node needs to be specified for memory device'],
  help: words('rules.help.memory-device-node-missing'),
  docsAnchor: 'memory-devices',
  check(domain, report) {
    if (numaFacts(domain).cells.length === 0) return;
    const facts = memoryFacts(domain);
    if (!facts.max && !facts.slots) return;
    for (const device of memoryDevices(domain)) {
      if (device.model !== 'dimm' && device.model !== 'nvdimm' && device.model !== 'virtio-mem') continue;
      if (device.target && domain.child(device.target, 'node')) continue;
      report(device.target ? domain.nameSpan(device.target) : domain.nameSpan(device.el), words('rules.memory-device-node-missing.missing', { model: device.model }));
    }
  },
};

const isPowerOfTwo = (n: bigint) => n > 0n && (n & (n - 1n)) === 0n;

export const virtioMemSizesRule: Rule = {
  code: 'virtio-mem-sizes',
  libvirt: 'virDomainMemoryDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    'requested size must be smaller than or equal to @size (%1$lluKiB)',
    'block size must be a power of two',
    'requested size must be an integer multiple of block size',
    'memory device address must be aligned to blocksize',
  ],
  help: words('rules.help.virtio-mem-sizes'),
  docsAnchor: 'memory-devices',
  check(domain, report) {
    for (const device of memoryDevices(domain)) {
      if (device.model !== 'virtio-mem') continue;
      const { size, block, requested, base } = device;
      if (requested && size && requested.value > size.value) {
        report(requested.span, words('rules.virtio-mem-sizes.requested', { requested: formatKiB(requested.value), size: formatKiB(size.value) }));
        continue;
      }
      if (!block) continue;
      if (!isPowerOfTwo(block.value)) {
        report(block.span, words('rules.virtio-mem-sizes.block', { block: formatKiB(block.value) }));
        continue;
      }
      if (requested && requested.value % block.value !== 0n) {
        report(requested.span, words('rules.virtio-mem-sizes.multiple', { requested: formatKiB(requested.value), block: formatKiB(block.value) }));
        continue;
      }
      if (base && base.value % (block.value * 1024n) !== 0n) {
        report(base.span, words('rules.virtio-mem-sizes.address', { address: `0x${base.value.toString(16)}`, block: formatKiB(block.value) }));
      }
    }
  },
};

/** The device's address for virDomainDeviceInfoAddressIsEqual, as text (undefined: none given). */
function deviceAddressKey(domain: Parameters<Rule['check']>[0], device: MemoryDevice): string | undefined {
  const address = domain.child(device.el, 'address');
  if (!address) return undefined;
  return address.element.attributes
    .map((a) => `${a.name}=${domain.value(address, a.name) ?? ''}`)
    .sort()
    .join(',');
}

export const memoryAddressOverlapRule: Rule = {
  code: 'memory-device-address-overlap',
  libvirt: 'virDomainMemoryDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['memory device address [0x%1$llx:0x%2$llx] overlaps with other memory device (0x%3$llx)'],
  help: words('rules.help.memory-device-address-overlap'),
  docsAnchor: 'memory-devices',
  check(domain, report) {
    const placed = memoryDevices(domain).filter((d) => (d.model === 'virtio-mem' || d.model === 'virtio-pmem') && d.base && d.base.value > 0n);
    if (placed.length < 2) return;
    const keys = placed.map((d) => deviceAddressKey(domain, d));
    for (let i = 0; i < placed.length; i++) {
      const device = placed[i];
      if (!device.size) continue;
      const start = device.base!.value;
      const end = start + device.size.value * 1024n;
      for (let j = 0; j < placed.length; j++) {
        if (j === i || (keys[i] !== undefined && keys[i] === keys[j])) continue;
        const otherStart = placed[j].base!.value;
        if (start <= otherStart && end > otherStart) {
          report(device.base!.span, words('rules.memory-device-address-overlap.overlap', { start: `0x${start.toString(16)}`, end: `0x${end.toString(16)}`, other: `0x${otherStart.toString(16)}` }), {
            related: [{ ...placed[j].base!.span, message: words('rules.memory-device-address-overlap.other') }],
          });
          break;
        }
      }
    }
  },
};

export const dimmAddressRule: Rule = {
  code: 'dimm-address',
  libvirt: 'qemuDomainDefValidateMemoryHotplugDevice, qemuCheckMemoryDimmConflict (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "memory device slot '%1$u' exceeds slots count '%2$u'",
    "memory device slot '%1$u' is already being used by another memory device",
    "memory device base '0x%1$llx' is already being used by another memory device",
  ],
  help: words('rules.help.dimm-address'),
  docsAnchor: 'memory-devices',
  check(domain, report) {
    const facts = memoryFacts(domain);
    if (!facts.max && !facts.slots) return;
    const slots = facts.slots?.value ?? 0;
    const bySlot = new Map<number, { from: number; to: number }>();
    const byBase = new Map<bigint, { from: number; to: number }>();
    for (const device of memoryDevices(domain)) {
      if (device.model !== 'dimm' && device.model !== 'nvdimm') continue;
      const address = domain.child(device.el, 'address');
      if (!address || domain.value(address, 'type') !== 'dimm') continue;
      const slotAttr = domain.attr(address, 'slot');
      const slot = slotAttr && decimalNumber(slotAttr.value);
      if (slotAttr && slot !== undefined) {
        if (slot >= slots) {
          report(slotAttr, words(slots === 1 ? 'rules.dimm-address.slot.one' : 'rules.dimm-address.slot.other', { slot, count: slots }));
          continue;
        }
        const first = bySlot.get(slot);
        if (first) {
          report(slotAttr, words('rules.dimm-address.slotTaken', { slot }), { related: [{ ...first, message: words('rules.dimm-address.firstSlot') }] });
          continue;
        }
        bySlot.set(slot, slotAttr);
      }
      const baseAttr = domain.attr(address, 'base');
      const base = baseAttr && unsignedLongLong(baseAttr.value);
      if (baseAttr && base !== undefined && base !== 0n) {
        const first = byBase.get(base);
        if (first) report(baseAttr, words('rules.dimm-address.baseTaken', { base: `0x${base.toString(16)}` }), { related: [{ ...first, message: words('rules.dimm-address.firstBase') }] });
        else byBase.set(base, baseAttr);
      }
    }
  },
};

export const memoryDeviceModelRule: Rule = {
  code: 'memory-device-model',
  libvirt: 'virDomainMemoryDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "path is required for model 'nvdimm'",
    "path is required for model '%1$s'",
    'discard is not supported for nvdimms',
    "discard is not supported for model '%1$s'",
    'shared access mode required for virtio-pmem device',
    'label size is required for NVDIMM device',
    'nvdimm label must be at least 128KiB',
    'label size must be smaller than NVDIMM size',
    'UUID is not supported for NVDIMM device',
    "memory device address is not supported for model '%1$s'",
  ],
  help: words('rules.help.memory-device-model'),
  docsAnchor: 'memory-devices',
  check(domain, report) {
    const ppc64 = isArchIn(effectiveArch(domain), 'ppc64');
    const arch = effectiveArch(domain);
    for (const device of memoryDevices(domain)) {
      const { el, model } = device;
      const name = domain.nameSpan(el);
      if (model === 'nvdimm' || model === 'virtio-pmem') {
        const source = domain.child(el, 'source');
        const path = source && domain.child(source, 'path');
        if (!path || domain.content(path).value.trim() === '') {
          report(source ? domain.nameSpan(source) : name, words('rules.memory-device-model.path', { model }));
          continue;
        }
        const discard = domain.attr(el, 'discard');
        if (discard && discard.value.trim() === 'yes') {
          report(discard, words('rules.memory-device-model.discard', { model }));
          continue;
        }
      }
      if (model === 'nvdimm') {
        const label = device.target && domain.child(device.target, 'label');
        const labelSize = elementKiB(domain, label && domain.child(label, 'size'));
        if (labelSize && labelSize.value > 0n && labelSize.value < 128n) {
          report(labelSize.span, words('rules.memory-device-model.labelMin', { label: formatKiB(labelSize.value) }));
          continue;
        }
        if (labelSize && device.size && labelSize.value >= device.size.value) {
          report(labelSize.span, words('rules.memory-device-model.labelSize', { label: formatKiB(labelSize.value), size: formatKiB(device.size.value) }));
          continue;
        }
      }
      if (model === 'virtio-pmem') {
        const access = domain.attr(el, 'access');
        if (!access || access.value.trim() !== 'shared') report(access ?? name, words('rules.memory-device-model.access'));
      } else if (model === 'nvdimm' && arch !== undefined) {
        const target = device.target;
        const label = target && domain.child(target, 'label');
        const labelSize = label && domain.child(label, 'size');
        const uuid = domain.child(el, 'uuid');
        if (ppc64 && !labelSize) report(target ? domain.nameSpan(target) : name, words('rules.memory-device-model.label'));
        else if (!ppc64 && uuid) report(domain.nameSpan(uuid), words('rules.memory-device-model.uuid'));
      } else if (model === 'sgx-epc') {
        const address = domain.child(el, 'address');
        if (address) report(domain.nameSpan(address), words('rules.memory-device-model.sgx'));
      }
    }
  },
};
