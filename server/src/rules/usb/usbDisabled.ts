/**
 * `<controller type='usb' model='none'>` turns USB off for the whole domain. libvirt's parser
 * (virDomainDefParseXML, src/conf/domain_conf.c, while it reads the controllers and then the
 * inputs) refuses any second USB controller beside it (a `none` one included) and any
 * `<input bus='usb'>`; its validation refuses a USB redirection (virDomainRedirdevDefValidate,
 * in src/conf/domain_validate.c), and the QEMU driver's USB address assignment refuses any other
 * USB device (qemuDomainUSBAddressAddHubs, src/qemu/qemu_domain_address.c).
 */
import { words } from '../../messages/words';
import machineData from '../../../../schemas/machines.json';
import { AttrValue, Domain, El } from '../domain';
import { effectiveArch, effectiveMachine } from '../machines';
import { RelatedSpan, Rule } from '../rule';
import { UsbController, usbTopology } from './usbTopology';

function noneRelated(domain: Domain, none: UsbController): RelatedSpan[] {
  const at = domain.attr(none.el, 'model') ?? domain.nameSpan(none.el);
  return [{ from: at.from, to: at.to, message: words('rules.usb-none-second-controller.disabledHere') }];
}

/**
 * No USB controller is written and libvirt adds none for this arch and machine
 * (qemuDomainDefAddDefaultDevices), so USB is off as with `model='none'`.
 */
function machineWithoutUsb(domain: Domain): boolean {
  const facts = machineData.noDefaultUsb;
  const arch = effectiveArch(domain);
  const machine = effectiveMachine(domain);
  if (arch === undefined || machine === undefined) return false;
  const listed = (facts.machinesOf as Record<string, string[]>)[arch];
  if (listed) return listed.includes(machine);
  if (!facts.arches.includes(arch)) return false;
  return !facts.exceptMachines.includes(machine) && !facts.exceptPrefixes.some((prefix) => machine.startsWith(prefix));
}

/** Why USB is off (virDomainDefHasUSB is false), as related spans; undefined when it is on or may be. */
function disabledBy(domain: Domain): RelatedSpan[] | undefined {
  const topology = usbTopology(domain);
  if (topology.otherControllers.length > 0) return undefined;
  const none = topology.noneControllers[0];
  if (none) return noneRelated(domain, none);
  if (!machineWithoutUsb(domain)) return undefined;
  const osType = domain.first(['os', 'type']);
  const at = (osType && (domain.attr(osType, 'machine') ?? domain.attr(osType, 'arch'))) ?? domain.nameSpan(domain.root);
  return [{ from: at.from, to: at.to, message: words('rules.usb-none-usb-devices.machineWithoutUsb') }];
}

