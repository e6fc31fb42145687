/**
 * One controller per type and index: libvirt refuses two controllers of the same type with the
 * same index (virDomainDefRejectDuplicateControllers, src/conf/domain_postparse.c); USB is the
 * exception, as a USB2 controller and its companions share an index.
 */
import { words } from '../../messages/words';
import { Rule } from '../rule';
import { Controller, controllersOf } from './controllers';

export const controllerDuplicateIndexRule: Rule = {
  code: 'controller-duplicate-index',
  libvirt: 'virDomainDefRejectDuplicateControllers (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['controller'],
  libvirtMessages: ["Multiple '%1$s' controllers with index '%2$d'"],
  help: words('rules.help.controller-duplicate-index'),
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
      const params = { type: controller.type, index: controller.index };
      report(controller.indexAttr ?? domain.nameSpan(controller.el), words('rules.controller-duplicate-index.second', params), {
        related: [{ ...(earlier.indexAttr ?? domain.nameSpan(earlier.el)), message: words('rules.controller-duplicate-index.first', params) }],
      });
    }
  },
};
