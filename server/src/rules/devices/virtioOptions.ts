/**
 * The virtio `<driver>` options on a device that is not virtio. Mirrors
 * virDomainCheckVirtioOptionsAreAbsent (src/conf/domain_validate.c), called for video adapters
 * (virDomainVideoDefValidate), interfaces (virDomainNetDefValidate) and vsock
 * (virDomainVsockDefValidate): `iommu`, `ats`, `packed` and `page_per_vq` configure a virtio
 * device. Only a model the document writes is checked: an interface's default model may be virtio.
 */
import { words } from '../../messages/words';
import { El } from '../domain';
import { Rule, removeAttributeFix, withFix } from '../rule';
import { removeAttributeTitle } from './fixTitles';

const OPTIONS = ['iommu', 'ats', 'packed', 'page_per_vq'];
const VIRTIO_NET = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

export const virtioOptionsRule: Rule = {
  code: 'virtio-options-non-virtio',
  libvirt: 'virDomainCheckVirtioOptionsAreAbsent (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    'iommu driver option is only supported for virtio devices',
    'ats driver option is only supported for virtio devices',
    'packed driver option is only supported for virtio devices',
    'page_per_vq option is only supported for virtio devices',
  ],
  help: words('rules.help.virtio-options-non-virtio'),
  docsAnchor: 'virtio-related-options',
  check(domain, report) {
    for (const device of domain.devices) {
      let model: string | undefined;
      let driver: El | undefined;
      if (device.element.name === 'video') {
        const modelEl = domain.child(device, 'model');
        model = domain.value(modelEl, 'type');
        driver = domain.child(device, 'driver');
        if (model === 'virtio') continue;
      } else if (device.element.name === 'interface') {
        model = domain.value(domain.child(device, 'model'), 'type');
        driver = domain.child(device, 'driver');
        if (model === undefined || VIRTIO_NET.has(model)) continue;
      } else continue;
      if (!driver || model === undefined) continue;
      for (const option of OPTIONS) {
        const attr = domain.attr(driver, option);
        if (!attr) continue;
        const fix = removeAttributeFix(domain, driver, option, removeAttributeTitle(option));
        report(attr, words('rules.virtio-options-non-virtio.option', { option, element: device.element.name, model }), withFix(fix));
      }
    }
  },
};
