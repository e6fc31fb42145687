/**
 * Filesystem passthrough. qemuValidateDomainDeviceDefFS (src/qemu/qemu_validate.c): QEMU shares
 * host directories only (type='mount', the default), without usage limits; fmode and dmode go
 * with accessmode='mapped' (the default accessmode is passthrough); the sandbox is virtiofsd's;
 * the handle driver is passthrough only; the loop, nbd and ploop drivers are not QEMU's; a
 * virtiofs filesystem has no model, format, multidevs, fmode nor dmode, and, when libvirt starts
 * virtiofsd itself (no `<source socket>`), passthrough access only and no write policy.
 * virDomainFSDefValidate (src/conf/domain_validate.c): boot order is for virtiofs only, and two
 * virtiofs filesystems cannot share a target.
 */
import { Words, words } from '../../messages/words';
import { AttrValue, Span } from '../domain';
import { Rule } from '../rule';

export const filesystemQemuRule: Rule = {
  code: 'filesystem-qemu',
  libvirt: 'qemuValidateDomainDeviceDefFS (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['filesystem'],
  libvirtMessages: [
    'only supports mount filesystem type',
    'filesystem usage limits are not supported with QEMU',
    'fmode and dmode must be used with accessmode=mapped',
    'sandbox can only be used with driver=virtiofs',
    'only supports passthrough accessmode',
    'Filesystem driver type not supported',
    'virtiofs only supports passthrough accessmode',
    'virtiofs does not support wrpolicy',
    'virtiofs does not support model',
    'virtiofs does not support format',
    'virtiofs does not support multidevs',
    'virtiofs does not support fmode and dmode',
  ],
  help: words('rules.help.filesystem-qemu'),
  docsAnchor: 'filesystems',
  check(domain, report) {
    for (const fs of domain.devicesNamed('filesystem')) {
      const found: [Span, Words][] = [];
      const say = (at: Span | undefined, message: Words) => at && found.push([at, message]);
      const type = domain.attr(fs, 'type');
      if (type && type.value.trim() !== 'mount') say(type, words('rules.filesystem-qemu.type', { type: type.value.trim() }));
      for (const limit of ['space_hard_limit', 'space_soft_limit']) {
        const el = domain.child(fs, limit);
        if (el) say(domain.nameSpan(el), words('rules.filesystem-qemu.limit', { limit }));
      }
      const driver = domain.child(fs, 'driver');
      const driverType = driver && domain.attr(driver, 'type');
      const fsDriver = driverType?.value.trim() ?? 'default';
      const accessAttr = domain.attr(fs, 'accessmode');
      const access = accessAttr?.value.trim() ?? 'passthrough';
      const fmode = domain.attr(fs, 'fmode');
      const dmode = domain.attr(fs, 'dmode');
      const modes = [fmode, dmode].filter((a): a is AttrValue => a !== undefined);
      const virtiofs = fsDriver === 'virtiofs';
      if (modes.length && access !== 'mapped' && !virtiofs) say(modes[0], words('rules.filesystem-qemu.mode', { name: modes[0].name, access }));
      const sandbox = domain.first(['binary', 'sandbox'], fs);
      if (sandbox && !virtiofs) say(domain.nameSpan(sandbox), words('rules.filesystem-qemu.sandbox'));
      if (fsDriver === 'handle' && access !== 'passthrough') say(accessAttr, words('rules.filesystem-qemu.handle', { access }));
      if (['loop', 'nbd', 'ploop'].includes(fsDriver)) say(driverType, words('rules.filesystem-qemu.driver', { driver: fsDriver }));
      if (virtiofs) {
        const external = domain.attr(domain.child(fs, 'source') ?? fs, 'socket') !== undefined;
        if (!external && access !== 'passthrough') say(accessAttr, words('rules.filesystem-qemu.virtiofsAccess', { access }));
        const wrpolicy = driver && domain.attr(driver, 'wrpolicy');
        if (!external && wrpolicy) say(wrpolicy, words('rules.filesystem-qemu.virtiofsWrpolicy'));
        const model = domain.attr(fs, 'model');
        if (model) say(model, words('rules.filesystem-qemu.virtiofsModel'));
        const format = driver && domain.attr(driver, 'format');
        if (format) say(format, words('rules.filesystem-qemu.virtiofsFormat'));
        const multidevs = domain.attr(fs, 'multidevs');
        if (multidevs) say(multidevs, words('rules.filesystem-qemu.virtiofsMultidevs'));
        for (const mode of modes) say(mode, words('rules.filesystem-qemu.virtiofsMode', { name: mode.name }));
      }
      for (const [at, message] of found.sort((a, b) => a[0].from - b[0].from)) report(at, message);
    }
  },
};

export const filesystemTargetRule: Rule = {
  code: 'filesystem-target',
  libvirt: 'virDomainFSDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['filesystem'],
  libvirtMessages: ['boot order is only supported for virtiofs', "filesystem target '%1$s' specified twice"],
  help: words('rules.help.filesystem-target'),
  docsAnchor: 'filesystems',
  check(domain, report) {
    const tags = new Map<string, Span>();
    for (const fs of domain.devicesNamed('filesystem')) {
      const virtiofs = domain.value(domain.child(fs, 'driver'), 'type') === 'virtiofs';
      const boot = domain.child(fs, 'boot');
      if (boot && !virtiofs) report(domain.nameSpan(boot), words('rules.filesystem-target.boot'));
      const target = domain.child(fs, 'target');
      const dir = target && domain.attr(target, 'dir');
      if (!virtiofs || !dir) continue;
      const tag = dir.value;
      const first = tags.get(tag);
      if (first) report(dir, words('rules.filesystem-target.second', { tag }), { related: [{ ...first, message: words('rules.filesystem-target.first') }] });
      else tags.set(tag, dir);
    }
  },
};
