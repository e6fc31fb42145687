/**
 * Boot order, as virDomainDefBootOrderPostParse and virDomainDefCollectBootOrder
 * (src/conf/domain_postparse.c) check it for HVM guests: each device's `<boot order>` is a
 * different number, and per-device boot orders and `<os><boot dev>` are not mixed. (libvirt's
 * VMware driver does not check boot order; every other one does.)
 *
 * Where both are mixed there are two fixes, a real choice: remove the `<os><boot dev>` elements,
 * or turn them into per-device orders. The conversion keeps the per-device orders as they are,
 * first (whoever put a `<boot order>` on a device meant that device), and numbers after the
 * highest of them, in the order of the `<boot dev>` elements, every device of each kind that has
 * no `<boot>` yet, in document order: `hd` the disks with device='disk', `cdrom` and `fd` the
 * cdroms and floppies, `network` the interfaces. Every device of a kind, not only the first:
 * libvirt asks QEMU for a strict boot order, so a device without an order is never booted.
 */
import { Fix, TextEdit } from '../../finding';
import { Words, words } from '../../messages/words';
import { Quote } from '../../parser/nodes';
import { fixTitle } from '../rule';
import { Domain, El } from '../domain';
import { Rule, appendChildEdit, removeElementEdit } from '../rule';
import { deviceBoots } from './facts';

function checksBootOrder(domain: Domain): boolean {
  return domain.osType === 'hvm' && domain.virtType !== 'vmware';
}

export const bootOrderDuplicateRule: Rule = {
  code: 'boot-order-duplicate',
  libvirt: 'virDomainDefCollectBootOrder (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['boot'],
  libvirtMessages: ["boot order '%1$s' used for more than one device"],
  help: words('rules.help.boot-order-duplicate'),
  docsAnchor: 'bios-bootloader',
  check(domain, report) {
    if (!checksBootOrder(domain)) return;
    const seen = new Map<number, { from: number; to: number }>();
    for (const { order } of deviceBoots(domain)) {
      const trimmed = order.value.trim();
      if (!/^\d+$/.test(trimmed)) continue;
      const n = Number(trimmed);
      if (n === 0) continue;
      const first = seen.get(n);
      if (first) report(order, words('rules.boot-order-duplicate.taken', { order: n }), { related: [{ ...first, message: words('rules.boot-order-duplicate.first', { order: n }) }] });
      else seen.set(n, { from: order.from, to: order.to });
    }
  },
};

export const bootOrderMixedRule: Rule = {
  code: 'boot-order-with-os-boot',
  libvirt: 'virDomainDefBootOrderPostParse (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['boot'],
  libvirtMessages: ['per-device boot elements cannot be used together with os/boot elements'],
  help: words('rules.help.boot-order-with-os-boot'),
  docsAnchor: 'bios-bootloader',
  check(domain, report) {
    if (!checksBootOrder(domain)) return;
    const osBoots = domain.at(['os', 'boot']);
    if (osBoots.length === 0) return;
    const ordered = deviceBoots(domain).filter(({ order }) => /^\d+$/.test(order.value.trim()) && Number(order.value.trim()) !== 0);
    if (ordered.length === 0) return;
    // Only now: nearly every domain has <os><boot dev>, and few of them a device's boot order too.
    const related = osBoots.map((boot) => {
      const dev = domain.attr(boot, 'dev');
      return { ...(dev ?? domain.nameSpan(boot)), message: dev ? words('rules.boot-order-with-os-boot.osBootDev', { dev: dev.value.trim() }) : words('rules.boot-order-with-os-boot.osBoot') };
    });
    const fixes = mixedBootFixes(domain, osBoots, Math.max(...ordered.map(({ order }) => Number(order.value.trim()))));
    for (const { order } of ordered) report(order, words('rules.boot-order-with-os-boot.mixed'), { related, fixes });
  },
};

const MIXED_TITLES = {
  remove: words('rules.boot-order-with-os-boot.fix.remove'),
  convert: words('rules.boot-order-with-os-boot.fix.convert'),
};

/** The devices an `<os><boot dev>` value stands for, in document order. */
function devicesBootedAs(domain: Domain, dev: string): readonly El[] {
  if (dev === 'network') return domain.devicesNamed('interface');
  const device = dev === 'hd' ? 'disk' : dev === 'cdrom' ? 'cdrom' : dev === 'fd' ? 'floppy' : undefined;
  return device ? domain.devicesNamed('disk').filter((disk) => (domain.value(disk, 'device') ?? 'disk') === device) : [];
}

/** Removing the `<os><boot dev>` elements, and converting them into orders numbered after `highest`. */
function mixedBootFixes(domain: Domain, osBoots: readonly El[], highest: number): Fix[] {
  const removals = osBoots.map((boot) => removeElementEdit(domain, boot));
  const quote = osBoots[0].element.attributes.find((a) => a.name === 'dev')?.quote === Quote.Double ? '"' : "'";
  const additions: TextEdit[] = [];
  const kinds = new Set<string>();
  let next = highest + 1;
  for (const boot of osBoots) {
    const dev = domain.value(boot, 'dev');
    if (!dev || kinds.has(dev)) continue;
    kinds.add(dev);
    for (const device of devicesBootedAs(domain, dev)) {
      if (domain.child(device, 'boot')) continue;
      additions.push(appendChildEdit(domain, device, `<boot order=${quote}${next++}${quote}/>`));
    }
  }
  const fix = (title: Words, [main, ...also]: TextEdit[]): Fix => ({ ...fixTitle(title), ...main, ...(also.length > 0 ? { alsoEdits: also } : {}), safe: false });
  const remove = fix(MIXED_TITLES.remove, removals);
  return additions.length > 0 ? [remove, fix(MIXED_TITLES.convert, [...removals, ...additions])] : [remove];
}
