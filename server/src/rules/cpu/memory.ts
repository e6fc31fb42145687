/**
 * The domain's memory sizes.
 * - virDomainDefPostParseMemory (src/conf/domain_postparse.c): there must be some initial memory
 *   (`<memory>` or NUMA cells), memory devices may not exceed `<memory>` when there are no
 *   cells, `slots` needs a `<maxMemory>`, and `<maxMemory>` may not be below the total. With
 *   guest NUMA cells `virsh define` (ABI update) takes the total as the cells plus the devices.
 * - qemuDomainDefValidateMemoryHotplug (src/qemu/qemu_domain.c): memory devices need a
 *   `<maxMemory>`; memory hotplug needs guest NUMA cells (except on ppc64); dimm/nvdimm
 *   devices need slots; the devices must fit between the initial memory and `<maxMemory>`.
 * - virDomainDefPostParseMemory again, where libvirt changes what was written (warnings): a
 *   `<currentMemory>` above the total is lowered to it; with NUMA cells `<memory>` becomes the
 *   cells plus the devices (memory-numa-total).
 * - qemuValidateDomainDef (src/qemu/qemu_validate.c): no `<memtune><min_guarantee>` with QEMU.
 */
import { isArchIn, effectiveArch } from '../machines';
import { Domain } from '../domain';
import { Rule, replaceFix } from '../rule';
import { MemoryDevice, formatKiB, memoryDevices, memoryFacts, numaFacts, unitScale } from './facts';

/** The sum of the cells' memory, or undefined when a cell's size is unreadable. */
function numaMemory(cells: ReturnType<typeof numaFacts>['cells']): bigint | undefined {
  let sum = 0n;
  for (const cell of cells) {
    if (cell.memory === undefined) return undefined;
    sum += cell.memory;
  }
  return sum;
}

/** The sum of the memory devices' sizes, or undefined when one is unreadable. */
function hotplugMemory(devices: readonly MemoryDevice[]): bigint | undefined {
  let sum = 0n;
  for (const device of devices) {
    if (!device.size) return undefined;
    sum += device.size.value;
  }
  return sum;
}

export const memorySizeRule: Rule = {
  code: 'memory-size',
  libvirt: 'virDomainDefPostParseMemory (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    'Memory size must be specified via <memory> or in the <numa> configuration',
    'Total size of memory devices exceeds the total memory size',
    'maximum memory size must be specified when specifying number of memory slots',
    'maximum memory size must be equal or greater than the actual memory size',
  ],
  help:
    "`<memory>` is the guest's total memory including the memory devices (`<devices><memory>`); with guest NUMA cells libvirt takes the cells' sizes plus the devices instead. " +
    'There must be some memory besides the devices, `<maxMemory>` (the hotplug limit) must be at least the total, and `slots` only makes sense on a `<maxMemory>`.',
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    const facts = memoryFacts(domain);
    const { cells } = numaFacts(domain);
    const devices = memoryDevices(domain);
    const hotplug = hotplugMemory(devices);
    const numa = cells.length > 0 ? numaMemory(cells) : 0n;
    if (hotplug === undefined || numa === undefined) return;
    if (facts.memoryEl && !facts.memory) return;
    let total = facts.memory?.value ?? 0n;
    const totalSpan = facts.memory?.span ?? (facts.memoryEl ? domain.nameSpan(facts.memoryEl) : undefined);
    if (numa > 0n) total = numa + hotplug;
    else if (hotplug > total) {
      report(totalSpan ?? domain.nameSpan(devices[0].el), `The memory devices add up to ${formatKiB(hotplug)}, more than the ${formatKiB(total)} of \`<memory>\``);
      return;
    }
    if (total - hotplug === 0n) {
      // An explicit `<memory>0</memory>` is only asserted for QEMU: libvirt's own test documents
      // give OpenVZ containers a size of 0, whose real size comes from the container's config.
      if (facts.memory && !domain.isQemu) return;
      if (totalSpan) report(totalSpan, devices.length > 0 ? 'No memory is left besides the memory devices' : 'The memory size is 0');
      // A document without the `<os>` the schema requires is still being written (or is only a
      // fragment): the missing size is said once the rest of the domain is there.
      else if (domain.child(domain.root, 'os')) report(domain.nameSpan(domain.root), 'The domain has no `<memory>` and no NUMA cells with memory');
      return;
    }
    if ((!facts.max || facts.max.value === 0n) && facts.slots && facts.slots.value > 0) {
      report(facts.slots.span, '`slots` is given without a maximum memory size in `<maxMemory>`');
      return;
    }
    if (facts.max && facts.max.value > 0n && facts.max.value < total) {
      report(facts.max.span, `\`<maxMemory>\` (${formatKiB(facts.max.value)}) is below the domain's ${formatKiB(total)} of memory`, totalSpan ? { related: [{ ...totalSpan, message: 'The memory size' }] } : undefined);
    }
  },
};

/** Memory device models that take a DIMM slot. */
const SLOT_MODELS = new Set(['dimm', 'nvdimm']);

