/**
 * CCW device numbers on s390-ccw machines: every device with a complete
 * `<address type='ccw' cssid ssid devno>` reserves that devno, and a second device on it is
 * refused (virDomainCCWAddressAssign, src/conf/domain_addr.c, from
 * qemuDomainAssignS390Addresses, src/qemu/qemu_domain_address.c).
 */
import { words } from '../../messages/words';
import { Span } from '../domain';
import { domainMachineFamily } from '../machines';
import { Rule } from '../rule';
import { devicesWithAddress } from '../addresses';

export const ccwAddressDoubleUseRule: Rule = {
  code: 'ccw-address-double-use',
  libvirt: 'virDomainCCWAddressAssign (src/conf/domain_addr.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['address'],
  libvirtMessages: ["The CCW devno '%1$s' is in use already"],
  help: words('rules.help.ccw-address-double-use'),
  docsAnchor: 'device-addresses',
  check(domain, report) {
    if (domainMachineFamily(domain) !== 's390ccw') return;
    const taken = new Map<string, { span: Span; name: string }>();
    for (const { el, address } of devicesWithAddress(domain, 'ccw')) {
      if (el.element.name === 'console') continue;
      const cssid = address.fields.get('cssid')?.value;
      const ssid = address.fields.get('ssid')?.value;
      const devno = address.fields.get('devno')?.value;
      if (cssid === undefined || ssid === undefined || devno === undefined) continue;
      const text = `${cssid.toString(16)}.${ssid.toString(16)}.${devno.toString(16).padStart(4, '0')}`;
      const first = taken.get(text);
      if (first) {
        report(address.fields.get('devno')?.attr ?? address.span, words('rules.ccw-address-double-use.taken', { devno: text, name: first.name }), {
          related: [{ ...first.span, message: words('rules.ccw-address-double-use.first', { devno: text, name: first.name }) }],
        });
        continue;
      }
      taken.set(text, { span: address.fields.get('devno')?.attr ?? address.span, name: el.element.name });
    }
  },
};