export const usbNoneOtherControllerRule: Rule = {
  code: 'usb-none-second-controller',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['controller'],
  libvirtMessages: ["Can't add another USB controller: USB is disabled for this domain"],
  help: words('rules.help.usb-none-second-controller'),
  docsAnchor: 'controllers',
  check(domain, report) {
    let none: UsbController | undefined;
    let first: UsbController | undefined;
    for (const controller of usbTopology(domain).controllers) {
      const at = domain.attr(controller.el, 'model') ?? domain.nameSpan(controller.el);
      if (controller.model === 'none' && first) {
        const firstAt = domain.attr(first.el, 'model') ?? domain.nameSpan(first.el);
        const message = words(first.model === 'none' ? 'rules.usb-none-second-controller.secondNone' : 'rules.usb-none-second-controller.noneAfterOther');
        report(at, message, { related: [{ ...firstAt, message: words('rules.usb-none-second-controller.first') }] });
      } else if (controller.model !== 'none' && none) {
        report(at, words('rules.usb-none-second-controller.otherAfterNone'), { related: noneRelated(domain, none) });
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
  onlyWith: ['input'],
  libvirtMessages: ["Can't add USB input device. USB bus is disabled"],
  help: words('rules.help.usb-none-usb-input'),
  docsAnchor: 'input-devices',
  check(domain, report) {
    const none = usbTopology(domain).noneControllers[0];
    if (!none) return;
    for (const input of domain.devicesNamed('input')) {
      const bus = domain.attr(input, 'bus');
      if (bus?.value.trim() === 'usb') report(bus, words('rules.usb-none-usb-input.input'), { related: noneRelated(domain, none) });
    }
  },
};

export const usbNoneRedirdevRule: Rule = {
  code: 'usb-none-redirdev',
  libvirt: 'virDomainRedirdevDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['redirdev'],
  libvirtMessages: ['cannot add redirected USB device: USB is disabled for this domain'],
  help: words('rules.help.usb-none-redirdev'),
  docsAnchor: 'redirected-devices',
  check(domain, report) {
    const related = disabledBy(domain);
    if (!related) return;
    for (const redirdev of domain.devicesNamed('redirdev')) {
      const bus = domain.attr(redirdev, 'bus');
      if (!bus || bus.value.trim() === 'usb') report(bus ?? domain.nameSpan(redirdev), words('rules.usb-none-redirdev.redirdev'), { related });
    }
  },
};

/** The devices libvirt plugs into a USB port (virDomainUSBDeviceDefForeach), redirections aside. */
function isUsbDevice(domain: Domain, device: El): boolean {
  switch (device.element.name) {
    case 'hub':
      return domain.value(device, 'type') === 'usb';
    case 'hostdev':
      return domain.value(device, 'mode') !== 'capabilities' && domain.value(device, 'type') === 'usb';
    case 'disk': {
      const target = domain.child(device, 'target');
      return target !== undefined && domain.value(target, 'bus') === 'usb';
    }
    case 'controller':
      return domain.value(device, 'type') === 'ccid';
    case 'input':
      return domain.value(device, 'bus') === 'usb';
    case 'serial': {
      const target = domain.child(device, 'target');
      return target !== undefined && domain.value(target, 'type') === 'usb-serial';
    }
    case 'sound':
      return domain.value(device, 'model') === 'usb';
    default:
      return false;
  }
}

export const usbNoneAddressRule: Rule = {
  code: 'usb-none-usb-devices',
  libvirt: 'qemuDomainUSBAddressAddHubs, from qemuDomainAssignUSBAddresses (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['USB is disabled for this domain, but USB devices are present in the domain XML'],
  help: words('rules.help.usb-none-usb-devices'),
  docsAnchor: 'controllers',
  check(domain, report) {
    const related = disabledBy(domain);
    if (!related) return;
    const explicitNone = usbTopology(domain).noneControllers.length > 0;
    for (const device of domain.devices) {
      // With model='none' written, an <input bus='usb'> is refused earlier (usb-none-usb-input); a <redirdev> has its own rule.
      if ((explicitNone && device.element.name === 'input') || device.element.name === 'redirdev') continue;
      const address = domain.child(device, 'address');
      const type = address && domain.attr(address, 'type');
      const usbAddress = type?.value.trim() === 'usb';
      if (!usbAddress && !(isUsbDevice(domain, device) && !type)) continue;
      report(usbAddress ? (type as AttrValue) : domain.nameSpan(device), words('rules.usb-none-usb-devices.device', { element: device.element.name }), { related });
    }
  },
};

export const usbNoMasterRule: Rule = {
  code: 'usb-companion-without-master',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['controller'],
  libvirtMessages: ['No master USB controller specified'],
  help: words('rules.help.usb-companion-without-master'),
  docsAnchor: 'controllers',
  check(domain, report) {
    const { otherControllers } = usbTopology(domain);
    if (otherControllers.length === 0 || otherControllers.some((c) => !c.companion)) return;
    const master = domain.child(otherControllers[0].el, 'master');
    if (master) report(domain.nameSpan(master), words('rules.usb-companion-without-master.allCompanions'));
  },
};
