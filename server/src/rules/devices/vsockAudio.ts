/**
 * vsock and audio (the graphics rules themselves are the usb family's): virDomainVsockDefValidate,
 * guest CIDs 0-2 are reserved; qemuValidateDomainDeviceDefAudio, spice audio needs spice graphics.
 */
import { words } from '../../messages/words';
import { decimalNumber } from '../domain';
import { hasSpiceGraphics } from './chardevs';
import { Rule } from '../rule';

export const vsockCidRule: Rule = {
  code: 'vsock-cid',
  libvirt: 'virDomainVsockDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['vsock'],
  libvirtMessages: ['guest CIDs must be >= 3'],
  help: words('rules.help.vsock-cid'),
  docsAnchor: 'vsock',
  check(domain, report) {
    for (const vsock of domain.devicesNamed('vsock')) {
      const cid = domain.child(vsock, 'cid');
      const address = cid && domain.attr(cid, 'address');
      const value = decimalNumber(address?.value);
      if (address && value !== undefined && value > 0 && value <= 2) report(address, words('rules.vsock-cid.reserved', { cid: value }));
    }
  },
};

export const audioSpiceRule: Rule = {
  code: 'audio-spice-without-graphics',
  libvirt: 'qemuValidateDomainDeviceDefAudio (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['audio'],
  libvirtMessages: ['Spice audio is not supported without spice graphics'],
  help: words('rules.help.audio-spice-without-graphics'),
  docsAnchor: 'audio-backends',
  check(domain, report) {
    const audios = domain.devices.filter((device) => device.element.name === 'audio' && domain.value(device, 'type') === 'spice');
    if (audios.length === 0 || hasSpiceGraphics(domain)) return;
    for (const audio of audios) report(domain.attr(audio, 'type') ?? domain.nameSpan(audio), words('rules.audio-spice-without-graphics.noSpice'));
  },
};
