/**
 * zPCI identifiers of PCI devices on s390: each `<address type='pci'><zpci uid fid/>` reserves its
 * uid and fid, which must differ from every other device's (virDomainZPCIAddressReserveId,
 * src/conf/domain_addr.c), and a uid is 1-0xffff (qemuValidateDomainDeviceDefZPCIAddress,
 * src/qemu/qemu_validate.c). Identifiers left out are picked by libvirt among the free ones.
 */
import { AttrValue, libvirtNumber } from '../domain';
import { isArchIn, effectiveArch } from '../machines';
import { Rule } from '../rule';
import { devicesWithAddress } from '../addresses';

export const zpciAddressRule: Rule = {
  code: 'zpci-address',
  libvirt: 'virDomainZPCIAddressReserveId (src/conf/domain_addr.c), qemuValidateDomainDeviceDefZPCIAddress (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['zPCI %1$s %2$o is already reserved', "Invalid PCI address uid='0x%1$.4x', must be > 0x0000 and <= 0x%2$.4x", "This QEMU binary doesn't support zPCI"],
  help:
    'On s390, a PCI device is also known to the guest by its zPCI user-defined identifier (`uid`, 0x0001-0xffff) and function identifier (`fid`). ' +
    'Each must be unique among the domain\'s PCI devices. Change the duplicate, or leave it out to let libvirt pick a free one. Other architectures have no zPCI: remove `<zpci>` there.',
  docsAnchor: 'device-addresses',
  check(domain, report) {
    const arch = effectiveArch(domain);
    // zPCI is an s390 device: no other QEMU system emulator has it.
    const foreign = arch !== undefined && !isArchIn(arch, 's390');
    const first = new Map<string, { attr: AttrValue; name: string }>();
    for (const { el, address } of devicesWithAddress(domain, 'pci')) {
      if (el.element.name === 'serial' || el.element.name === 'console' || el.element.name === 'channel' || el.element.name === 'parallel') continue;
      const zpci = domain.child(address.el, 'zpci');
      if (!zpci) continue;
      if (foreign) {
        report(domain.nameSpan(zpci), `\`<zpci>\` identifiers exist on s390 only, not on ${arch}`);
        continue;
      }
      for (const name of ['uid', 'fid'] as const) {
        const attr = domain.attr(zpci, name);
        const value = libvirtNumber(attr?.value);
        if (!attr || value === undefined) continue;
        if (name === 'uid' && value === 0) {
          report(attr, 'zPCI uid 0 is not valid: uids go from 0x0001 to 0xffff');
          continue;
        }
        const key = `${name}:${value}`;
        const earlier = first.get(key);
        const hex = `0x${value.toString(16)}`;
        if (!earlier) {
          first.set(key, { attr, name: el.element.name });
          continue;
        }
        report(attr, `zPCI ${name} ${hex} is already used by \`<${earlier.name}>\``, {
          related: [{ ...earlier.attr, message: `\`<${earlier.name}>\` has zPCI ${name} ${hex}` }],
        });
      }
    }
  },
};
