/**
 * Watchdogs. Mirrors qemuValidateDomainWatchdogDef and qemuValidateDomainDefWatchdogs
 * (src/qemu/qemu_validate.c): ib700 exists on i440fx machines only and itco on Q35 only, diag288
 * on s390 only; those three take no address and i6300esb only a PCI one; all watchdogs share one
 * action; only i6300esb may appear more than once.
 */
import { addressOf } from '../addresses';
import { Span } from '../domain';
import { domainMachineFamily, effectiveArch, effectiveMachine, isArchIn } from '../machines';
import { Rule } from '../rule';

export const watchdogModelRule: Rule = {
  code: 'watchdog-model',
  libvirt: 'qemuValidateDomainWatchdogDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    '%1$s model of watchdog cannot be used with this machine type',
    '%1$s model of watchdog is allowed for s390 and s390x only',
    '%1$s model of watchdog is only part of q35 machine',
    '%1$s model of watchdog can go only on PCI bus',
    '%1$s model of watchdog does not support configuring the address',
    '%1$s model of watchdog is virtual and cannot go on any bus.',
    '%1$s model of watchdog is part of the machine and cannot have any address set.',
  ],
  help:
    'Each watchdog model belongs to a platform: `ib700` is an ISA card of i440fx (pc) machines, `itco` is built into Q35, `diag288` is ' +
    "s390's, `i6300esb` is a PCI card. Only the i6300esb takes an `<address>` (a PCI one). Pick the model of your machine.",
  docsAnchor: 'watchdog-devices',
  check(domain, report) {
    const arch = effectiveArch(domain);
    const machineKnown = arch !== undefined && effectiveMachine(domain) !== undefined;
    const family = domainMachineFamily(domain);
    for (const watchdog of domain.devicesNamed('watchdog')) {
      const model = domain.attr(watchdog, 'model');
      const name = model?.value.trim();
      if (!model || !name) continue;
      if (name === 'ib700' && machineKnown && family !== 'i440fx') report(model, `The ib700 watchdog exists on i440fx (pc) machines only, not on '${effectiveMachine(domain)}'`);
      if (name === 'itco' && machineKnown && family !== 'q35') report(model, `The itco watchdog is part of Q35 machines only, not of '${effectiveMachine(domain)}'`);
      if (name === 'diag288' && arch && !isArchIn(arch, 's390')) report(model, `The diag288 watchdog exists on s390 only, not on '${arch}'`);
      const address = addressOf(domain, watchdog);
      if (!address) continue;
      if (name === 'i6300esb') {
        if (address.type !== undefined && address.type !== 'pci') report(domain.attr(address.el, 'type') ?? address.span, `The i6300esb watchdog is a PCI card, so its address cannot be of type '${address.type}'`);
      } else if (['ib700', 'itco', 'diag288'].includes(name)) {
        report(address.span, `The ${name} watchdog takes no \`<address>\``);
      }
    }
  },
};

export const watchdogSetRule: Rule = {
  code: 'watchdog-set',
  libvirt: 'qemuValidateDomainDefWatchdogs (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["domain can only have one watchdog with model '%1$s'", 'watchdogs with different actions are not supported with this QEMU binary'],
  help:
    'QEMU runs one watchdog of each model (i6300esb excepted, as PCI cards can repeat), and all watchdogs take the same `action` when they fire. ' +
    'Remove the duplicate, or give every watchdog the same action.',
  docsAnchor: 'watchdog-devices',
  check(domain, report) {
    const seen = new Map<string, Span>();
    let firstAction: { value: string; span: Span } | undefined;
    for (const watchdog of domain.devicesNamed('watchdog')) {
      const model = domain.attr(watchdog, 'model');
      const name = model?.value.trim();
      if (model && name && name !== 'i6300esb') {
        const first = seen.get(name);
        if (first) report(model, `A second '${name}' watchdog`, { related: [{ ...first, message: `The first '${name}' watchdog` }] });
        else seen.set(name, model);
      }
      const actionAttr = domain.attr(watchdog, 'action');
      const action = actionAttr?.value.trim() ?? 'reset';
      const span = actionAttr ?? domain.nameSpan(watchdog);
      if (!firstAction) firstAction = { value: action, span };
      else if (firstAction.value !== action) {
        report(span, `This watchdog's action is '${action}', the first one's '${firstAction.value}'`, { related: [{ ...firstAction.span, message: "The first watchdog's action" }] });
      }
    }
  },
};