export const memoryHotplugRule: Rule = {
  code: 'memory-hotplug',
  libvirt: 'qemuDomainDefValidateMemoryHotplug (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "cannot use/hotplug a memory device when domain 'maxMemory' is not defined",
    'At least one numa node has to be configured when enabling memory hotplug',
    "count of memory devices requiring memory slots '%1$zu' exceeds slots count '%2$u'",
    "memory device count '%1$u' exceeds slots count '%2$u'",
    'memory device total size exceeds hotplug space',
  ],
  help:
    '`<maxMemory>` turns on memory hotplug: QEMU then needs guest NUMA cells (`<cpu><numa>`, except on ppc64) to put the hotplugged memory in. ' +
    'Memory devices (`<devices><memory>`) need `<maxMemory>`; dimm and nvdimm devices each take one of its `slots`; and together the devices must fit between the initial memory and `<maxMemory>`.',
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    const facts = memoryFacts(domain);
    const devices = memoryDevices(domain).filter((d) => d.model !== 'sgx-epc');
    const hotplugEnabled = (facts.max && facts.max.value > 0n) || (facts.slots && facts.slots.value > 0);
    if (!hotplugEnabled) {
      if (devices.length > 0) report(domain.nameSpan(devices[0].el), 'A memory device needs memory hotplug, which `<maxMemory>` turns on');
      return;
    }
    const { cells } = numaFacts(domain);
    const arch = effectiveArch(domain);
    const maxSpan = facts.maxEl ? domain.nameSpan(facts.maxEl) : facts.slots!.span;
    if (cells.length === 0 && arch !== undefined && !isArchIn(arch, 'ppc64')) {
      report(maxSpan, 'Memory hotplug (`<maxMemory>`) needs at least one guest NUMA cell in `<cpu><numa>`');
      return;
    }
    const slotted = devices.filter((d) => d.model !== undefined && SLOT_MODELS.has(d.model));
    const slots = facts.slots?.value ?? 0;
    if (slotted.length > slots) {
      report(facts.slots?.span ?? maxSpan, `${slotted.length} dimm/nvdimm device${slotted.length === 1 ? '' : 's'} need more than the ${slots} memory slot${slots === 1 ? '' : 's'} of \`<maxMemory>\``);
      return;
    }
    const hotplug = hotplugMemory(devices);
    const numa = cells.length > 0 ? numaMemory(cells) : undefined;
    if (hotplug === undefined || !facts.max) return;
    // The initial memory: the cells when there are any, else <memory> less the devices.
    let initial: bigint | undefined;
    if (numa !== undefined && numa > 0n) initial = numa;
    else if (facts.memory) initial = facts.memory.value - hotplugMemory(memoryDevices(domain))!;
    if (initial === undefined || initial <= 0n) return;
    const space = facts.max.value - initial;
    if (hotplug > space) {
      report(facts.max.span, `The memory devices need ${formatKiB(hotplug)} but \`<maxMemory>\` leaves ${formatKiB(space < 0n ? 0n : space)} above the initial ${formatKiB(initial)}`);
    }
  },
};

export const currentMemoryLoweredRule: Rule = {
  code: 'current-memory-lowered',
  libvirt: 'virDomainDefPostParseMemory (src/conf/domain_postparse.c)',
  stage: 'accepted',
  driver: 'any',
  libvirtMessages: [],
  help:
    "`<currentMemory>` is the memory the guest has at boot once the balloon has taken its share: it cannot exceed the total memory " +
    "(`<memory>`, or with guest NUMA cells the cells plus the memory devices, as `virsh define` computes it). libvirt lowers a larger value to the total; write that value.",
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    const facts = memoryFacts(domain);
    const total = defineTotal(domain);
    if (total !== undefined && total > 0n && facts.current && facts.current.value > total) {
      const el = domain.child(domain.root, 'currentMemory');
      const unit = el && domain.value(el, 'unit');
      const inKiB = unit === undefined || unitScale(unit, 1024n) === 1024n;
      report(facts.current.span, `\`<currentMemory>\` (${formatKiB(facts.current.value)}) is above the ${formatKiB(total)} of memory: libvirt lowers it to that`, inKiB ? { fixes: [replaceFix(facts.current.span, String(total), `Set it to ${formatKiB(total)}`)] } : undefined);
    }
  },
};

/**
 * The total memory after `virsh define` (which allows ABI updates): the NUMA cells plus the
 * memory devices when there are cells, else `<memory>`.
 */
function defineTotal(domain: Domain): bigint | undefined {
  const facts = memoryFacts(domain);
  const { cells } = numaFacts(domain);
  const hotplug = hotplugMemory(memoryDevices(domain));
  if (hotplug === undefined) return undefined;
  const numa = cells.length > 0 ? numaMemory(cells) : undefined;
  if (cells.length > 0 && numa === undefined) return undefined;
  return numa !== undefined && numa > 0n ? numa + hotplug : facts.memory?.value;
}

export const memoryNumaTotalRule: Rule = {
  code: 'memory-numa-total',
  libvirt: 'virDomainDefPostParseMemory (src/conf/domain_postparse.c)',
  stage: 'accepted',
  driver: 'any',
  libvirtMessages: [],
  help:
    "With guest NUMA cells, `virsh define` replaces `<memory>` by the cells' sizes plus the memory devices. Write that total so the document says what the guest gets.",
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    const facts = memoryFacts(domain);
    const total = defineTotal(domain);
    if (numaFacts(domain).cells.length === 0 || total === undefined || !facts.memory || facts.memory.value === total) return;
    const devices = memoryDevices(domain).length > 0;
    report(facts.memory.span, `\`<memory>\` is ${formatKiB(facts.memory.value)} but the NUMA cells${devices ? ' and memory devices' : ''} add up to ${formatKiB(total)}, which libvirt keeps`);
  },
};

export const minGuaranteeRule: Rule = {
  code: 'memtune-min-guarantee',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["Parameter 'min_guarantee' not supported by QEMU."],
  help: "`<memtune><min_guarantee>` is a guarantee only some hypervisors (VMware ESX) can give; the QEMU driver refuses it. Remove it, or use `soft_limit`/`hard_limit`.",
  docsAnchor: 'memory-tuning',
  check(domain, report) {
    const memtune = domain.child(domain.root, 'memtune');
    const min = memtune && domain.child(memtune, 'min_guarantee');
    if (min) report(domain.nameSpan(min), '`min_guarantee` is not supported by QEMU');
  },
};
