import { HOST_EN } from '../en/host';

export const HOST_ZH: Record<keyof typeof HOST_EN, string> = {
  'host.andMore': '另外 {count} 项',
  'host.offer': '{arches} 上的 `{type}`',
  'host.value': '`{value}`',
  'host.kib': '{size} KiB',

  'host.guest.osType': '{host} 不提供 `{osType}` 类型的虚拟机，只提供 {offered}',
  'host.guest.arch': '{host} 不提供架构 `{arch}` 的 `{osType}` 虚拟机，只提供 {arches} 架构',
  'host.guest.virtType': '{host} 不提供 `{virtType}` 类型的虚拟机，只提供 {offered}',
  'host.guest.virtTypeOnArch': '{host} 在架构 `{arch}` 上不提供 `{virtType}` 类型的虚拟机，只提供 {offered}',
  'host.machine': '{host} 在 {arch} 上没有供 `{virtType}` 虚拟机使用的机器类型 `{machine}`',
  'host.emulator': '{host} 上没有 QEMU 程序 `{path}`：{reason}',
  'host.vcpus': '{count} 个 vCPU 超过了 {host} 上机器类型 `{machine}` 的上限（{max}）',
  'host.cpuMode': '{host} 不支持 {arch} 上 `{virtType}` 虚拟机使用 CPU 模式 `{mode}`',
  'host.cpuModel.unknown': '{host} 没有为 {arch} 上的 `{virtType}` 虚拟机提供 CPU 型号 `{model}`',
  'host.cpuModel.unusable': 'CPU 型号 `{model}` 无法在 {host} 上运行：宿主机 CPU 缺少 {features}',
  'host.cpuModel.unusableNoBlockers': 'CPU 型号 `{model}` 无法在 {host} 上运行',
  'host.firmware': "{host} 上没有可为机器类型 `{machine}` 自动选择的 `firmware='{firmware}'` 固件，只有 {offered}",
  'host.firmware.none': "{host} 上没有可为机器类型 `{machine}` 自动选择的 `firmware='{firmware}'` 固件",
  'host.loader': "{host} 上没有适用于机器类型 `{machine}` 且 `{attribute}='{value}'` 的固件，只有 {offered}",
  'host.firmwareFeature': "{host} 上没有适用于机器类型 `{machine}` 且特性 `{feature}` 为 `enabled='{value}'` 的固件",
  'host.enum': "{host} 不提供 `<{element} {attribute}='{value}'>`，只提供 {offered}",
  'host.enum.none': "{host} 不提供 `<{element} {attribute}='{value}'>`",
  'host.device.none': '{host} 不提供 `<{element}>` 设备',
  'host.feature': '{host} 不提供 `{feature}` 特性',
  'host.hugepages': '{host} 没有 {size} KiB 的内存页，只有 {sizes}',
  'host.iommu': "{host} 没有 IOMMU（其 capabilities 为 `<iommu support='no'>`）：无法通过 VFIO 直通 PCI 设备",

  'host.note.reading': '正在读取 {host} 为此域提供的能力：随后检查 CPU 型号、设备和固件。',
  'host.note.noDomainCapabilities': '{host} 不支持 domcapabilities（{reason}）：跳过针对它的 CPU 型号、设备和固件检查。',
  'host.note.domainCapabilitiesRefused': '{host} 拒绝为此域提供 domcapabilities（{reason}）：跳过针对它的 CPU 型号、设备和固件检查。',
  'host.note.domainCapabilitiesFailed': '无法读取 {host} 的 domcapabilities（{reason}）：跳过针对它的 CPU 型号、设备和固件检查。',
  'host.note.capabilitiesReading': '正在读取 {uri} 的 capabilities：随后进行针对该宿主机的检查。',
  'host.note.capabilitiesFailed': '无法读取 {uri} 的 capabilities（{reason}）：此域未针对该宿主机检查。',
  'host.note.checked': '已针对 {host} 检查：域类型、机器类型、CPU、NUMA 节点和内存页大小。',
  'host.note.checkedAll': '已针对 {host} 检查：域类型、机器类型、CPU、NUMA 节点、内存页大小，以及其虚拟化程序为此域提供的 CPU 型号、设备和固件。',
  'host.note.untrusted': '未针对 {uri} 检查：此工作区不受信任。',
  'host.hover.title': '**libvirt 宿主机：** {status}',
  'host.log.failed': 'libvirt 宿主机 {uri}：{reason}。在它响应之前，针对它的文档不做宿主机检查；一分钟后重试。',

  'host.help.host-guest-unsupported':
    'libvirt 在接受定义之前，会在宿主机的 capabilities 中查找域的操作系统类型、架构和域类型；宿主机没有列出的组合会被拒绝（例如没有 KVM 的宿主机上的 `kvm` 域，或宿主机上没有模拟器可运行的架构）。请使用该宿主机 `virsh capabilities` 中列出的域类型和架构，或在提供它们的宿主机上定义此域。',
  'host.help.host-machine-unsupported':
    'QEMU 驱动会检查模拟器是否为该域类型提供此机器类型：每个 QEMU 版本有自己带版本号的机器类型（`pc-q35-8.2`）和别名（`q35`）。请选择宿主机 `virsh capabilities` 中该架构下列出的机器类型，或使用始终指向最新版本的别名。',
  'host.help.host-emulator-missing':
    'libvirt 在接受域之前会读取 `<emulator>` 指定的 QEMU 程序；宿主机上没有该文件（或无法运行）时，定义失败。请删除 `<emulator>`，让 libvirt 选用宿主机自己的程序，或填写该宿主机上实际存在的程序（见 `virsh capabilities`）。',
  'host.help.host-vcpus-over-machine-limit':
    '每种机器类型能容纳的 vCPU 数有上限（QEMU 报告该上限，libvirt 在 capabilities 中显示为 `maxCpus`）；`<vcpu>` 数超过机器类型上限的域会被 libvirt 拒绝。请减少 vCPU 数，或换用上限更高的机器类型（q35 的上限远高于老的 PC 机型）。',
  'host.help.host-cpu-mode-unsupported':
    '虚拟机启动前，libvirt 会确认虚拟化程序是否支持该域类型和架构下的 CPU 模式（domcapabilities 为每种模式标明 `supported`）；例如没有 KVM 时不支持 `host-model` 和 `host-passthrough`。请使用宿主机 domcapabilities 中标为支持的模式。',
  'host.help.host-cpu-model-unknown':
    '自定义 CPU 型号必须是宿主机 QEMU 为此域类型所知的型号；除非 `fallback=\'allow\'` 允许 libvirt 选择相近的型号，否则使用其他型号的虚拟机无法启动。请选择宿主机 domcapabilities 中 `<mode name=\'custom\'>` 下列出的型号。',
  'host.help.host-cpu-model-unusable':
    '对于使用默认检查的 KVM 虚拟机，libvirt 在启动前会把自定义 CPU 型号与宿主机 CPU 比较；宿主机 domcapabilities 中标为 `usable=\'no\'` 的型号需要宿主机 CPU 缺少的特性（见其 `<blockers>`），启动会失败。请选择可用的型号，用 `<feature policy=\'disable\'>` 关闭缺少的特性，或使用 `host-model`。',
  'host.help.host-firmware-unavailable':
    '使用 `<os firmware=\'efi\'>`（或 `bios`）时，libvirt 从宿主机上安装的固件描述文件中按机器类型和所需特性选择固件；没有匹配的固件时，域会被拒绝。宿主机的 domcapabilities 在 `<os>` 下列出可为该机器类型选择的固件类型。',
  'host.help.host-loader-unavailable':
    '由 libvirt 自动选择固件（`<os firmware>`）时，给出的每个 `<loader>` 属性和 `<firmware><feature>` 都会缩小选择范围；宿主机的 domcapabilities 列出其固件为该机器类型提供的取值。宿主机固件都不具备的取值（例如宿主机没有安全启动固件时要求安全启动）会使选择失败。',
  'host.help.host-graphics-unsupported':
    'QEMU 驱动只接受宿主机 QEMU 编译时包含的图形类型；宿主机的 domcapabilities 在 `<graphics>` 下列出这些类型。请使用其中之一（VNC 几乎总是可用；部分版本和架构没有 SPICE）。',
  'host.help.host-video-unsupported':
    'QEMU 驱动只接受宿主机 QEMU 为该机器类型提供的显卡型号，即其 domcapabilities 中 `<video>` 下列出的型号。请选择其中之一（现代虚拟机通常使用 virtio）。',
  'host.help.host-tpm-unsupported':
    'QEMU 驱动会按宿主机 QEMU 提供的能力（domcapabilities 中的 `<tpm>`）检查 TPM 的型号、后端类型和版本：`tpm-crb` 只有 x86 上才有，TPM 1.2 需要仍支持它的 swtpm。请使用宿主机列出的型号、后端和版本。',
  'host.help.host-rng-unsupported':
    'QEMU 驱动只接受宿主机 QEMU 提供的 RNG 型号和后端（domcapabilities 中的 `<rng>`）。请使用列出的型号；没有 `egd` 时使用 `random` 或 `builtin` 后端。',
  'host.help.host-redirdev-unsupported':
    'USB 重定向需要带 usbredir 编译的 QEMU；宿主机的 domcapabilities 在 `<redirdev>` 下说明是否支持以及支持哪些总线。请删除 `<redirdev>`，或使用 QEMU 支持它的宿主机。',
  'host.help.host-hostdev-unsupported':
    'QEMU 驱动会按宿主机 QEMU 提供的能力（domcapabilities 中的 `<hostdev>`：模式、子系统类型和 PCI 后端）检查设备直通。只直通其中列出的设备类型。',
  'host.help.host-disk-unsupported':
    '域可使用的磁盘总线、设备类型和型号取决于宿主机的 QEMU 和机器类型（domcapabilities 中的 `<disk>`）：例如 q35 上的 IDE 磁盘，或没有 usb-storage 时的 USB 磁盘。请使用其中列出的总线和型号。',
  'host.help.host-filesystem-unsupported':
    '共享目录需要 QEMU 具备所要求的文件系统驱动（virtiofs 需要 vhost-user-fs）；宿主机的 domcapabilities 在 `<filesystem>` 下列出驱动类型。请使用其中之一。',
  'host.help.host-crypto-unsupported':
    'QEMU 驱动会按宿主机 QEMU（domcapabilities 中的 `<crypto>`）检查 `<crypto>` 设备的型号、类型和后端。请使用其中列出的取值。',
  'host.help.host-iommu-model-unsupported':
    '模拟 IOMMU 只存在于带有该型号的 QEMU 中；宿主机的 domcapabilities 列出它提供的型号。请使用其中之一，或删除 `<iommu>`。',
  'host.help.host-feature-unsupported':
    '部分虚拟机特性需要宿主机 QEMU 提供相应设备（`<vmcoreinfo>` 需要 vmcoreinfo，`<genid>` 需要 vmgenid）；宿主机的 domcapabilities 在 `<features>` 下说明具备哪些。宿主机不具备时请删除该特性。',
  'host.help.host-hugepage-size':
    '大页用所要求页大小的 hugetlbfs 为虚拟机内存提供后备；宿主机不提供的页大小（其 capabilities 按 NUMA 单元列出页大小）没有对应的挂载点，虚拟机无法启动。请使用宿主机列出的页大小，x86 上通常为 2048 KiB 或 1048576 KiB。',
  'host.help.host-vfio-without-iommu':
    '通过 VFIO 直通宿主机 PCI 设备需要宿主机内核启用 IOMMU；未启用时宿主机的 capabilities 显示 `<iommu support=\'no\'>`，虚拟机无法启动。请在宿主机上启用 IOMMU（intel_iommu=on 或 AMD 的对应参数，并在固件中打开），或不直通该设备。',
};
