/**
 * Boot order, as virDomainDefBootOrderPostParse and virDomainDefCollectBootOrder
 * (src/conf/domain_postparse.c) check it for HVM guests: each device's `<boot order>` is a
 * different number, and per-device boot orders and `<os><boot dev>` are not mixed. (libvirt's
 * VMware driver does not check boot order; every other one does.)
 */
import { Domain } from '../domain';
import { Rule } from '../rule';
import { deviceBoots } from './facts';

function checksBootOrder(domain: Domain): boolean {
  return domain.osType === 'hvm' && domain.virtType !== 'vmware';
}

export const bootOrderDuplicateRule: Rule = {
  code: 'boot-order-duplicate',
  libvirt: 'virDomainDefCollectBootOrder (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["boot order '%1$s' used for more than one device"],
  help:
    "`<boot order='N'/>` ranks the devices the firmware tries to boot from; each device needs its own number. libvirt refuses two devices with the " +
    'same order. Renumber them so that every boot order is unique.',
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
      if (first) report(order, `Boot order ${n} is already used by another device`, { related: [{ ...first, message: `The first device with boot order ${n}` }] });
      else seen.set(n, { from: order.from, to: order.to });
    }
  },
};

export const bootOrderMixedRule: Rule = {
  code: 'boot-order-with-os-boot',
  libvirt: 'virDomainDefBootOrderPostParse (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['per-device boot elements cannot be used together with os/boot elements'],
  help:
    "There are two ways to say what the guest boots from: `<os><boot dev='hd'/>` elements by device kind, or `<boot order='N'/>` inside the devices. " +
    'libvirt refuses a domain that uses both. Keep one: remove the `<os><boot>` elements, or the per-device `<boot order>`s.',
  docsAnchor: 'bios-bootloader',
  check(domain, report) {
    if (!checksBootOrder(domain)) return;
    const osBoots = domain.at(['os', 'boot']);
    if (osBoots.length === 0) return;
    const related = osBoots.map((boot) => {
      const dev = domain.attr(boot, 'dev');
      return { ...(dev ?? domain.nameSpan(boot)), message: dev ? `\`<os><boot dev='${dev.value.trim()}'>\`` : '`<os><boot>`' };
    });
    for (const { order } of deviceBoots(domain)) {
      const trimmed = order.value.trim();
      if (!/^\d+$/.test(trimmed) || Number(trimmed) === 0) continue;
      report(order, 'A per-device `<boot order>` cannot be used together with `<os><boot dev>`', { related });
    }
  },
};
