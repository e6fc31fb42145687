/**
 * The virtio `<driver>` options on a device that is not virtio. Mirrors
 * virDomainCheckVirtioOptionsAreAbsent (src/conf/domain_validate.c), called for video adapters
 * (virDomainVideoDefValidate), interfaces (virDomainNetDefValidate) and vsock
 * (virDomainVsockDefValidate): `iommu`, `ats`, `packed` and `page_per_vq` configure a virtio
 * device. Only a model the document writes is checked: an interface's default model may be virtio.
 */
import { El } from '../domain';
import { Rule, removeAttributeFix, removeTitle, withFix } from '../rule';

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
  help:
    "The `<driver>` attributes `iommu`, `ats`, `packed` and `page_per_vq` tune the virtio transport; a device that is not virtio " +
    '(a vga adapter, an e1000 interface ...) has none of them. Remove them, or use the virtio model.',
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
        if (attr) report(attr, `\`${option}\` is a virtio option, and this \`<${device.element.name}>\` is '${model}'`, withFix(removeAttributeFix(domain, driver, option, removeTitle(option))));
      }
    }
  },
};
