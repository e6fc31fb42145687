/**
 * One controller per type and index: libvirt refuses two controllers of the same type with the
 * same index (virDomainDefRejectDuplicateControllers, src/conf/domain_postparse.c); USB is the
 * exception, as a USB2 controller and its companions share an index.
 */
import { Rule } from '../rule';
import { Controller, controllersOf } from './controllers';

export const controllerDuplicateIndexRule: Rule = {
  code: 'controller-duplicate-index',
  libvirt: 'virDomainDefRejectDuplicateControllers (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["Multiple '%1$s' controllers with index '%2$d'"],
  help:
    'Devices name the controller they hang on by its type and index (an `<address controller=...>` or `bus=...`), so each index of a controller type ' +
    'must be used once. USB controllers are the exception: a USB2 controller and its companion controllers share one index. Give the second controller a free index.',
  docsAnchor: 'controllers',
  check(domain, report) {
    const first = new Map<string, Controller>();
    for (const controller of controllersOf(domain)) {
      if (controller.type === 'usb' || controller.type === '') continue;
      const key = `${controller.type}\u0000${controller.index}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, controller);
        continue;
      }
      report(controller.indexAttr ?? domain.nameSpan(controller.el), `A second \`<controller type='${controller.type}'>\` with index '${controller.index}'`, {
        related: [{ ...(earlier.indexAttr ?? domain.nameSpan(earlier.el)), message: `The first \`<controller type='${controller.type}'>\` with index '${controller.index}'` }],
      });
    }
  },
};
