/**
 * spapr-vio addresses on pSeries: libvirt gives each VIO device (spapr-vlan interfaces, ibmvscsi
 * controllers, spapr-vio serials, the NVRAM, the TPM) a `reg`, skipping the ones in use, but a
 * `reg` written in the document must be free (qemuDomainAssignSpaprVIOAddress,
 * src/qemu/qemu_domain_address.c). Two devices written with the same `reg` are refused.
 */
import { words } from '../../messages/words';
import { AttrValue, El, MAX_NUMBER_TEXT } from '../domain';
import { Rule } from '../rule';
import { devicesWithAddress } from '../addresses';

/** A reg as virDomainDeviceSpaprVioAddressParseXML reads it: hexadecimal, with or without 0x. */
function regValue(value: string): bigint | undefined {
  const trimmed = value.trim().replace(/^0[xX]/, '');
  return trimmed.length <= MAX_NUMBER_TEXT && /^[0-9a-fA-F]+$/.test(trimmed) ? BigInt(`0x${trimmed}`) : undefined;
}

/** The devices qemuDomainAssignSpaprVIOAddresses places (the others with a reg still count as taken). */
const PLACED = new Set(['interface', 'controller', 'serial', 'nvram', 'tpm']);

export const spaprVioAddressClashRule: Rule = {
  code: 'spapr-vio-address-clash',
  libvirt: 'qemuDomainAssignSpaprVIOAddress (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['address'],
  libvirtMessages: ['spapr-vio address %1$#llx already in use'],
  help: words('rules.help.spapr-vio-address-clash'),
  docsAnchor: 'device-addresses',
  check(domain, report) {
    const first = new Map<bigint, { el: El; reg: AttrValue }>();
    const seen: { el: El; reg: AttrValue; value: bigint }[] = [];
    for (const { el, address } of devicesWithAddress(domain, 'spapr-vio')) {
      if (el.element.name === 'console') continue;
      const reg = address.fields.get('reg')?.attr;
      const value = reg && regValue(reg.value);
      if (!reg || value === undefined) continue;
      seen.push({ el, reg, value });
    }
    for (const device of seen) {
      const earlier = first.get(device.value);
      if (!earlier) {
        first.set(device.value, device);
        continue;
      }
      if (!PLACED.has(device.el.element.name) && !PLACED.has(earlier.el.element.name)) continue;
      const hex = `0x${device.value.toString(16)}`;
      const name = earlier.el.element.name;
      report(device.reg, words('rules.spapr-vio-address-clash.taken', { address: hex, name }), {
        related: [{ ...earlier.reg, message: words('rules.spapr-vio-address-clash.first', { address: hex, name }) }],
      });
    }
  },
};
