/**
 * The domain's controllers as libvirt numbers them: an explicit `index`, or for a controller
 * without one the lowest index its type does not use yet (virDomainAssignControllerIndexes,
 * src/conf/domain_conf.c), where a USB2 companion joins the index of the USB2 controller
 * written just before it. Computed once per document version.
 */
import { DeviceAddress, deviceAddresses } from '../addresses';
import { AttrValue, decimalNumber, Domain, El } from '../domain';

export interface Controller {
  el: El;
  /** `type`, trimmed ('' when absent). */
  type: string;
  /** `model`, trimmed, or undefined when absent. */
  model: string | undefined;
  /** The index libvirt uses (written or assigned). */
  index: number;
  /** The written `index` attribute; undefined when libvirt assigned the index. */
  indexAttr: AttrValue | undefined;
  address: DeviceAddress | undefined;
}

const USB2_MODELS = new Set(['ich9-ehci1', 'ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3']);

/** Every `<controller>` whose index libvirt can read, in document order. */
export function controllersOf(domain: Domain): readonly Controller[] {
  return domain.derived(computeControllers);
}

function computeControllers(domain: Domain): Controller[] {
  const found: Controller[] = [];
  const addresses = deviceAddresses(domain).of;
  const used = new Map<string, Set<number>>();
  for (const el of domain.devicesNamed('controller')) {
    const type = domain.value(el, 'type') ?? '';
    const model = domain.value(el, 'model') || undefined;
    const indexAttr = domain.attr(el, 'index');
    const controller: Controller = { el, type, model, index: -1, indexAttr, address: addresses.get(el.element) };
    if (indexAttr) {
      const index = decimalNumber(indexAttr.value);
      // An index libvirt cannot read is the schema's finding; the controller takes no part here.
      if (index === undefined) continue;
      controller.index = index;
      let set = used.get(type);
      if (!set) used.set(type, (set = new Set()));
      set.add(index);
    }
    found.push(controller);
  }
  let previousUsb: Controller | undefined;
  for (const controller of found) {
    if (controller.index === -1) {
      let set = used.get(controller.type);
      if (!set) used.set(controller.type, (set = new Set()));
      let index: number | undefined;
      if (controller.type === 'usb' && previousUsb && USB2_MODELS.has(controller.model ?? '') && USB2_MODELS.has(previousUsb.model ?? '')) {
        const candidate = previousUsb.index;
        const taken = found.some((other) => other !== controller && other.type === 'usb' && other.index === candidate && other.model === controller.model);
        if (!taken) index = candidate;
      }
      if (index === undefined) {
        index = 0;
        while (set.has(index)) index++;
      }
      controller.index = index;
      set.add(index);
    }
    if (controller.type === 'usb') previousUsb = controller;
  }
  return found;
}
