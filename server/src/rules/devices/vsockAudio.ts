/**
 * vsock and audio (the graphics rules themselves are the usb family's): virDomainVsockDefValidate,
 * guest CIDs 0-2 are reserved; qemuValidateDomainDeviceDefAudio, spice audio needs spice graphics.
 */
import { decimalNumber } from '../domain';
import { hasSpiceGraphics } from './chardevs';
import { Rule } from '../rule';

export const vsockCidRule: Rule = {
  code: 'vsock-cid',
  libvirt: 'virDomainVsockDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['guest CIDs must be >= 3'],
  help: "vsock context IDs 0, 1 and 2 are reserved (hypervisor, local, host): a guest's `<cid address>` is 3 or more, or auto='yes'.",
  docsAnchor: 'vsock',
  check(domain, report) {
    for (const vsock of domain.devicesNamed('vsock')) {
      const cid = domain.child(vsock, 'cid');
      const address = cid && domain.attr(cid, 'address');
      const value = decimalNumber(address?.value);
      if (address && value !== undefined && value > 0 && value <= 2) report(address, `The guest CID ${value} is reserved`);
    }
  },
};

export const audioSpiceRule: Rule = {
  code: 'audio-spice-without-graphics',
  libvirt: 'qemuValidateDomainDeviceDefAudio (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Spice audio is not supported without spice graphics'],
  help: "`<audio type='spice'>` sends the guest's sound over a SPICE display: the domain needs `<graphics type='spice'>`, or another audio backend.",
  docsAnchor: 'audio-backends',
  check(domain, report) {
    const audios = domain.devices.filter((device) => device.element.name === 'audio' && domain.value(device, 'type') === 'spice');
    if (audios.length === 0 || hasSpiceGraphics(domain)) return;
    for (const audio of audios) report(domain.attr(audio, 'type') ?? domain.nameSpan(audio), "A spice audio backend needs `<graphics type='spice'>`, and the domain has none");
  },
};
