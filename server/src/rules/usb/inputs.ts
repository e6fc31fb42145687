/**
 * Input devices on a bus that cannot carry them. libvirt's generic validation
 * (virDomainInputDefValidate, src/conf/domain_validate.c) knows which input types each bus takes
 * on a fully virtualized guest; the QEMU driver (qemuValidateDomainDeviceDefInput,
 * src/qemu/qemu_validate.c) refuses PS/2 inputs when `<features><ps2 state='off'/>` removes the
 * PS/2 controller, and the virtio-transitional / virtio-non-transitional models, which QEMU has
 * no input devices for. Only an explicit `bus` is judged: libvirt's default bus depends on the
 * arch and the input type.
 */
import { words } from '../../messages/words';
import { Domain, El } from '../domain';
import { Rule } from '../rule';
import { replaceFix } from '../rule';

const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

function inputs(domain: Domain): El[] {
  return domain.devices.filter((device) => device.element.name === 'input');
}

export const inputPs2DisabledRule: Rule = {
  code: 'input-ps2-feature-off',
  libvirt: 'qemuValidateDomainDeviceDefInput (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['input'],
  libvirtMessages: ['ps2 bus inputs require the ps2 feature not to be disabled'],
  help: words('rules.help.input-ps2-feature-off'),
  docsAnchor: 'input-devices',
  check(domain, report) {
    const ps2 = domain.first(['features', 'ps2']);
    const state = ps2 && domain.attr(ps2, 'state');
    if (state?.value.trim() !== 'off') return;
    for (const input of inputs(domain)) {
      const bus = domain.attr(input, 'bus');
      if (bus?.value.trim() === 'ps2') report(bus, words('rules.input-ps2-feature-off.ps2'), { related: [{ ...state, message: words('rules.input-ps2-feature-off.off') }] });
    }
  },
};

export const inputVirtioTransitionalRule: Rule = {
  code: 'input-virtio-transitional',
  libvirt: 'qemuValidateDomainDeviceDefInput (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['input'],
  libvirtMessages: ['virtio (non-)transitional models are not supported for input type=%1$s'],
  help: words('rules.help.input-virtio-transitional'),
  docsAnchor: 'input-devices',
  check(domain, report) {
    for (const input of inputs(domain)) {
      if (domain.value(input, 'bus') !== 'virtio') continue;
      const model = domain.attr(input, 'model');
      const value = model?.value.trim();
      if (model && (value === 'virtio-transitional' || value === 'virtio-non-transitional')) {
        report(model, words('rules.input-virtio-transitional.model', { model: value, type: domain.value(input, 'type') ?? '' }), {
          fixes: [replaceFix(model, 'virtio', words('rules.input-virtio-transitional.useVirtio'))],
        });
      }
    }
  },
};

export const inputBusRule: Rule = {
  code: 'input-bus-unsupported',
  libvirt: 'virDomainInputDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['input'],
  libvirtMessages: [
    'ps2 bus does not support %1$s input device',
    'unsupported input bus %1$s',
    "only bus 'virtio' is supported for 'passthrough' input devices",
    "input evdev doesn't support bus element",
    "only bus 'virtio' is supported for input model '%1$s'",
  ],
  help: words('rules.help.input-bus-unsupported'),
  docsAnchor: 'input-devices',
  check(domain, report) {
    const hvm = domain.osType === 'hvm';
    for (const input of inputs(domain)) {
      const bus = domain.attr(input, 'bus');
      const busValue = bus?.value.trim();
      const type = domain.value(input, 'type');
      if (bus && hvm && busValue === 'ps2' && type !== undefined && type !== 'mouse' && type !== 'keyboard') {
        report(bus, words('rules.input-bus-unsupported.ps2', { type }));
      } else if (bus && hvm && busValue === 'xen') {
        report(bus, words('rules.input-bus-unsupported.xen'));
      } else if (bus && type === 'passthrough' && busValue !== 'virtio') {
        report(bus, words('rules.input-bus-unsupported.passthrough', { bus: String(busValue) }), {
          fixes: [replaceFix(bus, 'virtio', words('rules.input-bus-unsupported.useVirtio'), true)],
        });
      } else if (bus && type === 'evdev') {
        report(bus, words('rules.input-bus-unsupported.evdev'));
      } else {
        const model = domain.value(input, 'model');
        if (bus && model !== undefined && VIRTIO_MODELS.has(model) && busValue !== 'virtio') {
          report(bus, words('rules.input-bus-unsupported.virtioModel', { model, bus: String(busValue) }), {
            fixes: [replaceFix(bus, 'virtio', words('rules.input-bus-unsupported.useVirtio'))],
          });
        }
      }
    }
  },
};
