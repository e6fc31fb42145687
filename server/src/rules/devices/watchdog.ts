/**
 * Watchdogs. Mirrors qemuValidateDomainWatchdogDef and qemuValidateDomainDefWatchdogs
 * (src/qemu/qemu_validate.c): ib700 exists on i440fx machines only and itco on Q35 only, diag288
 * on s390 only; those three take no address and i6300esb only a PCI one; all watchdogs share one
 * action; only i6300esb may appear more than once.
 */
import { words } from '../../messages/words';
import { addressOf } from '../addresses';
import { Span } from '../domain';
import { domainMachineFamily, effectiveArch, effectiveMachine, isArchIn } from '../machines';
import { Rule } from '../rule';

export const watchdogModelRule: Rule = {
  code: 'watchdog-model',
  libvirt: 'qemuValidateDomainWatchdogDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['watchdog'],
  libvirtMessages: [
    '%1$s model of watchdog cannot be used with this machine type',
    '%1$s model of watchdog is allowed for s390 and s390x only',
    '%1$s model of watchdog is only part of q35 machine',
    '%1$s model of watchdog can go only on PCI bus',
    '%1$s model of watchdog does not support configuring the address',
    '%1$s model of watchdog is virtual and cannot go on any bus.',
    '%1$s model of watchdog is part of the machine and cannot have any address set.',
  ],
  help: words('rules.help.watchdog-model'),
  docsAnchor: 'watchdog-devices',
  check(domain, report) {
    const arch = effectiveArch(domain);
    const machine = effectiveMachine(domain) ?? '';
    const machineKnown = arch !== undefined && machine !== '';
    const family = domainMachineFamily(domain);
    for (const watchdog of domain.devicesNamed('watchdog')) {
      const model = domain.attr(watchdog, 'model');
      const name = model?.value.trim();
      if (!model || !name) continue;
      if (name === 'ib700' && machineKnown && family !== 'i440fx') report(model, words('rules.watchdog-model.ib700', { machine }));
      if (name === 'itco' && machineKnown && family !== 'q35') report(model, words('rules.watchdog-model.itco', { machine }));
      if (name === 'diag288' && arch && !isArchIn(arch, 's390')) report(model, words('rules.watchdog-model.diag288', { arch }));
      const address = addressOf(domain, watchdog);
      if (!address) continue;
      if (name === 'i6300esb') {
        if (address.type !== undefined && address.type !== 'pci') report(domain.attr(address.el, 'type') ?? address.span, words('rules.watchdog-model.pci', { type: address.type }));
      } else if (['ib700', 'itco', 'diag288'].includes(name)) {
        report(address.span, words('rules.watchdog-model.noAddress', { model: name }));
      }
    }
  },
};

export const watchdogSetRule: Rule = {
  code: 'watchdog-set',
  libvirt: 'qemuValidateDomainDefWatchdogs (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['watchdog'],
  libvirtMessages: ["domain can only have one watchdog with model '%1$s'", 'watchdogs with different actions are not supported with this QEMU binary'],
  help: words('rules.help.watchdog-set'),
  docsAnchor: 'watchdog-devices',
  check(domain, report) {
    const seen = new Map<string, Span>();
    let firstAction: { value: string; span: Span } | undefined;
    for (const watchdog of domain.devicesNamed('watchdog')) {
      const model = domain.attr(watchdog, 'model');
      const name = model?.value.trim();
      if (model && name && name !== 'i6300esb') {
        const first = seen.get(name);
        if (first) report(model, words('rules.watchdog-set.second', { model: name }), { related: [{ ...first, message: words('rules.watchdog-set.first', { model: name }) }] });
        else seen.set(name, model);
      }
      const actionAttr = domain.attr(watchdog, 'action');
      const action = actionAttr?.value.trim() ?? 'reset';
      const span = actionAttr ?? domain.nameSpan(watchdog);
      if (!firstAction) firstAction = { value: action, span };
      else if (firstAction.value !== action) {
        report(span, words('rules.watchdog-set.action', { action, first: firstAction.value }), { related: [{ ...firstAction.span, message: words('rules.watchdog-set.firstAction') }] });
      }
    }
  },
};
