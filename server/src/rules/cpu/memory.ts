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
import { words } from '../../messages/words';
import { isArchIn, effectiveArch } from '../machines';
import { Domain } from '../domain';
import { Rule, replaceFix } from '../rule';
import { MemoryDevice, formatKiB, memoryDevices, memoryFacts, numaFacts, unitScale } from './facts';
import { titled } from '../rule';

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
  help: words('rules.help.memory-size'),
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
      report(totalSpan ?? domain.nameSpan(devices[0].el), words('rules.memory-size.devices', { devices: formatKiB(hotplug), memory: formatKiB(total) }));
      return;
    }
    if (total - hotplug === 0n) {
      // An explicit `<memory>0</memory>` is only asserted for QEMU: libvirt's own test documents
      // give OpenVZ containers a size of 0, whose real size comes from the container's config.
      if (facts.memory && !domain.isQemu) return;
      if (totalSpan) report(totalSpan, words(devices.length > 0 ? 'rules.memory-size.noneLeft' : 'rules.memory-size.zero'));
      // A document without the `<os>` the schema requires is still being written (or is only a
      // fragment): the missing size is said once the rest of the domain is there.
      else if (domain.child(domain.root, 'os')) report(domain.nameSpan(domain.root), words('rules.memory-size.none'));
      return;
    }
    if ((!facts.max || facts.max.value === 0n) && facts.slots && facts.slots.value > 0) {
      report(facts.slots.span, words('rules.memory-size.slots'));
      return;
    }
    if (facts.max && facts.max.value > 0n && facts.max.value < total) {
      const related = totalSpan ? { related: [{ ...totalSpan, message: words('rules.memory-size.size') }] } : undefined;
      report(facts.max.span, words('rules.memory-size.max', { max: formatKiB(facts.max.value), total: formatKiB(total) }), related);
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
  help: words('rules.help.memory-hotplug'),
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    const facts = memoryFacts(domain);
    const devices = memoryDevices(domain).filter((d) => d.model !== 'sgx-epc');
    const hotplugEnabled = (facts.max && facts.max.value > 0n) || (facts.slots && facts.slots.value > 0);
    if (!hotplugEnabled) {
      if (devices.length > 0) report(domain.nameSpan(devices[0].el), words('rules.memory-hotplug.noMax'));
      return;
    }
    const { cells } = numaFacts(domain);
    const arch = effectiveArch(domain);
    const maxSpan = facts.maxEl ? domain.nameSpan(facts.maxEl) : facts.slots!.span;
    if (cells.length === 0 && arch !== undefined && !isArchIn(arch, 'ppc64')) {
      report(maxSpan, words('rules.memory-hotplug.noNuma'));
      return;
    }
    const slotted = devices.filter((d) => d.model !== undefined && SLOT_MODELS.has(d.model));
    const slots = facts.slots?.value ?? 0;
    if (slotted.length > slots) {
      const count = slotted.length;
      report(
        facts.slots?.span ?? maxSpan,
        words('rules.memory-hotplug.slots', {
          devices: words(count === 1 ? 'rules.memory-hotplug.devices.one' : 'rules.memory-hotplug.devices.other', { count }),
          slots: words(slots === 1 ? 'rules.memory-hotplug.slots.one' : 'rules.memory-hotplug.slots.other', { count: slots }),
        }),
      );
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
      report(facts.max.span, words('rules.memory-hotplug.space', { devices: formatKiB(hotplug), space: formatKiB(space < 0n ? 0n : space), initial: formatKiB(initial) }));
    }
  },
};

export const currentMemoryLoweredRule: Rule = {
  code: 'current-memory-lowered',
  libvirt: 'virDomainDefPostParseMemory (src/conf/domain_postparse.c)',
  stage: 'accepted',
  driver: 'any',
  libvirtMessages: [],
  help: words('rules.help.current-memory-lowered'),
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    const facts = memoryFacts(domain);
    const total = defineTotal(domain);
    if (total !== undefined && total > 0n && facts.current && facts.current.value > total) {
      const el = domain.child(domain.root, 'currentMemory');
      const unit = el && domain.value(el, 'unit');
      const inKiB = unit === undefined || unitScale(unit, 1024n) === 1024n;
      const fixes = inKiB ? { fixes: [titled(replaceFix(facts.current.span, String(total), ''), words('rules.current-memory-lowered.fix.set', { total: formatKiB(total) }))] } : undefined;
      report(facts.current.span, words('rules.current-memory-lowered.lowered', { current: formatKiB(facts.current.value), total: formatKiB(total) }), fixes);
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
  onlyWith: ['cell'],
  libvirtMessages: [],
  help: words('rules.help.memory-numa-total'),
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    const facts = memoryFacts(domain);
    const total = defineTotal(domain);
    if (numaFacts(domain).cells.length === 0 || total === undefined || !facts.memory || facts.memory.value === total) return;
    const devices = memoryDevices(domain).length > 0;
    const sizes = { memory: formatKiB(facts.memory.value), total: formatKiB(total) };
    report(facts.memory.span, words(devices ? 'rules.memory-numa-total.cellsAndDevices' : 'rules.memory-numa-total.cells', sizes));
  },
};

export const minGuaranteeRule: Rule = {
  code: 'memtune-min-guarantee',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['min_guarantee'],
  libvirtMessages: ["Parameter 'min_guarantee' not supported by QEMU."],
  help: words('rules.help.memtune-min-guarantee'),
  docsAnchor: 'memory-tuning',
  check(domain, report) {
    const memtune = domain.child(domain.root, 'memtune');
    const min = memtune && domain.child(memtune, 'min_guarantee');
    if (min) report(domain.nameSpan(min), words('rules.memtune-min-guarantee.qemu'));
  },
};
