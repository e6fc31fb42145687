import { RULES_DEVICES_EN } from '../en/rulesDevices';

export const RULES_DEVICES_ZH: Record<keyof typeof RULES_DEVICES_EN, string> = {
  'rules.devices.fix.removeAttribute': '删除 `{name}`',
  'rules.devices.fix.removeAddress': '删除 `<address>`',

  'rules.video-second-primary.second': "又一个 `<video>` 标记了 primary='yes'",
  'rules.video-second-primary.first': "第一个标记 primary='yes' 的 `<video>`",
  'rules.video-model-attributes.qxlMemory': "`{name}` 设置的是 qxl 显存；'{type}' 显卡没有这一项",
  'rules.video-model-attributes.none': "'none' 类型的 video 不能与其他 `<video>` 设备并存",
  'rules.video-model-attributes.resolution': '分辨率的 `{name}` 为 0',
  'rules.video-model-attributes.ramfb': 'ramfb 显示设备不能有 `<address>`',
  'rules.video-model-attributes.vhostuser': "vhost-user 视频后端驱动的是 virtio 显卡，而不是 '{type}'",
  'rules.video-model-attributes.rendernode': '只有 vhost-user 视频后端才能选择渲染节点',
  'rules.video-model-attributes.blob': "blob 资源是 virtio-gpu 的功能；'{type}' 显卡没有",
  'rules.video-model-qemu.notPrimary': "'{type}' 显卡只能作为主显示设备，而这块不是",
  'rules.video-model-qemu.heads': "'{type}' 显卡只有一个输出头，不能是 {count} 个",
  'rules.video-model-qemu.vgamemSmall': '`vgamem` 为 {kib} KiB，小于 1 MiB',
  'rules.video-model-qemu.vgamemPower': '`vgamem` 为 {kib} KiB，不是 2 的幂',
  'rules.video-model-qemu.vramSmall': '`vram` 为 {kib} KiB，小于 1 MiB',
  'rules.video-model-qemu.resolution': "'{type}' 显卡不能设置分辨率",
  'rules.video-model-qemu.accel3d': "3D 加速需要 virtio 显卡，而不是 '{type}'",
  'rules.video-model-qemu.accel2d': 'QEMU 没有 2D 加速设置',
  'rules.video-model-qemu.blob': "virtio-gpu 的 blob 资源需要 memfd 内存后端（`<memoryBacking><source type='memfd'/>`）",

  'rules.chardev-source-incomplete.rng': "type 为 '{type}' 的 `<rng>` egd 后端",
  'rules.chardev-source-incomplete.device': "type 为 '{type}' 的 `<{element}>` 设备",
  'rules.chardev-source-incomplete.noPath': '{device}未指定源 `path`',
  'rules.chardev-source-incomplete.noUnixPath': '{device}未指定源 `path`；libvirt 只会为 virtio 或 xen 的 `<channel>` 自动生成路径',
  'rules.chardev-source-incomplete.noHost': '{device}未指定要连接的源 `host`',
  'rules.chardev-source-incomplete.noService': '{device}未指定要连接的源 `service`（端口）',
  'rules.chardev-source-incomplete.noChannel': '{device}未指定源 `channel`',
  'rules.chardev-source-incomplete.badChannel': "源 channel '{channel}' 含有字母、数字、'_'、'-' 和 '.' 以外的字符",
  'rules.chardev-source-incomplete.nmdm': '{device}只指定了 `master` 和 `slave` 中的一个',
  'rules.chardev-reconnect-listen.bind': "源的 mode 为 'bind'",
  'rules.chardev-reconnect-listen.noPath': '它没有路径，libvirt 会自动生成一个并在上面监听',
  'rules.chardev-reconnect-listen.generatedPath': '它的路径是 libvirt 在 {dir} 下生成的，libvirt 会丢弃它，自行生成一个并在上面监听',
  'rules.chardev-reconnect-listen.listens': '这个 `<{element}>` 的源处于监听状态（{why}），而监听的源不能重连',
  'rules.chardev-reconnect-timeout.zero': '重连超时为 0 秒',
  'rules.chardev-tcp-protocol.protocol': "QEMU 没有 tcp 字符设备协议 '{protocol}'",
  'rules.chardev-spice-without-graphics.noSpice': "'{type}' 后端需要 `<graphics type='spice'>`，但这个域没有",
  'rules.channel-guestfwd-target.noAddress': 'guestfwd 通道未指定目标 `address`',
  'rules.channel-guestfwd-target.noPort': 'guestfwd 通道未指定目标 `port`',
  'rules.console-sclp-arch.arch': "{console} 控制台只存在于 s390，'{arch}' 上没有",
  'rules.console-serial-not-first.notFirst': '只有第一个 `<console>` 可以代表串口',
  'rules.serial-target-mismatch.noAddress': "目标类型为 '{type}' 的串口不能有 `<address>`",
  'rules.serial-target-mismatch.addressType': "目标类型为 '{type}' 的串口需要类型为 '{wanted}' 的地址，而不是 '{actual}'",
  'rules.serial-target-mismatch.model': "串口目标型号 '{model}' 是 '{modelType}' 设备，但目标类型是 '{type}'",
  'rules.serial-target-mismatch.targetType': '目标类型',
  'rules.serial-target-machine.arch': "架构 '{arch}'",
  'rules.serial-target-machine.archMachine': "架构 '{arch}'、机器类型 '{machine}'",
  'rules.serial-target-machine.noParallel': '{machine} 上没有并口',
  'rules.serial-target-machine.armVirt': 'ARM virt 机器',
  'rules.serial-target-machine.riscvLoongarchVirt': 'RISC-V virt 和 LoongArch virt 机器',
  'rules.serial-target-machine.pseries': 'pSeries 机器',
  'rules.serial-target-machine.s390': 's390 虚拟机',
  'rules.serial-target-machine.type': "目标类型为 '{type}' 的串口只存在于 {belongs}，{machine} 上没有",
  'rules.serial-target-machine.typeModel': "目标类型为 '{type}'、型号为 '{model}' 的串口只存在于 {belongs}，{machine} 上没有",

  'rules.tpm-second.proxy': '第二个 TPM Proxy（`spapr-tpm-proxy`）',
  'rules.tpm-second.tpm': '第二个 TPM',
  'rules.tpm-second.firstProxy': '第一个 TPM Proxy',
  'rules.tpm-second.first': '第一个 TPM',
  'rules.tpm-version-unsupported.arch': "只有 x86 虚拟机才能模拟 TPM 1.2，架构 '{arch}' 不行",
  'rules.tpm-version-unsupported.crb': 'TPM 1.2 不能用于 tpm-crb 接口',
  'rules.tpm-version-unsupported.proxyBackend': "spapr-tpm-proxy 需要 passthrough 后端，而不是 '{backend}'",
  'rules.tpm-backend-invalid.pcrBanks': '`<active_pcr_banks>` 需要 TPM 2.0，而版本是 {version}',
  'rules.tpm-backend-invalid.sourceType': "外部 TPM 通过 unix 套接字连接，而不是 '{type}'",
  'rules.tpm-backend-invalid.bind': "外部 TPM 是去连接 swtpm 的：不能使用 mode='bind'",
  'rules.tpm-backend-invalid.noPath': '外部 TPM 的源未指定套接字 `path`',
  'rules.tpm-model-arch.arch': "'{model}' TPM 只存在于 ppc64，'{arch}' 上没有",

  'rules.iommu-machine.machine': "'{model}' IOMMU 只存在于 {families} 机器，'{machine}'（{arch}）上没有",
  'rules.iommu-model-options.option': '{model} IOMMU 没有 `{option}` 选项',
  'rules.iommu-model-options.address': '{model} IOMMU 是机器内置的，不能有 `<address>`',
  'rules.iommu-virtio-requirements.acpi': 'virtio IOMMU 需要 ACPI，但这个域没有 `<features><acpi/>`',
  'rules.iommu-virtio-requirements.address': "virtio IOMMU 是 PCI 设备，地址类型不能是 '{type}'",
  'rules.iommu-interrupt-remapping.ioapic': "开启了中断重映射，但 I/O APIC 不是 QEMU 的 split 模式（`<ioapic driver='qemu'/>`）",
  'rules.iommu-interrupt-remapping.eim': '开启了扩展中断模式，但没有开启中断重映射',

  'rules.panic-model.noDefault': "`<panic>` 没有指定型号，而 libvirt 在架构 '{arch}' 上没有默认型号可选",
  'rules.panic-model.model': "'{model}' panic 设备只存在于 {where}",
  'rules.panic-model.s390': 's390 虚拟机',
  'rules.panic-model.hyperv': 'x86 虚拟机',
  'rules.panic-model.pseries': 'pSeries 虚拟机',
  'rules.panic-address.noAddress': "'{model}' panic 设备是平台自带的，不能有 `<address>`",
  'rules.panic-address.addressType': "'{model}' panic 设备需要类型为 '{wanted}' 的地址，而不是 '{actual}'",

  'rules.shmem-size.size': '共享内存大小 {size} {unit}（{bytes} 字节）不是不小于 1 MiB 的 2 的幂',
  'rules.shmem-name.slash': "shmem 名称 '{name}' 含有 '/'",
  'rules.shmem-name.dots': "shmem 名称不能是 '{name}'",
  'rules.shmem-ivshmem-model.gone': "QEMU 已不再提供 'ivshmem' 设备",
  'rules.shmem-ivshmem-model.use': '改用 {model}',
  'rules.shmem-server.doorbellWithoutServer': 'ivshmem-doorbell 设备需要 `<server>`',
  'rules.shmem-server.plainWithServer': 'ivshmem-plain 设备没有 `<server>`（那是 ivshmem-doorbell 的）',
  'rules.shmem-server.doorbellWithSize': 'ivshmem-doorbell 设备的内存由服务器提供：不能有 `<size>`',
  'rules.vhost-user-shared-memory.virtiofs': 'virtiofs',
  'rules.vhost-user-shared-memory.disk': '{type} 磁盘',
  'rules.vhost-user-shared-memory.cell': "域的 NUMA 节点 {id} 没有共享内存（需要 memAccess='shared'）",
  'rules.vhost-user-shared-memory.cellWithoutId': "域的某个 NUMA 节点没有共享内存（需要 memAccess='shared'）",
  'rules.vhost-user-shared-memory.domain': "域的内存没有共享（需要 `<memoryBacking><access mode='shared'/>`）",
  'rules.vhost-user-shared-memory.needsShared': '{device} 需要共享的虚拟机内存，但{why}',
  'rules.vhost-user-shared-memory.privateCell': '内存为私有的 NUMA 节点',

  'rules.filesystem-qemu.type': "QEMU 只能共享宿主机目录（type='mount'），不支持 type '{type}'",
  'rules.filesystem-qemu.limit': 'QEMU 不能限制文件系统的用量（`<{limit}>`）',
  'rules.filesystem-qemu.mode': "`{name}` 只适用于 accessmode='mapped'，而访问模式是 '{access}'",
  'rules.filesystem-qemu.sandbox': 'sandbox 是 virtiofsd 的设置，而这个文件系统没有使用 virtiofs',
  'rules.filesystem-qemu.handle': "handle 驱动只支持 accessmode='passthrough'，不支持 '{access}'",
  'rules.filesystem-qemu.driver': "QEMU 没有 '{driver}' 文件系统驱动",
  'rules.filesystem-qemu.virtiofsAccess': "virtiofs 只支持 accessmode='passthrough'，不支持 '{access}'",
  'rules.filesystem-qemu.virtiofsWrpolicy': 'virtiofs 没有写策略',
  'rules.filesystem-qemu.virtiofsModel': 'virtiofs 没有型号',
  'rules.filesystem-qemu.virtiofsFormat': 'virtiofs 没有格式',
  'rules.filesystem-qemu.virtiofsMultidevs': 'virtiofs 没有 multidevs 设置',
  'rules.filesystem-qemu.virtiofsMode': 'virtiofs 没有 `{name}`',
  'rules.filesystem-target.boot': '只有 virtiofs 文件系统可以用来启动',
  'rules.filesystem-target.second': "第二个目标为 '{tag}' 的 virtiofs 文件系统",
  'rules.filesystem-target.first': '第一个',

  'rules.net-queue-size.power': '`{name}` 为 {value}，不是 2 的幂（可以用 {lower} 或 {upper}）',
  'rules.net-vhostuser-invalid.model': "vhost-user 接口需要 virtio 型号，而不是 '{model}'",
  'rules.net-vhostuser-invalid.reconnect': 'vhost-user 套接字处于 server 模式，而服务端不能重连',
  'rules.net-qemu-options.coalesce': "'{type}' 接口不支持中断合并",
  'rules.net-qemu-options.vdpa': "vDPA 接口是 virtio 设备，不能是 '{model}'",
  'rules.net-qemu-options.persistent': "故障切换对中的持久接口必须是 virtio，而不是 '{model}'",
  'rules.net-qemu-options.transient': "故障切换对中的临时接口必须是 hostdev 接口，而不是 '{type}'",
  'rules.net-definition.unmanaged': "非托管的 tap 设备用于 ethernet 接口，不能用于 '{type}' 接口",
  'rules.net-definition.noPersistent': '临时故障切换接口必须指定与之配对的持久接口（`persistent`）',
  'rules.net-definition.persistent': "`persistent` 属于临时接口，不属于 '{type}' 接口",
  'rules.net-definition.isolated': "端口隔离只存在于 network 和 bridge 接口，'{type}' 接口上没有",
  'rules.net-definition.passt': "passt 后端用于 user 接口，不能用于 '{type}' 接口",
  'rules.net-definition.portForward': '`<portForward>` 需要使用 passt 后端的 user 接口',
  'rules.net-guest-ip.type': "QEMU 不能在 '{type}' 接口上设置虚拟机侧的地址或路由",
  'rules.net-guest-ip.route': 'QEMU 不能为虚拟机设置路由',
  'rules.net-guest-ip.peer': 'QEMU 不能为虚拟机设置对端地址',
  'rules.net-guest-ip.secondIpv4': '第二个 IPv4 地址：user 接口只有一个',
  'rules.net-guest-ip.secondIpv6': '第二个 IPv6 地址：user 接口只有一个',
  'rules.net-guest-ip.ipv4Prefix': 'IPv4 前缀 {prefix} 不在 4-27 范围内',
  'rules.net-guest-ip.ipv6Prefix': 'IPv6 前缀为 {prefix}；QEMU 只接受 64',
  'rules.net-host-ip.type': "只有 ethernet 接口可以设置宿主机侧的地址和路由，'{type}' 接口不行",
  'rules.net-mtu-type.type': "QEMU 不能设置 '{type}' 接口的 MTU",
  'rules.virtio-options-non-virtio.option': "`{option}` 是 virtio 选项，而这个 `<{element}>` 是 '{model}'",

  'rules.watchdog-model.ib700': "ib700 看门狗只存在于 i440fx（pc）机器，'{machine}' 上没有",
  'rules.watchdog-model.itco': "itco 看门狗只内置于 Q35 机器，'{machine}' 上没有",
  'rules.watchdog-model.diag288': "diag288 看门狗只存在于 s390，'{arch}' 上没有",
  'rules.watchdog-model.pci': "i6300esb 看门狗是 PCI 卡，地址类型不能是 '{type}'",
  'rules.watchdog-model.noAddress': '{model} 看门狗不能有 `<address>`',
  'rules.watchdog-set.second': "第二个 '{model}' 看门狗",
  'rules.watchdog-set.first': "第一个 '{model}' 看门狗",
  'rules.watchdog-set.action': "这个看门狗的动作是 '{action}'，而第一个是 '{first}'",
  'rules.watchdog-set.firstAction': '第一个看门狗的动作',
  'rules.qemu-device-kind.console': "QEMU 没有 '{type}' 控制台",
  'rules.qemu-device-kind.balloon': "QEMU 没有 '{model}' 内存气球",
  'rules.qemu-device-kind.nvramMachine': "`<nvram>` 设备只存在于 pSeries 虚拟机，'{machine}' 上没有",
  'rules.qemu-device-kind.nvramAddress': '`<nvram>` 设备需要带 `reg` 的 spapr-vio 地址',
  'rules.audio-spice-without-graphics.noSpice': "spice 音频后端需要 `<graphics type='spice'>`，但这个域没有",
  'rules.vsock-cid.reserved': '虚拟机 CID {cid} 是保留值',

  'rules.usb-none-second-controller.secondNone': "第二个 `<controller type='usb' model='none'>`",
  'rules.usb-none-second-controller.noneAfterOther': "`model='none'` 禁用了 USB，但还有其他 USB 控制器",
  'rules.usb-none-second-controller.first': '第一个 USB 控制器',
  'rules.usb-none-second-controller.otherAfterNone': "`model='none'` 已禁用 USB，却还有另一个 USB 控制器",
  'rules.usb-none-second-controller.disabledHere': "此处禁用了 USB（`model='none'`）",
  'rules.usb-none-usb-devices.machineWithoutUsb': '这种机器没有 USB 控制器，除非域中添加一个',
  'rules.usb-none-usb-input.input': "USB 已禁用，却有 `<input bus='usb'>`",
  'rules.usb-none-redirdev.redirdev': '域中没有 USB 控制器，却有 USB 重定向设备',
  'rules.usb-none-usb-devices.device': '域中没有 USB 控制器，却有 USB 设备（`<{element}>`）',
  'rules.usb-companion-without-master.allCompanions': '所有 USB 控制器都是配套控制器（`<master>`），没有一个是它们所依附的主控制器',
  'rules.usb-xhci-too-many-ports.ports': '`{model}` 控制器要求 {count} 个端口；它最多只有 {max} 个',
  'rules.usb-xhci-too-many-ports.setPorts': '将 ports 设为 {max}',
  'rules.usb-qusb-model.model': "`<domain type='{type}'>` 不支持 USB 控制器型号 `{model}`",
  'rules.usb-ports-unsupported-model.fixed': '`{model}` USB 控制器的端口数是固定的；只有 qemu-xhci 和 nec-xhci 可以设置 `ports`',
  'rules.usb-companion-master-missing.noMaster': '没有 index 为 {index} 的 USB 控制器可以作为这个配套控制器的主控制器',
  'rules.usb-controller-index-duplicate.second': '第二个 index 为 {index} 的 USB 控制器（只有带 `<master>` 的配套控制器可以共用 index）',
  'rules.usb-controller-index-duplicate.first': '第一个使用该 index 的 USB 控制器',
  'rules.usb-bus-missing.missing': '没有 index 为 {bus} 的 USB 控制器：设备的 USB 地址指定了总线 {bus}',
  'rules.usb-port-out-of-range.controller': '总线 {bus} 的 {model} 控制器',
  'rules.usb-port-out-of-range.defaultModelController': '总线 {bus} 的默认 {model} 控制器',
  'rules.usb-port-out-of-range.defaultController': '总线 {bus} 的默认控制器',
  'rules.usb-port-out-of-range.addedController': '作为总线 0 由 libvirt 自动添加的 {model} 控制器',
  'rules.usb-port-out-of-range.hub': '端口 {port} 上的 USB 集线器',
  'rules.usb-port-out-of-range.through': 'USB 地址 {port} 经过端口 {through}，但{hub}只有 {count} 个端口',
  'rules.usb-port-out-of-range.noHub': 'USB 地址 {port} 经过总线 {bus} 的端口 {through}，但该端口上没有 `<hub>`',
  'rules.usb-port-out-of-range.noPort': '总线 {bus} 上没有 USB 端口 {port}：{hub}只有 {count} 个端口',
  'rules.usb-address-duplicate.secondHub': '总线 {bus} 端口 {port} 上的第二个 USB 集线器',
  'rules.usb-address-duplicate.firstHub': '该端口上的第一个集线器',
  'rules.usb-address-duplicate.taken': 'USB 地址总线 {bus} 端口 {port} 已被占用',
  'rules.usb-address-duplicate.hubOnPort': '该端口上的 `<hub>`',
  'rules.usb-address-duplicate.firstDevice': '该端口上的第一个设备',
  'rules.input-bus-unsupported.ps2': 'PS/2 总线没有 `{type}` 设备，只接鼠标和键盘',
  'rules.input-bus-unsupported.xen': '全虚拟化（`hvm`）虚拟机不能使用 Xen 输入总线',
  'rules.input-bus-unsupported.passthrough': "`passthrough` 输入设备是 virtio 设备，`bus='{bus}'` 无法承载",
  'rules.input-bus-unsupported.evdev': '`evdev` 输入设备不能有 `bus`',
  'rules.input-bus-unsupported.virtioModel': "输入设备型号 `{model}` 需要 `bus='virtio'`，而不是 `bus='{bus}'`",
  'rules.input-bus-unsupported.useVirtio': "改用 bus='virtio'",
  'rules.input-ps2-feature-off.ps2': "`<ps2 state='off'/>` 已禁用 PS/2 控制器，却有 PS/2 输入设备",
  'rules.input-ps2-feature-off.off': '此处关闭了 PS/2 控制器',
  'rules.input-virtio-transitional.model': "`<input type='{type}'>` 没有输入设备型号 `{model}`",
  'rules.input-virtio-transitional.useVirtio': "改用 model='virtio'",
  'rules.graphics-egl-headless-pairing.pair': "`<graphics type='{type}'>` 不能与 egl-headless 搭配，只有 vnc 和 spice 可以",
  'rules.graphics-egl-headless-pairing.egl': 'egl-headless 显示',
  'rules.graphics-multiple-opengl.twice': 'SPICE 用 OpenGL 渲染，同时 egl-headless 显示也在用 OpenGL 渲染',
  'rules.graphics-vnc-password-too-long.length': 'VNC 密码长 {length} 个字符；VNC 最多只接受 8 个',
  'rules.graphics-listen-unsupported.network': "`type='network'` 的监听未指定所用的 `network`",
  'rules.graphics-listen-unsupported.rdp': 'RDP 显示不能使用 `{type}` 监听，只有 VNC 和 SPICE 可以',
  'rules.graphics-dbus-p2p-address.both': "点对点（`p2p='yes'`）的 D-Bus 显示又指定了总线 `address`",

  'rules.help.video-second-primary':
    "一个域只有一块主显卡：`<model primary='yes'>` 所在的 `<video>`，没有标记时就是第一个 `<video>`。libvirt 拒绝第二个 `primary='yes'`。请只在虚拟机启动时使用的那块显卡上保留它，其他显卡上删掉。",
  'rules.help.video-model-attributes':
    '`ram`、`vram64` 和 `vgamem` 设置的是 qxl 显卡的显存，其他型号没有这些属性。type 为 `none` 的 `<video>` 表示虚拟机没有显卡，因此不能与其他显卡并存。`<resolution>` 的宽和高都必须大于 0。ramfb 不在任何总线上，不能有 `<address>`。',
  'rules.help.video-model-qemu':
    "只有 qxl 和 virtio 显卡可以作为副显示设备或有多个输出头；其他型号（vga、cirrus、bochs 等）只能作为主显卡，且 heads='1'。qxl 的 `vgamem` 必须是 2 的幂且不小于 1024 KiB；vga 或 vmvga 的 `vram` 不能小于 1024 KiB。",
  'rules.help.chardev-source-incomplete':
    '字符设备后端需要知道所连接对象的地址：`file`、`dev`、`pipe` 和 `unix` 需要 `path`（libvirt 只会为 virtio 或 xen 目标的 `<channel>` 自动生成 unix 路径），主动连接的 `tcp` 需要 `host` 和 `service`，`spiceport` 需要 `channel`（字母、数字、`_`、`-`、`.`）。请在 `<source>` 上补上缺少的属性。',
  'rules.help.chardev-reconnect-listen':
    "重连是客户端在服务端断开后做的事：libvirt 拒绝在处于监听状态（mode='bind'）的 tcp 或 unix 源上设置 `<reconnect enabled='yes'>`。对于 QEMU 驱动，virtio 目标的 unix `<channel>` 在没有路径、或路径位于 libvirt 自己的通道目录下（libvirt 会替换掉它）时也处于监听状态。请把源设为 mode='connect' 并使用自己的路径，或者去掉 `<reconnect>`。",
  'rules.help.chardev-reconnect-timeout':
    "设置 `<reconnect enabled='yes'>` 后，QEMU 每隔 `timeout` 秒重试一次连接；0 意味着永不重试，libvirt 会拒绝。请把超时设为 1 或更大，或者设置 enabled='no'。",
  'rules.help.chardev-tcp-protocol':
    "QEMU 的 tcp 字符设备只支持 raw 和 telnet 协议，没有 `telnets` 和 `tls` 协议；需要加密连接时，请在 raw 或 telnet 协议下使用 `<source ... tls='yes'>`。",
  'rules.help.chardev-spice-without-graphics':
    "`spicevmc` 和 `spiceport` 后端是 SPICE 显示的通道：域中需要有 `<graphics type='spice'>`。请添加一个，或者改用其他后端。",
  'rules.help.channel-guestfwd-target':
    "guestfwd 通道截获虚拟机发往某个 IP 地址和端口的连接，并转交给宿主机一侧：它的 `<target type='guestfwd'>` 必须同时有 `address` 和 `port`。",
  'rules.help.console-sclp-arch':
    'SCLP 控制台是 s390 设备：在其他架构上请使用 `serial` 或 `virtio` 控制台目标。',
  'rules.help.console-serial-not-first':
    "`<target type='serial'>` 的控制台是第一个串口的另一种视图，只有第一个 `<console>` 可以这样设置。请把其他控制台改为 virtio 控制台，或者删除它们。",
  'rules.help.serial-target-mismatch':
    '串口的 `<target type>`、`<model name>` 和 `<address type>` 必须相互匹配：pl011 和 16550a 是 system-serial 设备，spapr-vty 是 spapr-vio-serial 设备，sclpconsole 是 sclp-serial 设备；isa-serial 串口位于 isa 地址上，pci-serial 串口位于 pci 地址上，system-serial 和 sclp-serial 串口不能有地址。请让三者一致，或者省略 libvirt 可以自行选择的部分。',
  'rules.help.serial-target-machine':
    '有些串口型号只属于某一种机器：pl011 属于 ARM virt，16550a 属于 RISC-V 和 LoongArch virt，spapr-vio-serial 和 spapr-vty 属于 pSeries，sclp-serial、sclpconsole 和 sclplmconsole 属于 s390。s390 和 pSeries 虚拟机没有并口。请选用该机器的型号（或省略 `<target>`，让 libvirt 选择），或者删除并口。',
  'rules.help.tpm-second':
    'QEMU 虚拟机最多只能有一个 TPM，另外（在 pSeries 上）还可以有一个 `spapr-tpm-proxy`。请删除多余的 `<tpm>`。',
  'rules.help.tpm-version-unsupported':
    "模拟的 TPM 1.2（`<backend type='emulator' version='1.2'>`）只适用于 x86 虚拟机，而且只能用 tpm-tis 接口，不能用 tpm-crb。请使用 version='2.0'（或不写版本）。ppc64 上的 `spapr-tpm-proxy` 转发宿主机的 TPM：它的后端必须是 `passthrough`。",
  'rules.help.tpm-backend-invalid':
    "`<active_pcr_banks>` 只适用于 TPM 2.0。external 类型的 TPM 后端通过 unix 套接字连接正在运行的 swtpm：它的 `<source>` 必须是 type='unix'、mode='connect'（默认值），并给出套接字的 `path`。",
  'rules.help.tpm-model-arch':
    '`tpm-spapr` 和 `spapr-tpm-proxy` 型号是 pSeries（ppc64）平台的设备，其他 QEMU 二进制都没有。在 x86 上请使用 tpm-tis 或 tpm-crb，在 ARM 上使用 tpm-tis。',
  'rules.help.iommu-machine':
    '每种 IOMMU 型号只属于特定的机器：`intel`（VT-d）属于 Q35，`smmuv3` 属于 ARM virt，`virtio` 属于 Q35 和 ARM virt。请选用与机器类型相符的型号，或者更换机器类型。',
  'rules.help.iommu-model-options':
    '`<iommu>` 的 `<driver>` 选项 intremap、caching_mode、eim、iotlb 和 dma_translation 用于配置 Intel VT-d IOMMU；smmuv3 和 virtio 型号都没有这些选项。intel 和 smmuv3 IOMMU 是机器内置的，不能有 `<address>`。请删除该型号没有的设置。',
  'rules.help.iommu-virtio-requirements':
    "virtio IOMMU 是虚拟机通过 ACPI 发现的 PCI 设备：域需要 `<features><acpi/></features>`；如果指定了 `<address>`，必须是 type='pci'。",
  'rules.help.iommu-interrupt-remapping':
    "中断重映射（`<driver intremap='on'>`）只能与 QEMU 自己的 I/O APIC 配合使用：请添加 `<features><ioapic driver='qemu'/></features>`。扩展中断模式（`eim='on'`）是中断重映射的一部分：请同时打开 `intremap`。",
  'rules.help.panic-model':
    'panic 设备取决于平台：x86 上是 `isa`（ISA 总线上的 pvpanic）和 `hyperv`，s390 上是 `s390`，pSeries 上是 `pseries`，其他平台是 `pvpanic`（PCI）。不指定型号时 libvirt 会选用平台自己的型号，但有些平台（RISC-V）没有默认型号可选：请指定一个。请使用与平台相符的型号。',
  'rules.help.panic-address':
    's390、hyperv 和 pseries 型号的 panic 设备是平台自带的，不能有 `<address>`；isa 型号位于 isa 地址上（iobase），pvpanic 型号位于 PCI 地址上。请删除地址，或者给出正确类型的地址。',
  'rules.help.shmem-size':
    "ivshmem 内存区域映射为 PCI BAR，因此大小必须是 2 的幂，并且 libvirt 要求至少 1 MiB。注意，除非用 `unit` 另行指定，`<size>` 以字节为单位（unit='M' 表示 MiB）。请使用 1、2、4、8…… MiB。",
  'rules.help.shmem-name':
    "shmem 的 `name` 会成为 /dev/shm 下的文件名：不能包含 '/'，也不能是 '.' 或 '..'。请使用普通的名称。",
  'rules.help.shmem-ivshmem-model':
    'QEMU 已经去掉了旧的 `ivshmem` 设备：只需要共享内存时请用 `ivshmem-plain`，需要 `<server>` 时用 `ivshmem-doorbell`。',
  'rules.help.shmem-server':
    'QEMU 的两种共享内存设备区别在于内存由谁提供：`ivshmem-plain` 自己映射内存（有 `<size>`，没有 `<server>`），`ivshmem-doorbell` 从 ivshmem 服务器获得内存和中断（有 `<server>`，没有 `<size>`）。请选用相符的型号。',
  'rules.help.vhost-user-shared-memory':
    "virtiofs 和 vhost-user 磁盘由另一个进程提供服务，该进程直接读写虚拟机内存，因此这部分内存必须是共享的：请添加 `<memoryBacking><access mode='shared'/></memoryBacking>`，或者为每个 NUMA `<cell>` 设置 memAccess='shared'。对 libvirt 来说，只有 memfd `<source>` 是不够的。",
  'rules.help.filesystem-qemu':
    "QEMU 通过 9p（path 或 handle 驱动）或 virtiofs 与虚拟机共享宿主机目录（type='mount'）。用量限制、loop/nbd/ploop 驱动以及其他文件系统类型属于其他虚拟化平台。`fmode` 和 `dmode` 只适用于 accessmode='mapped' 的 9p。virtiofs 不支持 model、format、multidevs、fmode 和 dmode；由 libvirt 自己运行 virtiofsd 时，只支持 passthrough 访问模式，也不支持写策略。请删除不适用的设置。",
  'rules.help.filesystem-target':
    '虚拟机只能从 virtiofs 文件系统启动：其他文件系统上的 `<boot order>` 会被拒绝。虚拟机通过 `<target dir>` 标签找到每个 virtiofs 文件系统，因此两个文件系统不能共用同一个标签。请删除启动顺序，或者重命名标签。',
  'rules.help.net-queue-size':
    'virtio-net 的环大小（`<driver rx_queue_size>` 和 `tx_queue_size`）必须是 2 的幂：256、512、1024。',
  'rules.help.net-vhostuser-invalid':
    "vhost-user 接口是后端运行在另一个进程中的 virtio-net 设备：它的 `<model type>` 必须是 virtio（或者省略）。libvirt 一侧是套接字服务端（`<source mode='server'>`）时不能重连：只有客户端才会重连。",
  'rules.help.net-qemu-options':
    '在 QEMU 下，中断合并（`<coalesce>`）只能用于 network 和 bridge 接口；vDPA 接口是 virtio 设备；在故障切换对（`<teaming>`）中，持久接口是 virtio 接口，临时接口是 hostdev（或 network）接口。',
  'rules.help.net-definition':
    "`<target managed='no'>`（预先创建的 tap 设备）用于 ethernet 接口。临时故障切换接口要指定与之配对的持久接口（`<teaming type='transient' persistent='ALIAS'>`），持久接口则不指定。端口隔离只存在于 network 和 bridge 接口。passt 后端及其 `<portForward>` 规则用于 user（以及 vhost-user）接口。",
  'rules.help.net-guest-ip':
    'QEMU 只能在用户模式接口（slirp 或 passt）上告诉虚拟机它的地址：其他接口类型上的 `<ip>` 和 `<route>` 是给其他虚拟化平台用的。使用 slirp 时，虚拟机只有一个 IPv4 地址（前缀 4 到 27）和一个 IPv6 地址（前缀 64），没有对端地址，也没有路由。',
  'rules.help.net-host-ip':
    '`<source>` 中的地址和路由设置在 tap 设备的宿主机一侧，libvirt 只对 ethernet 接口这样做。',
  'rules.help.net-mtu-type':
    'QEMU 可以设置基于 tap 的接口（network、bridge、ethernet）、vhost-user 接口和 passt user 接口的 MTU。其他类型（direct、hostdev、slirp user、udp 等）请在虚拟机内配置 MTU。',
  'rules.help.virtio-options-non-virtio':
    '`<driver>` 的 `iommu`、`ats`、`packed` 和 `page_per_vq` 属性用于调整 virtio 传输；不是 virtio 的设备（vga 显卡、e1000 接口等）没有这些属性。请删除它们，或者改用 virtio 型号。',
  'rules.help.watchdog-model':
    '每种看门狗型号属于一种平台：`ib700` 是 i440fx（pc）机器的 ISA 卡，`itco` 内置于 Q35，`diag288` 属于 s390，`i6300esb` 是 PCI 卡。只有 i6300esb 可以有 `<address>`（PCI 地址）。请选用与机器相符的型号。',
  'rules.help.watchdog-set':
    'QEMU 每种型号只运行一个看门狗（i6300esb 除外，PCI 卡可以有多块），而且所有看门狗触发时执行同一个 `action`。请删除重复的看门狗，或者给所有看门狗设置相同的动作。',
  'rules.help.qemu-device-kind':
    'QEMU 的控制台只有 `serial`、`virtio`、`sclp` 和 `sclplm`；内存气球只有 `virtio`（或 `none`）；`<nvram>` 设备属于 pSeries，位于带 `reg` 的 spapr-vio 地址上。其他类型属于其他虚拟化平台：请使用上述类型之一。',
  'rules.help.audio-spice-without-graphics':
    "`<audio type='spice'>` 通过 SPICE 显示传送虚拟机的声音：域中需要有 `<graphics type='spice'>`，否则请换用其他音频后端。",
  'rules.help.vsock-cid':
    "vsock 上下文 ID 0、1 和 2 是保留值（hypervisor、本地、宿主机）：虚拟机的 `<cid address>` 必须不小于 3，或者设置 auto='yes'。",
  'rules.help.usb-none-second-controller':
    "`<controller type='usb' model='none'>` 表示域完全没有 USB，因此它必须是唯一的 USB 控制器。libvirt 拒绝与它并存的其他 `<controller type='usb'>`。要保留 USB，请删除 `none` 控制器；否则请删除其他 USB 控制器。",
  'rules.help.usb-companion-without-master':
    "带 `<master startport>` 子元素的 USB 控制器是配套控制器（例如 ich9-uhci1..3，它们为 ich9-ehci1 提供 USB 1 端口）：它服务于 `index` 相同的另一个 USB 控制器的端口。如果域中的 USB 控制器全是配套控制器，libvirt 会拒绝。请添加主控制器（对于 ich9-uhci 配套控制器，添加 `<controller type='usb' index='N' model='ich9-ehci1'>`），或者去掉 `<master>`。",
  'rules.help.usb-none-usb-input':
    "设置 `<controller type='usb' model='none'>` 后域中没有 USB 总线，`<input bus='usb'>`（USB 数位板、鼠标或键盘）无处可插。请使用其他总线（`virtio`，或者在 x86 上为鼠标和键盘使用 `ps2`），或者给域一个 USB 控制器，而不是 `model='none'`。",
  'rules.help.usb-none-redirdev':
    "`<redirdev bus='usb'>` 通过 USB 端口把客户端的 USB 设备转发给虚拟机；设置了 `<controller type='usb' model='none'>`，或者机器本身没有 USB 控制器而域中也没有添加时，就没有 USB 端口。请删除重定向设备，或者给域添加一个 USB 控制器。",
  'rules.help.usb-none-usb-devices':
    "设置了 `<controller type='usb' model='none'>`，或者机器本身没有 USB 控制器（ARM virt、RISC-V、s390、LoongArch、isapc、microvm）而域中也没有添加时，就没有 USB 总线，USB 设备（USB 磁盘、主机设备、集线器、声卡、串口或智能卡读卡器，以及任何带 `<address type='usb'>` 的设备）无处可插。请删除这些设备，或者给域一个 USB 控制器，而不是 `model='none'`。",
  'rules.help.usb-qusb-model':
    '`qusb1` 和 `qusb2` USB 控制器型号不是 QEMU 设备，QEMU 驱动会拒绝它们。请使用 QEMU 的型号，例如 `qemu-xhci`（或省略 `model`，使用机器的默认型号）。',
  'rules.help.usb-xhci-too-many-ports':
    'QEMU 的 xHCI 控制器（`nec-xhci`、`qemu-xhci`）最多有 {max} 个端口；libvirt 拒绝更大的 `ports`。请调小 `ports`、再添加一个 USB 控制器，或者在某个端口上接一个 `<hub>`，多出 8 个端口。',
  'rules.help.usb-ports-unsupported-model':
    "只有 xHCI 控制器（`qemu-xhci`、`nec-xhci`）的端口数可以配置；UHCI、OHCI 和 EHCI 型号的端口数是固定的，libvirt 在启动虚拟机时会拒绝它们上面的 `ports`。请去掉 `ports`，或者使用 `model='qemu-xhci'`。",
  'rules.help.usb-companion-master-missing':
    '配套 USB 控制器（带 `<master startport>` 的控制器，例如 ich9-uhci1..3）依附于 `index` 相同的主控制器（例如 ich9-ehci1）。如果没有控制器使用这个 index，QEMU 就没有可依附的对象，虚拟机无法启动。请让配套控制器使用其主控制器的 index，或者添加主控制器。',
  'rules.help.usb-controller-index-duplicate':
    '每个 USB 控制器的 `index` 就是它的总线号。只有 EHCI 控制器的配套控制器（ich9-uhci1..3，带 `<master>`）可以与它共用 index；两个各自提供端口的控制器不能共用。请给第二个控制器一个未使用的 index。',
  'rules.help.usb-bus-missing':
    "每条 USB 总线对应一个 `<controller type='usb'>`，其 `index` 等于设备 `<address type='usb'>` 的 `bus`。如果 USB 地址所在的总线没有 USB 控制器提供，libvirt 会拒绝。请添加具有该 index 的 USB 控制器，或者把设备移到已有的总线上（或者去掉 `<address>`，让 libvirt 选择空闲端口）。",
  'rules.help.usb-port-out-of-range':
    'USB 端口是一个以点分隔的路径：先是控制器的端口，然后依次是其下每个 `<hub>` 的端口（`1.3` 是端口 1 上集线器的端口 3）。每种控制器型号的端口数是固定的（piix3-uhci 2 个，pci-ohci 3 个，ehci 6 个，nec-xhci 和 qemu-xhci 4 个，除非 `ports` 指定更多），USB 集线器有 8 个；路径只能经过接有 `<hub>` 的端口。请选用存在的端口、添加集线器，或者调大 xHCI 控制器的 `ports`。',
  'rules.help.usb-address-duplicate':
    '一个 USB 端口只能接一个设备。libvirt 先放置 `<hub>` 元素，再放置其他指定了 USB 地址的设备，并拒绝已被占用的端口，包括集线器所在的端口。请给其中一个设备换一个端口（如果它应该接在集线器后面，就用集线器的端口，例如 `1.1`），或者去掉它的 `<address>`，让 libvirt 选择空闲端口。',
  'rules.help.input-bus-unsupported':
    "每种输入总线只承载部分输入设备类型：PS/2 只有鼠标和键盘（没有数位板），Xen 总线用于 Xen 虚拟机，`passthrough` 输入设备是 virtio 设备，`evdev` 输入设备根本不能有 `bus`，`virtio*` 型号需要 `bus='virtio'`。请选择能承载该设备的总线，或者换一种类型。",
  'rules.help.input-ps2-feature-off':
    "`<features><ps2 state='off'/>` 去掉了虚拟机的 PS/2（i8042）控制器，`<input bus='ps2'>` 设备因此无处连接。请为鼠标和键盘使用 `bus='usb'` 或 `bus='virtio'`，或者重新打开 ps2 特性。",
  'rules.help.input-virtio-transitional':
    "QEMU 的 virtio 输入设备没有 transitional 和 non-transitional 变体，因此 libvirt 拒绝 `<input>` 上的 `model='virtio-transitional'` 和 `model='virtio-non-transitional'`。请使用 `model='virtio'`，或者省略 `model`。",
  'rules.help.graphics-egl-headless-pairing':
    "`<graphics type='egl-headless'>` 在宿主机上用 OpenGL 渲染，再把画面交给另一个显示；QEMU 只能交给 VNC 或 SPICE。请将 egl-headless 与 `vnc` 或 `spice` 类型的 `<graphics>` 搭配使用，或者删除它。",
  'rules.help.graphics-multiple-opengl':
    "QEMU 只能在一个地方用 OpenGL 渲染域的显示：要么由 SPICE 渲染（`<gl enable='yes'>`），要么由 egl-headless 显示渲染。要保留 egl-headless，请关闭 SPICE 的 `<gl>`；否则删除 egl-headless 类型的 `<graphics>`。",
  'rules.help.graphics-vnc-password-too-long':
    'VNC 的密码认证最多只使用密码的 8 个字符（字节），因此 libvirt 拒绝更长的 `passwd`，而不是悄悄截断。请使用不超过 8 个字符的密码，或者把 VNC 服务放在 TLS 之后，或放在只有可信用户能访问的套接字上。',
  'rules.help.graphics-listen-unsupported':
    "`<listen>` 指定远程显示服务在哪里等待客户端连接。`type='network'` 的监听需要指定它从中获取地址的 `network`；UNIX 套接字（`type='socket'`）和不监听（`type='none'`）只适用于 VNC 和 SPICE。请指定网络，或者改为监听一个地址。",
  'rules.help.graphics-dbus-p2p-address':
    "D-Bus 显示要么与客户端点对点通信（`p2p='yes'`），要么通过 `address` 接入总线，不能两者兼有。请去掉 `address` 或 `p2p`。",
};
