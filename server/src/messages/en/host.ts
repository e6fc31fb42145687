/**
 * Checks against a libvirt host (rules/host/, the server's and the CLI's host connection): what
 * the host rules report, their help, the notes on checks that could not run, and what the
 * server logs and the CLI prints about a connection. `{host}` is the connection as findings
 * name it: `qemu:///system (kvm01)`.
 */
export const HOST_EN = {
  'host.andMore': '{count} more',
  'host.offer': '`{type}` on {arches}',
  'host.value': '`{value}`',
  'host.kib': '{size} KiB',

  'host.guest.osType': '{host} offers no `{osType}` guests, only {offered}',
  'host.guest.arch': '{host} offers no `{osType}` guests for arch `{arch}`, only for {arches}',
  'host.guest.virtType': '{host} offers no `{virtType}` guests, only {offered}',
  'host.guest.virtTypeOnArch': '{host} offers no `{virtType}` guests for arch `{arch}`, only {offered}',
  'host.machine': '{host} offers no machine type `{machine}` for `{virtType}` guests on {arch}',
  'host.emulator': '{host} has no QEMU binary `{path}`: {reason}',
  'host.vcpus': '{count} vCPUs are more than machine type `{machine}` takes on {host} ({max})',
  'host.cpuMode': 'CPU mode `{mode}` is not supported by {host} for `{virtType}` guests on {arch}',
  'host.cpuModel.unknown': 'CPU model `{model}` is not one {host} offers for `{virtType}` guests on {arch}',
  'host.cpuModel.unusable': 'CPU model `{model}` cannot run on {host}: its CPU lacks {features}',
  'host.cpuModel.unusableNoBlockers': 'CPU model `{model}` cannot run on {host}',
  'host.firmware': "{host} has no firmware to select for `firmware='{firmware}'` on machine type `{machine}`, only for {offered}",
  'host.firmware.none': "{host} has no firmware to select for `firmware='{firmware}'` on machine type `{machine}`",
  'host.loader': "{host} has no firmware with `{attribute}='{value}'` for machine type `{machine}`, only {offered}",
  'host.firmwareFeature': "{host} has no firmware with feature `{feature}` `enabled='{value}'` for machine type `{machine}`",
  'host.enum': "{host} does not offer `<{element} {attribute}='{value}'>`, only {offered}",
  'host.enum.none': "{host} does not offer `<{element} {attribute}='{value}'>`",
  'host.device.none': '{host} does not offer `<{element}>` devices',
  'host.feature': '{host} does not offer the `{feature}` feature',
  'host.hugepages': '{host} has no {size} KiB pages, only {sizes}',
  'host.iommu': "{host} has no IOMMU (its capabilities say `<iommu support='no'>`): it cannot pass PCI devices through with VFIO",

  'host.note.reading': 'Reading what {host} offers for this domain: its CPU model, device and firmware checks follow.',
  'host.note.noDomainCapabilities': '{host} has no domcapabilities ({reason}): the checks of CPU models, devices and firmware against it are skipped.',
  'host.note.domainCapabilitiesRefused': '{host} refused domcapabilities for this domain ({reason}): the checks of CPU models, devices and firmware against it are skipped.',
  'host.note.domainCapabilitiesFailed': 'The domcapabilities of {host} could not be read ({reason}): the checks of CPU models, devices and firmware against it are skipped.',
  'host.note.capabilitiesReading': 'Reading the capabilities of {uri}: the checks against that host follow.',
  'host.note.capabilitiesFailed': 'The capabilities of {uri} could not be read ({reason}): this domain is not checked against that host.',
  'host.note.checked': 'Checked against {host}: its domain types, machine types, CPUs, NUMA nodes and page sizes.',
  'host.note.checkedAll': 'Checked against {host}: its domain types, machine types, CPUs, NUMA nodes and page sizes, and what its hypervisor offers this domain (CPU models, devices, firmware).',
  'host.note.untrusted': 'Not checked against {uri}: the workspace is not trusted.',
  'host.hover.title': '**libvirt host:** {status}',
  'host.log.failed': 'libvirt host {uri}: {reason}. Documents checked against it get no host checks until it answers; tried again in a minute.',

  'host.help.host-guest-unsupported':
    "libvirt looks the domain's os type, arch and domain type up in the host's capabilities before it accepts a definition; a combination the host does not list (a `kvm` domain on a host without KVM, an arch no emulator there runs) is refused. Use a domain type and arch from `virsh capabilities` of that host, or define the domain on a host that offers them.",
  'host.help.host-machine-unsupported':
    "The QEMU driver checks that the emulator offers the machine type for the domain type: each QEMU version lists its own versioned machine types (`pc-q35-8.2`) and aliases (`q35`). Pick one that `virsh capabilities` of the host lists under the guest's arch, or use the alias, which follows the newest version.",
  'host.help.host-emulator-missing':
    "libvirt reads the QEMU binary named in `<emulator>` before it accepts the domain; when the file is not there (or cannot be run) on the host, the definition fails. Remove `<emulator>` so libvirt picks the host's own, or name the binary that host has (see `virsh capabilities`).",
  'host.help.host-vcpus-over-machine-limit':
    "Every machine type takes at most so many vCPUs (QEMU reports the limit, libvirt shows it as `maxCpus` in the capabilities); libvirt refuses a domain whose `<vcpu>` count is above the limit of its machine type. Lower the count, or choose a machine type with a higher limit (q35 takes far more than the older PC).",
  'host.help.host-cpu-mode-unsupported':
    "Before the guest starts, libvirt asks whether the hypervisor supports the CPU mode for this domain type and arch (domcapabilities lists each mode with `supported`); `host-model` or `host-passthrough` without KVM, for one, is not. Use a mode the host's domcapabilities mark as supported.",
  'host.help.host-cpu-model-unknown':
    "A custom CPU model must be one the host's QEMU knows for this domain type; libvirt refuses to start a guest with any other model unless `fallback='allow'` lets it pick a close one. Choose a model listed under `<mode name='custom'>` in the host's domcapabilities.",
  'host.help.host-cpu-model-unusable':
    "With the default check of a KVM guest, libvirt compares the custom CPU model with the host CPU before starting it; a model the host's domcapabilities mark `usable='no'` needs features the host CPU lacks (its `<blockers>`), and the start fails. Choose a usable model, disable the missing features with `<feature policy='disable'>`, or use `host-model`.",
  'host.help.host-firmware-unavailable':
    "With `<os firmware='efi'>` (or `bios`) libvirt picks the firmware from the descriptors installed on the host, matching the machine type and the features asked for; when none matches, the domain is refused. The host's domcapabilities list under `<os>` which firmware types it can pick for the machine type.",
  'host.help.host-loader-unavailable':
    "When libvirt picks the firmware itself (`<os firmware>`), every `<loader>` attribute and `<firmware><feature>` given narrows the choice; the host's domcapabilities list the values its firmware offers for the machine type. A value no firmware there has (secure boot on a host without secure-boot firmware, say) makes the choice fail.",
  'host.help.host-graphics-unsupported':
    "The QEMU driver accepts only the graphics types the host's QEMU was built with; the host's domcapabilities list them under `<graphics>`. Use one of those (VNC is nearly always there; SPICE is missing from some builds and arches).",
  'host.help.host-video-unsupported':
    "The QEMU driver accepts only the video models the host's QEMU offers for the machine type, as its domcapabilities list them under `<video>`. Choose one of those (virtio is the usual choice for a modern guest).",
  'host.help.host-tpm-unsupported':
    "The QEMU driver checks a TPM's model, backend type and version against what the host's QEMU offers (domcapabilities under `<tpm>`): `tpm-crb` exists only on x86, TPM 1.2 needs an swtpm that still has it. Use a model, backend and version the host lists.",
  'host.help.host-rng-unsupported':
    "The QEMU driver accepts only the RNG models and backends the host's QEMU offers (domcapabilities under `<rng>`). Use a listed model, and the `random` or `builtin` backend where `egd` is not there.",
  'host.help.host-redirdev-unsupported':
    "USB redirection needs a QEMU built with usbredir; the host's domcapabilities say under `<redirdev>` whether it has it and which buses. Remove the `<redirdev>` or use a host whose QEMU offers it.",
  'host.help.host-hostdev-unsupported':
    "The QEMU driver checks host device assignment against what the host's QEMU offers (domcapabilities under `<hostdev>`: modes, subsystem types and PCI backends). Assign devices only of the kinds listed there.",
  'host.help.host-disk-unsupported':
    "The disk buses, device kinds and models a domain may use depend on the host's QEMU and the machine type (domcapabilities under `<disk>`): an IDE disk on q35, say, or a USB disk without usb-storage. Use a bus and model listed there.",
  'host.help.host-filesystem-unsupported':
    "Shared folders need a QEMU that has the filesystem driver asked for (virtiofs needs vhost-user-fs); the host's domcapabilities list the driver types under `<filesystem>`. Use one of those.",
  'host.help.host-crypto-unsupported':
    "The QEMU driver checks a `<crypto>` device's model, type and backend against the host's QEMU (domcapabilities under `<crypto>`). Use values listed there.",
  'host.help.host-iommu-model-unsupported':
    "An emulated IOMMU exists only in QEMU builds that have that model; the host's domcapabilities list the models it offers. Use one of them, or drop the `<iommu>`.",
  'host.help.host-feature-unsupported':
    "Some guest features need the host's QEMU to have a device for them (`<vmcoreinfo>` needs vmcoreinfo, `<genid>` needs vmgenid); the host's domcapabilities say under `<features>` which it has. Drop the feature on a host that lacks it.",
  'host.help.host-hugepage-size':
    "Huge pages back the guest's memory from a hugetlbfs of the page size asked for; a size the host does not offer (its capabilities list the page sizes per NUMA cell) has no such mount, and the guest fails to start. Use a page size the host lists, usually 2048 KiB or 1048576 KiB on x86.",
  'host.help.host-vfio-without-iommu':
    "Assigning a host PCI device with VFIO needs an IOMMU that the host's kernel has enabled; the host's capabilities say `<iommu support='no'>` when it has not, and the guest fails to start. Enable the IOMMU on the host (intel_iommu=on or the AMD equivalent, and in the firmware), or do not assign the device.",
};
