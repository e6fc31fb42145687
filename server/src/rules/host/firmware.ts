/**
 * Firmware auto-selection on the host: with `<os firmware='efi'|'bios'>`, libvirt picks a
 * firmware from the descriptors installed on the host that fits the machine type and every
 * `<loader>` attribute and `<firmware><feature>` the domain gives (qemuFirmwareFillDomain,
 * src/qemu/qemu_firmware.c), and refuses the domain when none fits. Domcapabilities list, for
 * the machine type, the firmware types it can pick (`<os><enum name='firmware'>`), the values
 * its firmware offers for the loader (`type`, `readonly`, `secure`) and the firmware features
 * (`secureBoot`, `enrolledKeys`). A loader without auto-selection is the user's own choice,
 * which libvirt does not match against the descriptors: it is left alone.
 */
import { words } from '../../messages/words';
import { HostRule } from './hostRule';
import { codeList } from './common';

const FIRMWARE_MESSAGES = ["Unable to find any firmware to satisfy '%1$s'"];

export const hostFirmwareRule: HostRule = {
  code: 'host-firmware-unavailable',
  libvirt: 'qemuFirmwareFillDomain (src/qemu/qemu_firmware.c)',
  stage: 'define',
  driver: 'qemu',
  needs: 'domainCapabilities',
  libvirtMessages: FIRMWARE_MESSAGES,
  help: words('host.help.host-firmware-unavailable'),
  docsAnchor: 'bios-bootloader',
  check(domain, host, report) {
    const os = domain.child(domain.root, 'os');
    const firmware = os && domain.attr(os, 'firmware');
    const caps = host.domainCapabilities;
    const value = firmware?.value.trim();
    if (!firmware || !value || !caps?.os) return;
    const offered = caps.os.enums.get('firmware');
    if (caps.os.supported !== false && (!offered || offered.includes(value))) return;
    const machine = domain.machine ?? caps.machine ?? '';
    report(
      firmware,
      offered && offered.length > 0
        ? words('host.firmware', { host: host.label, firmware: value, machine, offered: codeList(offered) })
        : words('host.firmware.none', { host: host.label, firmware: value, machine }),
    );
  },
};

/** `<firmware><feature name>` → the domcapabilities enum of `<firmwareFeatures>` that lists its values. */
const FEATURE_ENUMS = new Map([
  ['secure-boot', 'secureBoot'],
  ['enrolled-keys', 'enrolledKeys'],
]);

export const hostLoaderRule: HostRule = {
  code: 'host-loader-unavailable',
  libvirt: 'qemuFirmwareFillDomain (src/qemu/qemu_firmware.c)',
  stage: 'define',
  driver: 'qemu',
  needs: 'domainCapabilities',
  libvirtMessages: FIRMWARE_MESSAGES,
  help: words('host.help.host-loader-unavailable'),
  docsAnchor: 'bios-bootloader',
  check(domain, host, report) {
    const os = domain.child(domain.root, 'os');
    const caps = host.domainCapabilities;
    if (!os || !caps || !domain.value(os, 'firmware')) return;
    const machine = domain.machine ?? caps.machine ?? '';
    const loader = domain.child(os, 'loader');
    for (const attribute of loader && caps.loader?.supported !== false ? ['type', 'readonly', 'secure'] : []) {
      const attr = domain.attr(loader!, attribute);
      const value = attr?.value.trim();
      const offered = caps.loader?.enums.get(attribute);
      if (!attr || !value || !offered || offered.includes(value)) continue;
      report(attr, words('host.loader', { host: host.label, attribute, value, machine, offered: codeList(offered) }));
    }
    const features = domain.child(os, 'firmware');
    for (const feature of features ? domain.children(features, 'feature') : []) {
      const name = domain.value(feature, 'name') ?? '';
      const enabled = domain.attr(feature, 'enabled');
      const value = enabled?.value.trim();
      const enumName = FEATURE_ENUMS.get(name);
      const offered = enumName && caps.firmwareFeatures?.enums.get(enumName);
      if (!enabled || !value || !offered || offered.includes(value)) continue;
      report(enabled, words('host.firmwareFeature', { host: host.label, feature: name, value, machine }));
    }
  },
};
