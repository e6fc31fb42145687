/**
 * What the QEMU binary and the guest platform must agree on, as qemuValidateDomainDef
 * (src/qemu/qemu_validate.c) checks it before anything else: QEMU runs only `hvm` guests, and
 * the `<emulator>` binary runs the guest's arch (virQEMUCapsIsArchSupported: a binary runs its
 * own arch and a few 32-bit relatives). The binary's arch is read from its name,
 * qemu-system-ARCH, as libvirt's test suite and distributions name it; a binary named otherwise
 * is left alone, since only running it would tell.
 */
import machineData from '../../../../schemas/machines.json';
import { words } from '../../messages/words';
import { titled } from '../rule';
import { Rule, removeElementFix } from '../rule';
import { archOfBinaryName } from '../machines';

const QEMU_BINARY = /(?:^|\/)qemu-system-([a-z0-9_]+)$/;
const ALSO_RUNS = machineData.emulatorArches.alsoRuns as Record<string, string[]>;

export const emulatorArchRule: Rule = {
  code: 'emulator-arch-mismatch',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c), virQEMUCapsIsArchSupported (src/qemu/qemu_capabilities.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['emulator'],
  libvirtMessages: ["Emulator '%1$s' does not support arch '%2$s'"],
  help: words('rules.help.emulator-arch-mismatch'),
  docsAnchor: 'operating-system-booting',
  check(domain, report) {
    if (!domain.arch) return;
    const emulator = domain.first(['devices', 'emulator']);
    if (!emulator) return;
    const path = domain.content(emulator).value.trim();
    const binary = QEMU_BINARY.exec(path);
    if (!binary) return;
    const binaryArch = archOfBinaryName(binary[1]);
    if (binaryArch === domain.arch || ALSO_RUNS[binaryArch]?.includes(domain.arch)) return;
    const osType = domain.first(['os', 'type']);
    const arch = osType && domain.attr(osType, 'arch');
    if (arch) report(arch, words('rules.emulator-arch-mismatch.arch', { path, binaryArch, arch: domain.arch }));
  },
};

export const osTypeRule: Rule = {
  code: 'qemu-os-type-not-hvm',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["Emulator '%1$s' does not support os type '%2$s'"],
  help: words('rules.help.qemu-os-type-not-hvm'),
  docsAnchor: 'operating-system-booting',
  check(domain, report) {
    const type = domain.first(['os', 'type']);
    if (!type) return;
    const text = domain.content(type);
    const value = text.value.trim();
    if (value && value !== 'hvm') report(text, words('rules.qemu-os-type-not-hvm.type', { type: value }));
  },
};

export const qemuBootloaderRule: Rule = {
  code: 'qemu-bootloader',
  libvirt: 'qemuValidateDomainDefBoot (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['bootloader', 'bootloader_args'],
  libvirtMessages: ['bootloader is not supported by QEMU'],
  help: words('rules.help.qemu-bootloader'),
  docsAnchor: 'host-bootloader',
  check(domain, report) {
    for (const name of ['bootloader', 'bootloader_args']) {
      const el = domain.child(domain.root, name);
      if (el && domain.content(el).value.trim() !== '') {
        const fix = titled(removeElementFix(domain, el, ''), words('rules.qemu-bootloader.fix.remove', { name }));
        report(domain.nameSpan(el), words('rules.qemu-bootloader.bootloader', { name }), { fixes: [fix] });
      }
    }
  },
};
