/**
 * What the QEMU binary and the guest platform must agree on, as qemuValidateDomainDef
 * (src/qemu/qemu_validate.c) checks it before anything else: QEMU runs only `hvm` guests, and
 * the `<emulator>` binary runs the guest's arch (virQEMUCapsIsArchSupported: a binary runs its
 * own arch and a few 32-bit relatives). The binary's arch is read from its name,
 * qemu-system-ARCH, as libvirt's test suite and distributions name it; a binary named otherwise
 * is left alone, since only running it would tell.
 */
import machineData from '../../../../schemas/machines.json';
import { Rule, removeElementFix } from '../rule';
import { archOfBinaryName } from '../machines';

const QEMU_BINARY = /(?:^|\/)qemu-system-([a-z0-9_]+)$/;
const ALSO_RUNS = machineData.emulatorArches.alsoRuns as Record<string, string[]>;

export const emulatorArchRule: Rule = {
  code: 'emulator-arch-mismatch',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c), virQEMUCapsIsArchSupported (src/qemu/qemu_capabilities.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["Emulator '%1$s' does not support arch '%2$s'"],
  help:
    'Each QEMU binary emulates one architecture (qemu-system-x86_64 also runs i686 guests, qemu-system-aarch64 armv7l ones, qemu-system-ppc64 ' +
    'ppc64le ones). libvirt refuses a domain whose `<os><type arch>` the `<emulator>` cannot run. Point `<emulator>` at the binary for the ' +
    "guest's arch (qemu-system-ARCH), or fix the arch.",
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
    if (arch) report(arch, `The emulator '${path}' runs ${binaryArch} guests, not arch '${domain.arch}'`);
  },
};

export const osTypeRule: Rule = {
  code: 'qemu-os-type-not-hvm',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["Emulator '%1$s' does not support os type '%2$s'"],
  help:
    "QEMU runs fully virtualized guests only: `<os><type>` must be `hvm` for `<domain type='kvm'>` and `type='qemu'`. Xen paravirtual (`xen`, `xenpvh`), " +
    'container (`exe`) and other OS types belong to other drivers.',
  docsAnchor: 'operating-system-booting',
  check(domain, report) {
    const type = domain.first(['os', 'type']);
    if (!type) return;
    const text = domain.content(type);
    const value = text.value.trim();
    if (value && value !== 'hvm') report(text, `QEMU runs \`hvm\` guests only, not '${value}'`);
  },
};

export const qemuBootloaderRule: Rule = {
  code: 'qemu-bootloader',
  libvirt: 'qemuValidateDomainDefBoot (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['bootloader is not supported by QEMU'],
  help:
    'A host-side `<bootloader>` (like pygrub) is a Xen feature; QEMU boots through its firmware or a direct `<os><kernel>`. Remove `<bootloader>` ' +
    'and `<bootloader_args>`.',
  docsAnchor: 'host-bootloader',
  check(domain, report) {
    for (const name of ['bootloader', 'bootloader_args']) {
      const el = domain.child(domain.root, name);
      if (el && domain.content(el).value.trim() !== '') report(domain.nameSpan(el), `QEMU has no host-side \`<${name}>\``, { fixes: [removeElementFix(domain, el, `Remove \`<${name}>\``)] });
    }
  },
};
