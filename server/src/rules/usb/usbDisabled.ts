/**
 * `<controller type='usb' model='none'>` turns USB off for the whole domain. libvirt's parser
 * (virDomainDefParseXML, src/conf/domain_conf.c, while it reads the controllers and then the
 * inputs) refuses any second USB controller beside it (a `none` one included) and any
 * `<input bus='usb'>`; its validation then refuses a USB redirection
 * (virDomainRedirdevDefValidate) and any other device with a USB address
 * (virDomainDefValidateInternal: virDomainDefHasUSB is false while a USB address is present),
 * all in src/conf/domain_validate.c.
 */
import { Domain } from '../domain';
import { RelatedSpan, Rule } from '../rule';
import { UsbController, usbTopology } from './usbTopology';

function noneRelated(domain: Domain, none: UsbController): RelatedSpan[] {
  const at = domain.attr(none.el, 'model') ?? domain.nameSpan(none.el);
  return [{ from: at.from, to: at.to, message: "USB is disabled here (`model='none'`)" }];
}

/** USB is off: a `none` controller and no other USB controller (virDomainDefHasUSB is false). */
function disabledBy(domain: Domain): UsbController | undefined {
  const topology = usbTopology(domain);
  return topology.otherControllers.length === 0 ? topology.noneControllers[0] : undefined;
}

export const usbNoneOtherControllerRule: Rule = {
  code: 'usb-none-second-controller',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["Can't add another USB controller: USB is disabled for this domain"],
  help:
    "`<controller type='usb' model='none'>` says the domain has no USB at all, so it must be the only USB controller. " +
    'libvirt refuses any other `<controller type=\'usb\'>` beside it. Remove the `none` controller to keep USB, or remove the other USB controllers.',
  docsAnchor: 'controllers',
  check(domain, report) {
    let none: UsbController | undefined;
    let first: UsbController | undefined;
    for (const controller of usbTopology(domain).controllers) {
      const at = domain.attr(controller.el, 'model') ?? domain.nameSpan(controller.el);
      if (controller.model === 'none' && first) {
        const firstAt = domain.attr(first.el, 'model') ?? domain.nameSpan(first.el);
        const message = first.model === 'none' ? "A second `<controller type='usb' model='none'>`" : "`model='none'` disables USB, but there is another USB controller";
        report(at, message, { related: [{ ...firstAt, message: 'The first USB controller' }] });
      } else if (controller.model !== 'none' && none) {
        report(at, "Another USB controller while `model='none'` disables USB", { related: noneRelated(domain, none) });
      }
      if (controller.model === 'none') none ??= controller;
      first ??= controller;
    }
  },
};

export const usbNoneInputRule: Rule = {
  code: 'usb-none-usb-input',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["Can't add USB input device. USB bus is disabled"],
  help:
    "With `<controller type='usb' model='none'>` the domain has no USB bus, so an `<input bus='usb'>` (a USB tablet, mouse or keyboard) has nowhere to plug in. " +
    "Use another bus (`virtio`, or `ps2` for a mouse or keyboard on x86), or give the domain a USB controller instead of `model='none'`.",
  docsAnchor: 'input-devices',
  check(domain, report) {
    const none = usbTopology(domain).noneControllers[0];
    if (!none) return;
    for (const input of domain.devices) {
      if (input.element.name !== 'input') continue;
      const bus = domain.attr(input, 'bus');
      if (bus?.value.trim() === 'usb') report(bus, "`<input bus='usb'>` while USB is disabled", { related: noneRelated(domain, none) });
    }
  },
};

export const usbNoneRedirdevRule: Rule = {
  code: 'usb-none-redirdev',
  libvirt: 'virDomainRedirdevDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['cannot add redirected USB device: USB is disabled for this domain'],
  help:
    "A `<redirdev bus='usb'>` forwards a client's USB device into the guest over a USB port; with `<controller type='usb' model='none'>` there is none. " +
    'Remove the redirection, or give the domain a USB controller.',
  docsAnchor: 'redirected-devices',
  check(domain, report) {
    const none = disabledBy(domain);
    if (!none) return;
    for (const redirdev of domain.devices) {
      if (redirdev.element.name !== 'redirdev') continue;
      const bus = domain.attr(redirdev, 'bus');
      if (!bus || bus.value.trim() === 'usb') report(bus ?? domain.nameSpan(redirdev), 'A USB redirection while USB is disabled', { related: noneRelated(domain, none) });
    }
  },
};

export const usbNoneAddressRule: Rule = {
  code: 'usb-none-usb-address',
  libvirt: 'virDomainDefValidateInternal (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['USB is disabled for this domain, but USB devices are present in the domain XML'],
  help:
    "With `<controller type='usb' model='none'>` there is no USB bus, so no device can have an `<address type='usb'>`. " +
    'Remove the USB devices (or their USB addresses), or give the domain a USB controller.',
  docsAnchor: 'controllers',
  check(domain, report) {
    const none = disabledBy(domain);
    if (!none) return;
    for (const device of domain.devices) {
      // An <input bus='usb'> is refused earlier, by usb-none-usb-input.
      if (device.element.name === 'input' && domain.value(device, 'bus') === 'usb') continue;
      if (device.element.name === 'redirdev') continue;
      const address = domain.child(device, 'address');
      const type = address && domain.attr(address, 'type');
      if (type?.value.trim() === 'usb') report(type, `A \`<${device.element.name}>\` with a USB address while USB is disabled`, { related: noneRelated(domain, none) });
    }
  },
};

export const usbNoMasterRule: Rule = {
  code: 'usb-companion-without-master',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['No master USB controller specified'],
  help:
    'A USB controller with a `<master startport>` child is a companion (such as ich9-uhci1..3, which add USB 1 ports to an ich9-ehci1): it serves ' +
    'the ports of another USB controller with the same `index`. libvirt refuses a domain whose USB controllers are all companions. ' +
    "Add the master controller (for ich9-uhci companions, `<controller type='usb' index='N' model='ich9-ehci1'>`), or drop `<master>`.",
  docsAnchor: 'controllers',
  check(domain, report) {
    const { otherControllers } = usbTopology(domain);
    if (otherControllers.length === 0 || otherControllers.some((c) => !c.companion)) return;
    const master = domain.child(otherControllers[0].el, 'master');
    if (master) report(domain.nameSpan(master), 'Every USB controller is a companion (`<master>`); none is the master they attach to');
  },
};
