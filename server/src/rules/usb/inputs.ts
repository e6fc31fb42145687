/**
 * Input devices on a bus that cannot carry them. libvirt's generic validation
 * (virDomainInputDefValidate, src/conf/domain_validate.c) knows which input types each bus takes
 * on a fully virtualized guest; the QEMU driver (qemuValidateDomainDeviceDefInput,
 * src/qemu/qemu_validate.c) refuses PS/2 inputs when `<features><ps2 state='off'/>` removes the
 * PS/2 controller, and the virtio-transitional / virtio-non-transitional models, which QEMU has
 * no input devices for. Only an explicit `bus` is judged: libvirt's default bus depends on the
 * arch and the input type.
 */
import { Domain, El } from '../domain';
import { Rule } from '../rule';

const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

function inputs(domain: Domain): El[] {
  return domain.devices.filter((device) => device.element.name === 'input');
}

export const inputPs2DisabledRule: Rule = {
  code: 'input-ps2-feature-off',
  libvirt: 'qemuValidateDomainDeviceDefInput (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['ps2 bus inputs require the ps2 feature not to be disabled'],
  help:
    "`<features><ps2 state='off'/>` removes the guest's PS/2 (i8042) controller, so `<input bus='ps2'>` devices have nothing to attach to. " +
    "Use `bus='usb'` or `bus='virtio'` for the mouse and keyboard, or turn the ps2 feature back on.",
  docsAnchor: 'input-devices',
  check(domain, report) {
    const ps2 = domain.first(['features', 'ps2']);
    const state = ps2 && domain.attr(ps2, 'state');
    if (state?.value.trim() !== 'off') return;
    for (const input of inputs(domain)) {
      const bus = domain.attr(input, 'bus');
      if (bus?.value.trim() === 'ps2') report(bus, "A PS/2 input while `<ps2 state='off'/>` disables the PS/2 controller", { related: [{ ...state, message: 'The PS/2 controller is turned off here' }] });
    }
  },
};

export const inputVirtioTransitionalRule: Rule = {
  code: 'input-virtio-transitional',
  libvirt: 'qemuValidateDomainDeviceDefInput (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['virtio (non-)transitional models are not supported for input type=%1$s'],
  help:
    'QEMU has no transitional or non-transitional variants of its virtio input devices, so libvirt refuses `model=\'virtio-transitional\'` and ' +
    "`model='virtio-non-transitional'` on an `<input>`. Use `model='virtio'` or leave `model` out.",
  docsAnchor: 'input-devices',
  check(domain, report) {
    for (const input of inputs(domain)) {
      if (domain.value(input, 'bus') !== 'virtio') continue;
      const model = domain.attr(input, 'model');
      const value = model?.value.trim();
      if (model && (value === 'virtio-transitional' || value === 'virtio-non-transitional')) {
        report(model, `The input model \`${value}\` is not available for \`<input type='${domain.value(input, 'type') ?? ''}'>\``, {
          fixes: [{ title: "Use model='virtio'", start: model.from, end: model.to, newText: 'virtio', safe: false }],
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
  libvirtMessages: [
    'ps2 bus does not support %1$s input device',
    'unsupported input bus %1$s',
    "only bus 'virtio' is supported for 'passthrough' input devices",
    "input evdev doesn't support bus element",
    "only bus 'virtio' is supported for input model '%1$s'",
  ],
  help:
    'Each input bus carries some input types only: PS/2 has a mouse and a keyboard (no tablet), the Xen bus is for Xen guests, a `passthrough` input is a ' +
    "virtio device, an `evdev` input takes no `bus` at all, and the `virtio*` models need `bus='virtio'`. Choose a bus that carries the device, or another type.",
  docsAnchor: 'input-devices',
  check(domain, report) {
    const hvm = domain.osType === 'hvm';
    for (const input of inputs(domain)) {
      const bus = domain.attr(input, 'bus');
      const busValue = bus?.value.trim();
      const type = domain.value(input, 'type');
      if (bus && hvm && busValue === 'ps2' && type !== undefined && type !== 'mouse' && type !== 'keyboard') {
        report(bus, `The PS/2 bus has no \`${type}\` device; it carries a mouse and a keyboard`);
      } else if (bus && hvm && busValue === 'xen') {
        report(bus, 'The Xen input bus is not available to a fully virtualized (`hvm`) guest');
      } else if (bus && type === 'passthrough' && busValue !== 'virtio') {
        report(bus, `A \`passthrough\` input is a virtio device; \`bus='${busValue}'\` cannot carry it`, {
          fixes: [{ title: "Use bus='virtio'", start: bus.from, end: bus.to, newText: 'virtio', safe: true }],
        });
      } else if (bus && type === 'evdev') {
        report(bus, 'An `evdev` input takes no `bus`');
      } else {
        const model = domain.value(input, 'model');
        if (bus && model !== undefined && VIRTIO_MODELS.has(model) && busValue !== 'virtio') {
          report(bus, `The input model \`${model}\` needs \`bus='virtio'\`, not \`bus='${busValue}'\``, {
            fixes: [{ title: "Use bus='virtio'", start: bus.from, end: bus.to, newText: 'virtio', safe: false }],
          });
        }
      }
    }
  },
};
