/**
 * Which child elements completion offers under an element.
 *
 * PLACEHOLDER until the schema engine (issue 3) derives this from libvirt's RelaxNG schema:
 * a short hand-written table of the children libvirt documents for the most edited elements
 * (facts from libvirt's formatdomain documentation). Unknown parents get no suggestions.
 */

export interface ChildSuggestion {
  name: string;
  /** May appear more than once under the same parent. */
  repeatable: boolean;
}

export interface ContentModel {
  /** Children that may appear inside `ancestors[ancestors.length - 1]`; `ancestors` starts at the root. */
  childElements(ancestors: readonly string[]): ChildSuggestion[];
}

const once = (names: string): ChildSuggestion[] => names.split(' ').map((name) => ({ name, repeatable: false }));
const many = (names: string): ChildSuggestion[] => names.split(' ').map((name) => ({ name, repeatable: true }));

const CHILDREN: Record<string, ChildSuggestion[]> = {
  '': once('domain'),
  domain: [
    ...once(
      'name uuid genid title description metadata maxMemory memory currentMemory blkiotune memtune memoryBacking vcpu vcpus ' +
        'iothreads iothreadids cputune numatune resource sysinfo bootloader bootloader_args os idmap features cpu clock ' +
        'on_poweroff on_reboot on_crash on_lockfailure pm perf devices keywrap launchSecurity',
    ),
    ...many('seclabel'),
  ],
  os: [...once('type loader nvram bootmenu smbios bios kernel initrd cmdline dtb acpi init initdir inituser initgroup'), ...many('boot initarg initenv')],
  cputune: [
    ...once('shares period quota global_period global_quota emulator_period emulator_quota iothread_period iothread_quota emulatorpin emulatorsched'),
    ...many('vcpupin iothreadpin vcpusched iothreadsched cachetune memorytune'),
  ],
  memoryBacking: once('hugepages nosharepages locked source access allocation discard'),
  hugepages: many('page'),
  numatune: [...once('memory'), ...many('memnode')],
  devices: [
    ...once('emulator memballoon iommu nvram'),
    ...many(
      'disk filesystem controller lease hostdev redirdev redirfilter smartcard interface input hub graphics video audio sound ' +
        'parallel serial console channel tpm panic shmem memory vsock crypto pstore watchdog rng',
    ),
  ],
  features: once('acpi apic pae hap viridian privnet hyperv kvm xen pvspinlock gic smm ioapic hpt vmcoreinfo htm nested-hv msrs ccf-assist cfpc sbbc ibs tcg async-teardown ras ps2 vmport pmu'),
  cpu: [...once('model vendor topology cache numa maxphysaddr'), ...many('feature')],
  numa: many('cell'),
  clock: many('timer'),
  disk: [
    ...once('driver source target address boot readonly shareable transient serial wwn vendor product iotune encryption auth backingStore blockio geometry alias mirror'),
  ],
  interface: [
    ...once('mac source target model driver address boot bandwidth filterref virtualport vlan link mtu rom guest backend alias coalesce tune teaming port acpi'),
    ...many('ip route'),
  ],
  graphics: many('listen channel image streaming clipboard mouse filetransfer gl audio'),
  serial: once('source target protocol log alias address'),
  console: once('source target alias address'),
  channel: once('source target alias address'),
};

/** The placeholder model: looks up the innermost element's name in the table above. */
export const placeholderContentModel: ContentModel = {
  childElements(ancestors) {
    return CHILDREN[ancestors.length === 0 ? '' : ancestors[ancestors.length - 1]] ?? [];
  },
};
