/**
 * zPCI identifiers of PCI devices on s390: each `<address type='pci'><zpci uid fid/>` reserves its
 * uid and fid, which must differ from every other device's (virDomainZPCIAddressReserveId,
 * src/conf/domain_addr.c), and a uid is 1-0xffff (qemuValidateDomainDeviceDefZPCIAddress,
 * src/qemu/qemu_validate.c). Identifiers left out are picked by libvirt among the free ones.
 */
import { words } from '../../messages/words';
import { AttrValue, libvirtNumber } from '../domain';
import { isArchIn, effectiveArch } from '../machines';
import { Rule } from '../rule';
import { devicesWithAddress } from '../addresses';

export const zpciAddressRule: Rule = {
  code: 'zpci-address',
  libvirt: 'virDomainZPCIAddressReserveId (src/conf/domain_addr.c), qemuValidateDomainDeviceDefZPCIAddress (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['address'],
  libvirtMessages: ['zPCI %1$s %2$o is already reserved', "Invalid PCI address uid='0x%1$.4x', must be > 0x0000 and <= 0x%2$.4x", "This QEMU binary doesn't support zPCI"],
  help: words('rules.help.zpci-address'),
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
        report(domain.nameSpan(zpci), words('rules.zpci-address.arch', { arch }));
        continue;
      }
      for (const name of ['uid', 'fid'] as const) {
        const attr = domain.attr(zpci, name);
        const value = libvirtNumber(attr?.value);
        if (!attr || value === undefined) continue;
        if (name === 'uid' && value === 0) {
          report(attr, words('rules.zpci-address.uid0'));
          continue;
        }
        const key = `${name}:${value}`;
        const earlier = first.get(key);
        const hex = `0x${value.toString(16)}`;
        if (!earlier) {
          first.set(key, { attr, name: el.element.name });
          continue;
        }
        report(attr, words('rules.zpci-address.taken', { name, value: hex, device: earlier.name }), {
          related: [{ ...earlier.attr, message: words('rules.zpci-address.first', { name, value: hex, device: earlier.name }) }],
        });
      }
    }
  },
};
