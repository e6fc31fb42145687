/**
 * libvirt's rules about devices other than disks and PCI plumbing (rules/devices/) and about USB,
 * input and graphics (rules/usb/): what each rule reports (`rules.<code>.<what>`), its help
 * (`rules.help.<code>`), and the fix titles these rules share (`rules.devices.fix.*`).
 */
export const RULES_DEVICES_EN = {
  'rules.devices.fix.removeAttribute': 'Remove `{name}`',
  'rules.devices.fix.removeAddress': 'Remove the `<address>`',

  'rules.video-second-primary.second': "A second `<video>` is marked primary='yes'",
  'rules.video-second-primary.first': "The first `<video>` marked primary='yes'",
  'rules.video-model-attributes.qxlMemory': "`{name}` sizes qxl memory; a '{type}' adapter has none",
  'rules.video-model-attributes.none': "A 'none' video cannot stand with other `<video>` devices",
  'rules.video-model-attributes.resolution': "The resolution's `{name}` is 0",
  'rules.video-model-attributes.ramfb': 'A ramfb display takes no `<address>`',
  'rules.video-model-attributes.vhostuser': "A vhost-user video backend drives a virtio adapter, not '{type}'",
  'rules.video-model-attributes.rendernode': 'A render node is chosen for a vhost-user video backend only',
  'rules.video-model-attributes.blob': "Blob resources are a virtio-gpu feature; a '{type}' adapter has none",
  'rules.video-model-qemu.notPrimary': "A '{type}' adapter can only be the primary video device, and this one is not",
  'rules.video-model-qemu.heads': "A '{type}' adapter has one head, not {count}",
  'rules.video-model-qemu.vgamemSmall': '`vgamem` is {kib} KiB, less than 1 MiB',
  'rules.video-model-qemu.vgamemPower': '`vgamem` is {kib} KiB, not a power of two',
  'rules.video-model-qemu.vramSmall': '`vram` is {kib} KiB, less than 1 MiB',
  'rules.video-model-qemu.resolution': "A '{type}' adapter has no settable resolution",
  'rules.video-model-qemu.accel3d': "3D acceleration needs a virtio adapter, not '{type}'",
  'rules.video-model-qemu.accel2d': 'QEMU has no 2D acceleration setting',
  'rules.video-model-qemu.blob': "virtio-gpu blob resources need memfd-backed memory (`<memoryBacking><source type='memfd'/>`)",

  'rules.chardev-source-incomplete.rng': "The egd backend of `<rng>` (type '{type}')",
  'rules.chardev-source-incomplete.device': "`<{element}>` of type '{type}'",
  'rules.chardev-source-incomplete.noPath': '{device} has no source `path`',
  'rules.chardev-source-incomplete.noUnixPath': '{device} has no source `path`; libvirt makes one up only for a virtio or xen `<channel>`',
  'rules.chardev-source-incomplete.noHost': '{device} connects to no source `host`',
  'rules.chardev-source-incomplete.noService': '{device} connects to no source `service` (port)',
  'rules.chardev-source-incomplete.noChannel': '{device} has no source `channel`',
  'rules.chardev-source-incomplete.badChannel': "The source channel '{channel}' has a character other than letters, digits, '_', '-' and '.'",
  'rules.chardev-source-incomplete.nmdm': '{device} names only one of `master` and `slave`',
  'rules.chardev-reconnect-listen.bind': "its source mode is 'bind'",
  'rules.chardev-reconnect-listen.noPath': 'it has no path, so libvirt makes one up and listens on it',
  'rules.chardev-reconnect-listen.generatedPath': 'its path is one libvirt generates under {dir}, so libvirt drops it, makes up its own and listens on it',
  'rules.chardev-reconnect-listen.listens': 'This `<{element}>` source listens ({why}), and a listening source cannot reconnect',
  'rules.chardev-reconnect-timeout.zero': 'The reconnect timeout is 0 seconds',
  'rules.chardev-tcp-protocol.protocol': "QEMU has no tcp chardev protocol '{protocol}'",
  'rules.chardev-spice-without-graphics.noSpice': "A '{type}' backend needs `<graphics type='spice'>`, and the domain has none",
  'rules.channel-guestfwd-target.noAddress': 'The guestfwd channel names no target `address`',
  'rules.channel-guestfwd-target.noPort': 'The guestfwd channel names no target `port`',
  'rules.console-sclp-arch.arch': "The {console} console exists on s390 only, not on '{arch}'",
  'rules.console-serial-not-first.notFirst': 'Only the first `<console>` can stand for a serial port',
  'rules.serial-target-mismatch.noAddress': "A serial port with target type '{type}' takes no `<address>`",
  'rules.serial-target-mismatch.addressType': "A serial port with target type '{type}' needs an address of type '{wanted}', not '{actual}'",
  'rules.serial-target-mismatch.model': "The serial target model '{model}' is a '{modelType}' device, but the target type is '{type}'",
  'rules.serial-target-mismatch.targetType': 'The target type',
  'rules.serial-target-machine.arch': "architecture '{arch}'",
  'rules.serial-target-machine.archMachine': "architecture '{arch}' and machine '{machine}'",
  'rules.serial-target-machine.noParallel': 'There is no parallel port on {machine}',
  'rules.serial-target-machine.armVirt': 'ARM virt machines',
  'rules.serial-target-machine.riscvLoongarchVirt': 'RISC-V virt and LoongArch virt machines',
  'rules.serial-target-machine.pseries': 'pSeries machines',
  'rules.serial-target-machine.s390': 's390 guests',
  'rules.serial-target-machine.type': "A serial port of target type '{type}' exists only on {belongs}, not on {machine}",
  'rules.serial-target-machine.typeModel': "A serial port of target type '{type}' and model '{model}' exists only on {belongs}, not on {machine}",

  'rules.tpm-second.proxy': 'A second TPM Proxy (`spapr-tpm-proxy`)',
  'rules.tpm-second.tpm': 'A second TPM',
  'rules.tpm-second.firstProxy': 'The first TPM Proxy',
  'rules.tpm-second.first': 'The first TPM',
  'rules.tpm-version-unsupported.arch': "TPM 1.2 is emulated only for x86 guests, not for architecture '{arch}'",
  'rules.tpm-version-unsupported.crb': 'TPM 1.2 does not work behind the tpm-crb interface',
  'rules.tpm-version-unsupported.proxyBackend': "A spapr-tpm-proxy needs the passthrough backend, not '{backend}'",
  'rules.tpm-backend-invalid.pcrBanks': '`<active_pcr_banks>` needs TPM version 2.0, not {version}',
  'rules.tpm-backend-invalid.sourceType': "An external TPM connects over a unix socket, not '{type}'",
  'rules.tpm-backend-invalid.bind': "An external TPM connects to swtpm: mode='bind' is not possible",
  'rules.tpm-backend-invalid.noPath': "The external TPM's source has no socket `path`",
  'rules.tpm-model-arch.arch': "The '{model}' TPM exists on ppc64 only, not on '{arch}'",

  'rules.iommu-machine.machine': "The '{model}' IOMMU exists only on {families} machines, not on '{machine}' ({arch})",
  'rules.iommu-model-options.option': 'The {model} IOMMU has no `{option}` option',
  'rules.iommu-model-options.address': 'The {model} IOMMU is part of the machine and takes no `<address>`',
  'rules.iommu-virtio-requirements.acpi': 'The virtio IOMMU needs ACPI, and the domain has no `<features><acpi/>`',
  'rules.iommu-virtio-requirements.address': "The virtio IOMMU is a PCI device, so its address cannot be of type '{type}'",
  'rules.iommu-interrupt-remapping.ioapic': "Interrupt remapping is on, but the I/O APIC is not QEMU's split one (`<ioapic driver='qemu'/>`)",
  'rules.iommu-interrupt-remapping.eim': 'Extended interrupt mode is on, but interrupt remapping is not',

  'rules.panic-model.noDefault': "`<panic>` has no model, and libvirt has none to pick for architecture '{arch}'",
  'rules.panic-model.model': "The '{model}' panic device exists only on {where}",
  'rules.panic-model.s390': 's390 guests',
  'rules.panic-model.hyperv': 'x86 guests',
  'rules.panic-model.pseries': 'pSeries guests',
  'rules.panic-address.noAddress': "The '{model}' panic device is part of the platform and takes no `<address>`",
  'rules.panic-address.addressType': "The '{model}' panic device needs an address of type '{wanted}', not '{actual}'",

  'rules.shmem-size.size': 'The shared memory size, {size} {unit} ({bytes} bytes), is not a power of two of at least 1 MiB',
  'rules.shmem-name.slash': "The shmem name '{name}' contains '/'",
  'rules.shmem-name.dots': "The shmem name cannot be '{name}'",
  'rules.shmem-ivshmem-model.gone': "QEMU has no 'ivshmem' device any more",
  'rules.shmem-ivshmem-model.use': 'Use {model}',
  'rules.shmem-server.doorbellWithoutServer': 'An ivshmem-doorbell device needs a `<server>`',
  'rules.shmem-server.plainWithServer': 'An ivshmem-plain device has no `<server>` (that is ivshmem-doorbell)',
  'rules.shmem-server.doorbellWithSize': 'An ivshmem-doorbell device gets its memory from the server: it takes no `<size>`',
  'rules.vhost-user-shared-memory.virtiofs': 'virtiofs',
  'rules.vhost-user-shared-memory.disk': 'A {type} disk',
  'rules.vhost-user-shared-memory.cell': "NUMA cell {id} does not share its memory (memAccess='shared')",
  'rules.vhost-user-shared-memory.cellWithoutId': "NUMA cell does not share its memory (memAccess='shared')",
  'rules.vhost-user-shared-memory.domain': "the domain's memory is not shared (`<memoryBacking><access mode='shared'/>`)",
  'rules.vhost-user-shared-memory.needsShared': '{device} needs shared guest memory, and {why}',
  'rules.vhost-user-shared-memory.privateCell': 'The NUMA cell whose memory is private',

  'rules.filesystem-qemu.type': "QEMU shares host directories only (type='mount'), not type '{type}'",
  'rules.filesystem-qemu.limit': "QEMU cannot limit a filesystem's usage (`<{limit}>`)",
  'rules.filesystem-qemu.mode': "`{name}` applies with accessmode='mapped' only, and the access mode is '{access}'",
  'rules.filesystem-qemu.sandbox': 'The sandbox is a virtiofsd setting, and this filesystem does not use virtiofs',
  'rules.filesystem-qemu.handle': "The handle driver supports accessmode='passthrough' only, not '{access}'",
  'rules.filesystem-qemu.driver': "QEMU has no '{driver}' filesystem driver",
  'rules.filesystem-qemu.virtiofsAccess': "virtiofs supports accessmode='passthrough' only, not '{access}'",
  'rules.filesystem-qemu.virtiofsWrpolicy': 'virtiofs has no write policy',
  'rules.filesystem-qemu.virtiofsModel': 'virtiofs has no model',
  'rules.filesystem-qemu.virtiofsFormat': 'virtiofs has no format',
  'rules.filesystem-qemu.virtiofsMultidevs': 'virtiofs has no multidevs setting',
  'rules.filesystem-qemu.virtiofsMode': 'virtiofs has no `{name}`',
  'rules.filesystem-target.boot': 'Only a virtiofs filesystem can be booted from',
  'rules.filesystem-target.second': "A second virtiofs filesystem with target '{tag}'",
  'rules.filesystem-target.first': 'The first one',

  'rules.net-queue-size.power': '`{name}` is {value}, not a power of two ({lower} or {upper} would do)',
  'rules.net-vhostuser-invalid.model': "A vhost-user interface needs a virtio model, not '{model}'",
  'rules.net-vhostuser-invalid.reconnect': 'The vhost-user socket is in server mode, and a server cannot reconnect',
  'rules.net-qemu-options.coalesce': "Interrupt coalescing is not available on a '{type}' interface",
  'rules.net-qemu-options.vdpa': "A vDPA interface is a virtio device, not '{model}'",
  'rules.net-qemu-options.persistent': "The persistent interface of a failover pair must be virtio, not '{model}'",
  'rules.net-qemu-options.transient': "The transient interface of a failover pair must be a hostdev interface, not '{type}'",
  'rules.net-definition.unmanaged': "An unmanaged tap device is for ethernet interfaces, not '{type}' ones",
  'rules.net-definition.noPersistent': 'A transient failover interface must name its persistent partner (`persistent`)',
  'rules.net-definition.persistent': "`persistent` belongs to the transient interface, not a '{type}' one",
  'rules.net-definition.isolated': "Port isolation exists on network and bridge interfaces, not '{type}' ones",
  'rules.net-definition.passt': "The passt backend goes with user interfaces, not '{type}' ones",
  'rules.net-definition.portForward': '`<portForward>` needs a user interface with the passt backend',
  'rules.net-guest-ip.type': "QEMU cannot set guest-side addresses or routes on a '{type}' interface",
  'rules.net-guest-ip.route': 'QEMU cannot give the guest routes',
  'rules.net-guest-ip.peer': 'QEMU cannot set a peer address for the guest',
  'rules.net-guest-ip.secondIpv4': 'A second IPv4 address: a user interface has one',
  'rules.net-guest-ip.secondIpv6': 'A second IPv6 address: a user interface has one',
  'rules.net-guest-ip.ipv4Prefix': 'The IPv4 prefix {prefix} is outside 4-27',
  'rules.net-guest-ip.ipv6Prefix': 'The IPv6 prefix is {prefix}; QEMU takes 64 only',
  'rules.net-host-ip.type': "Host-side addresses and routes are set for ethernet interfaces only, not '{type}' ones",
  'rules.net-mtu-type.type': "QEMU cannot set the MTU of a '{type}' interface",
  'rules.virtio-options-non-virtio.option': "`{option}` is a virtio option, and this `<{element}>` is '{model}'",

  'rules.watchdog-model.ib700': "The ib700 watchdog exists on i440fx (pc) machines only, not on '{machine}'",
  'rules.watchdog-model.itco': "The itco watchdog is part of Q35 machines only, not of '{machine}'",
  'rules.watchdog-model.diag288': "The diag288 watchdog exists on s390 only, not on '{arch}'",
  'rules.watchdog-model.pci': "The i6300esb watchdog is a PCI card, so its address cannot be of type '{type}'",
  'rules.watchdog-model.noAddress': 'The {model} watchdog takes no `<address>`',
  'rules.watchdog-set.second': "A second '{model}' watchdog",
  'rules.watchdog-set.first': "The first '{model}' watchdog",
  'rules.watchdog-set.action': "This watchdog's action is '{action}', the first one's '{first}'",
  'rules.watchdog-set.firstAction': "The first watchdog's action",
  'rules.qemu-device-kind.console': "QEMU has no '{type}' console",
  'rules.qemu-device-kind.balloon': "QEMU has no '{model}' memory balloon",
  'rules.qemu-device-kind.nvramMachine': "The `<nvram>` device exists on pSeries guests only, not on '{machine}'",
  'rules.qemu-device-kind.nvramAddress': 'The `<nvram>` device needs a spapr-vio address with a `reg`',
  'rules.audio-spice-without-graphics.noSpice': "A spice audio backend needs `<graphics type='spice'>`, and the domain has none",
  'rules.vsock-cid.reserved': 'The guest CID {cid} is reserved',

  'rules.usb-none-second-controller.secondNone': "A second `<controller type='usb' model='none'>`",
  'rules.usb-none-second-controller.noneAfterOther': "`model='none'` disables USB, but there is another USB controller",
  'rules.usb-none-second-controller.first': 'The first USB controller',
  'rules.usb-none-second-controller.otherAfterNone': "Another USB controller while `model='none'` disables USB",
  'rules.usb-none-second-controller.disabledHere': "USB is disabled here (`model='none'`)",
  'rules.usb-none-usb-devices.machineWithoutUsb': 'This machine has no USB controller unless the domain adds one',
  'rules.usb-none-usb-input.input': "`<input bus='usb'>` while USB is disabled",
  'rules.usb-none-redirdev.redirdev': 'A USB redirection while the domain has no USB controller',
  'rules.usb-none-usb-devices.device': 'A USB device (`<{element}>`) while the domain has no USB controller',
  'rules.usb-companion-without-master.allCompanions': 'Every USB controller is a companion (`<master>`); none is the master they attach to',
  'rules.usb-xhci-too-many-ports.ports': 'The `{model}` controller asks for {count} ports; it has at most {max}',
  'rules.usb-xhci-too-many-ports.setPorts': 'Set ports to {max}',
  'rules.usb-qusb-model.model': "The USB controller model `{model}` is not available with `<domain type='{type}'>`",
  'rules.usb-ports-unsupported-model.fixed': 'The `{model}` USB controller has a fixed number of ports; only qemu-xhci and nec-xhci take `ports`',
  'rules.usb-companion-master-missing.noMaster': 'No USB controller with index {index} is the master of this companion',
  'rules.usb-controller-index-duplicate.second': 'A second USB controller with index {index} (only companions with `<master>` may share an index)',
  'rules.usb-controller-index-duplicate.first': 'The first USB controller with that index',
  'rules.usb-bus-missing.missing': "No USB controller has index {bus}: the device's USB address names bus {bus}",
  'rules.usb-port-out-of-range.controller': 'the {model} controller of bus {bus}',
  'rules.usb-port-out-of-range.defaultModelController': 'the default {model} controller of bus {bus}',
  'rules.usb-port-out-of-range.defaultController': 'the default controller of bus {bus}',
  'rules.usb-port-out-of-range.addedController': 'the {model} controller libvirt adds as bus 0',
  'rules.usb-port-out-of-range.hub': 'the USB hub at port {port}',
  'rules.usb-port-out-of-range.through': 'USB address {port} goes through port {through}, but {hub} has {count} ports',
  'rules.usb-port-out-of-range.noHub': 'USB address {port} goes through port {through} of bus {bus}, but no `<hub>` sits on that port',
  'rules.usb-port-out-of-range.noPort': 'USB port {port} does not exist on bus {bus}: {hub} has {count} ports',
  'rules.usb-address-duplicate.secondHub': 'A second USB hub on bus {bus} port {port}',
  'rules.usb-address-duplicate.firstHub': 'The first hub on that port',
  'rules.usb-address-duplicate.taken': 'USB address bus {bus} port {port} is already taken',
  'rules.usb-address-duplicate.hubOnPort': 'The `<hub>` on that port',
  'rules.usb-address-duplicate.firstDevice': 'The first device on that port',
  'rules.input-bus-unsupported.ps2': 'The PS/2 bus has no `{type}` device; it carries a mouse and a keyboard',
  'rules.input-bus-unsupported.xen': 'The Xen input bus is not available to a fully virtualized (`hvm`) guest',
  'rules.input-bus-unsupported.passthrough': "A `passthrough` input is a virtio device; `bus='{bus}'` cannot carry it",
  'rules.input-bus-unsupported.evdev': 'An `evdev` input takes no `bus`',
  'rules.input-bus-unsupported.virtioModel': "The input model `{model}` needs `bus='virtio'`, not `bus='{bus}'`",
  'rules.input-bus-unsupported.useVirtio': "Use bus='virtio'",
  'rules.input-ps2-feature-off.ps2': "A PS/2 input while `<ps2 state='off'/>` disables the PS/2 controller",
  'rules.input-ps2-feature-off.off': 'The PS/2 controller is turned off here',
  'rules.input-virtio-transitional.model': "The input model `{model}` is not available for `<input type='{type}'>`",
  'rules.input-virtio-transitional.useVirtio': "Use model='virtio'",
  'rules.graphics-egl-headless-pairing.pair': "`<graphics type='{type}'>` cannot be paired with egl-headless; only vnc and spice can",
  'rules.graphics-egl-headless-pairing.egl': 'The egl-headless display',
  'rules.graphics-multiple-opengl.twice': 'SPICE renders with OpenGL while an egl-headless display does too',
  'rules.graphics-vnc-password-too-long.length': 'The VNC password is {length} characters long; VNC takes at most 8',
  'rules.graphics-listen-unsupported.network': "A `type='network'` listen without the `network` it uses",
  'rules.graphics-listen-unsupported.rdp': 'An RDP display cannot have a `{type}` listen; only VNC and SPICE can',
  'rules.graphics-dbus-p2p-address.both': "A peer-to-peer (`p2p='yes'`) D-Bus display with a bus `address`",

  'rules.help.video-second-primary':
    "A domain has one primary display adapter: the `<video>` whose `<model primary='yes'>` is set, or else the first `<video>`. libvirt refuses a second `primary='yes'`. Keep it on the adapter the guest should boot with and remove it from the others.",
  'rules.help.video-model-attributes':
    '`ram`, `vram64` and `vgamem` size the memory of a qxl adapter; other models do not have them. A `<video>` of type `none` says the guest has no display adapter, so it cannot stand with another. A `<resolution>` needs a width and a height above 0. ramfb is not on a bus: it takes no `<address>`.',
  'rules.help.video-model-qemu':
    "Only qxl and virtio adapters can be secondary displays or have several heads; the others (vga, cirrus, bochs ...) must be the primary adapter and have heads='1'. A qxl `vgamem` is a power of two of at least 1024 KiB; a vga or vmvga `vram` is at least 1024 KiB.",
  'rules.help.chardev-source-incomplete':
    'A character device backend needs the address of what it connects to: a `path` for `file`, `dev`, `pipe` and `unix` (libvirt only invents a unix path for a `<channel>` with a virtio or xen target), `host` and `service` for a connecting `tcp` one, a `channel` (letters, digits, `_`, `-`, `.`) for `spiceport`. Add the missing attribute to `<source>`.',
  'rules.help.chardev-reconnect-listen':
    "Reconnecting is what a client does when its server goes away: libvirt refuses `<reconnect enabled='yes'>` on a tcp or unix source that listens (mode='bind'). For the QEMU driver a unix `<channel>` with a virtio target listens when it has no path or a path under libvirt's own channel directory, which libvirt replaces. Give the source mode='connect' and a path of your own, or drop `<reconnect>`.",
  'rules.help.chardev-reconnect-timeout':
    "With `<reconnect enabled='yes'>` QEMU retries the connection every `timeout` seconds; 0 would mean never, and libvirt refuses it. Give a timeout of 1 or more, or set enabled='no'.",
  'rules.help.chardev-tcp-protocol':
    "QEMU's tcp character devices speak raw or telnet. The `telnets` and `tls` protocols are not available; for an encrypted connection use `<source ... tls='yes'>` with protocol raw or telnet.",
  'rules.help.chardev-spice-without-graphics':
    "The `spicevmc` and `spiceport` backends are channels of a SPICE display: they need a `<graphics type='spice'>` in the domain. Add one, or use another backend.",
  'rules.help.channel-guestfwd-target':
    "A guestfwd channel catches the guest's connections to one IP address and port and hands them to the host side: its `<target type='guestfwd'>` needs both `address` and `port`.",
  'rules.help.console-sclp-arch':
    'The SCLP consoles are s390 devices: on other architectures use a `serial` or `virtio` console target.',
  'rules.help.console-serial-not-first':
    "A console with `<target type='serial'>` is another view of the first serial port, and only the first `<console>` can be one. Make the other consoles virtio ones, or drop them.",
  'rules.help.serial-target-mismatch':
    "A serial port's `<target type>`, its `<model name>` and its `<address type>` go together: pl011 and 16550a are system-serial devices, spapr-vty a spapr-vio-serial one, sclpconsole an sclp-serial one; an isa-serial port sits on an isa address, a pci-serial one on a pci address, and system-serial and sclp-serial ports take no address. Make the three agree, or leave out the ones libvirt can choose.",
  'rules.help.serial-target-machine':
    'Some serial port models belong to one machine: pl011 to ARM virt, 16550a to RISC-V and LoongArch virt, spapr-vio-serial and spapr-vty to pSeries, sclp-serial, sclpconsole and sclplmconsole to s390. s390 and pSeries guests have no parallel port. Pick the model of the machine (or leave `<target>` out and let libvirt choose), or remove the parallel port.',
  'rules.help.tpm-second':
    'A QEMU guest has at most one TPM, plus (on pSeries) one `spapr-tpm-proxy`. Remove the extra `<tpm>`.',
  'rules.help.tpm-version-unsupported':
    "An emulated TPM 1.2 (`<backend type='emulator' version='1.2'>`) exists only for x86 guests and only behind the tpm-tis interface, not tpm-crb. Use version='2.0' (or leave the version out). A `spapr-tpm-proxy` on ppc64 forwards the host's TPM: its backend must be `passthrough`.",
  'rules.help.tpm-backend-invalid':
    "`<active_pcr_banks>` exists for TPM 2.0 only. An external TPM backend connects to a running swtpm over a unix socket: its `<source>` must be type='unix', mode='connect' (the default) and give the socket's `path`.",
  'rules.help.tpm-model-arch':
    'The `tpm-spapr` and `spapr-tpm-proxy` models are devices of the pSeries (ppc64) platform: no other QEMU binary has them. Use tpm-tis or tpm-crb on x86, tpm-tis on ARM.',
  'rules.help.iommu-machine':
    'Each IOMMU model is part of particular machines: `intel` (VT-d) of Q35, `smmuv3` of ARM virt, `virtio` of Q35 and ARM virt. Pick the model of your machine type, or change the machine type.',
  'rules.help.iommu-model-options':
    'The `<driver>` options intremap, caching_mode, eim, iotlb and dma_translation of `<iommu>` configure the Intel VT-d IOMMU; the smmuv3 and virtio models take none of them. The intel and smmuv3 IOMMUs are built into the machine and take no `<address>`. Remove what the model does not have.',
  'rules.help.iommu-virtio-requirements':
    "The virtio IOMMU is a PCI device that the guest finds through ACPI: the domain needs `<features><acpi/></features>`, and an `<address>`, if given, must be type='pci'.",
  'rules.help.iommu-interrupt-remapping':
    "Interrupt remapping (`<driver intremap='on'>`) works with QEMU's own I/O APIC only: add `<features><ioapic driver='qemu'/></features>`. Extended interrupt mode (`eim='on'`) is part of interrupt remapping: turn `intremap` on too.",
  'rules.help.panic-model':
    "The panic notifier depends on the platform: `isa` (pvpanic on the ISA bus) and `hyperv` on x86, `s390` on s390, `pseries` on pSeries, `pvpanic` (PCI) elsewhere. Without a model libvirt picks the platform's own, but on some (RISC-V) it has none to pick: name one. Use the model of your platform.",
  'rules.help.panic-address':
    'The s390, hyperv and pseries panic notifiers are part of the platform and take no `<address>`; the isa model sits on an isa address (an iobase), the pvpanic model on a PCI one. Remove the address, or give one of the right type.',
  'rules.help.shmem-size':
    "An ivshmem region is mapped as a PCI BAR, so its size is a power of two, and libvirt wants at least 1 MiB. Note that `<size>` counts bytes unless `unit` says otherwise (unit='M' for MiB). Use 1, 2, 4, 8 ... MiB.",
  'rules.help.shmem-name':
    "The shmem `name` becomes a file name under /dev/shm: it cannot contain '/' nor be '.' or '..'. Choose a plain name.",
  'rules.help.shmem-ivshmem-model':
    'QEMU dropped the old `ivshmem` device: use `ivshmem-plain` for memory alone, or `ivshmem-doorbell` with a `<server>`.',
  'rules.help.shmem-server':
    'The two QEMU shared memory devices differ by who owns the memory: `ivshmem-plain` maps memory itself (a `<size>`, no `<server>`), `ivshmem-doorbell` gets it, and its interrupts, from an ivshmem server (a `<server>`, no `<size>`). Pick the model that matches.',
  'rules.help.vhost-user-shared-memory':
    "virtiofs and vhost-user disks are served by another process that reads and writes guest memory directly, so that memory must be shared: add `<memoryBacking><access mode='shared'/></memoryBacking>`, or give every NUMA `<cell>` memAccess='shared'. A memfd `<source>` alone is not enough for libvirt.",
  'rules.help.filesystem-qemu':
    "QEMU shares a host directory (type='mount') with the guest, through 9p (the path or handle drivers) or virtiofs. Usage limits, the loop/nbd/ploop drivers and the other filesystem types belong to other hypervisors. `fmode` and `dmode` apply to 9p with accessmode='mapped'. virtiofs takes no model, format, multidevs, fmode or dmode, and when libvirt runs virtiofsd itself only passthrough access and no write policy. Remove what does not apply.",
  'rules.help.filesystem-target':
    'A guest can boot from a virtiofs filesystem only: `<boot order>` on another filesystem is refused. Each virtiofs filesystem is found in the guest by its `<target dir>` tag, so two cannot share one. Remove the boot order, or rename the tag.',
  'rules.help.net-queue-size':
    'The virtio-net ring sizes (`<driver rx_queue_size>` and `tx_queue_size`) must be powers of two: 256, 512, 1024.',
  'rules.help.net-vhostuser-invalid':
    "A vhost-user interface is a virtio-net device whose backend runs in another process: its `<model type>` must be virtio (or be left out). When libvirt's side is the socket server (`<source mode='server'>`), it cannot reconnect: only a client reconnects.",
  'rules.help.net-qemu-options':
    'Under QEMU, interrupt coalescing (`<coalesce>`) is available on network and bridge interfaces only; a vDPA interface is a virtio device; in a failover pair (`<teaming>`) the persistent interface is a virtio one and the transient one a hostdev (or network) interface.',
  'rules.help.net-definition':
    "`<target managed='no'>` (a tap device created beforehand) is for ethernet interfaces. A transient failover interface names its persistent partner (`<teaming type='transient' persistent='ALIAS'>`); a persistent one names none. Port isolation exists on network and bridge interfaces. The passt backend and its `<portForward>` rules go with user (and vhost-user) interfaces.",
  'rules.help.net-guest-ip':
    'QEMU can only tell the guest its address on a user-mode interface (slirp or passt): `<ip>` and `<route>` on other interface types are for other hypervisors. With slirp, the guest gets one IPv4 address (prefix 4 to 27) and one IPv6 address (prefix 64), no peer and no routes.',
  'rules.help.net-host-ip':
    'Addresses and routes inside `<source>` are set on the host side of the tap device, which libvirt does for ethernet interfaces only.',
  'rules.help.net-mtu-type':
    'QEMU sets the MTU of tap-based interfaces (network, bridge, ethernet), vhost-user ones and passt user ones. On other types (direct, hostdev, slirp user, udp ...) configure the MTU in the guest instead.',
  'rules.help.virtio-options-non-virtio':
    'The `<driver>` attributes `iommu`, `ats`, `packed` and `page_per_vq` tune the virtio transport; a device that is not virtio (a vga adapter, an e1000 interface ...) has none of them. Remove them, or use the virtio model.',
  'rules.help.watchdog-model':
    "Each watchdog model belongs to a platform: `ib700` is an ISA card of i440fx (pc) machines, `itco` is built into Q35, `diag288` is s390's, `i6300esb` is a PCI card. Only the i6300esb takes an `<address>` (a PCI one). Pick the model of your machine.",
  'rules.help.watchdog-set':
    'QEMU runs one watchdog of each model (i6300esb excepted, as PCI cards can repeat), and all watchdogs take the same `action` when they fire. Remove the duplicate, or give every watchdog the same action.',
  'rules.help.qemu-device-kind':
    "QEMU's consoles are `serial`, `virtio`, `sclp` or `sclplm` ones; its memory balloon is `virtio` (or `none`); its `<nvram>` device is pSeries' and sits on a spapr-vio address with a `reg`. The other kinds belong to other hypervisors: use one of these.",
  'rules.help.audio-spice-without-graphics':
    "`<audio type='spice'>` sends the guest's sound over a SPICE display: the domain needs `<graphics type='spice'>`, or another audio backend.",
  'rules.help.vsock-cid':
    "vsock context IDs 0, 1 and 2 are reserved (hypervisor, local, host): a guest's `<cid address>` is 3 or more, or auto='yes'.",
  'rules.help.usb-none-second-controller':
    "`<controller type='usb' model='none'>` says the domain has no USB at all, so it must be the only USB controller. libvirt refuses any other `<controller type='usb'>` beside it. Remove the `none` controller to keep USB, or remove the other USB controllers.",
  'rules.help.usb-companion-without-master':
    "A USB controller with a `<master startport>` child is a companion (such as ich9-uhci1..3, which add USB 1 ports to an ich9-ehci1): it serves the ports of another USB controller with the same `index`. libvirt refuses a domain whose USB controllers are all companions. Add the master controller (for ich9-uhci companions, `<controller type='usb' index='N' model='ich9-ehci1'>`), or drop `<master>`.",
  'rules.help.usb-none-usb-input':
    "With `<controller type='usb' model='none'>` the domain has no USB bus, so an `<input bus='usb'>` (a USB tablet, mouse or keyboard) has nowhere to plug in. Use another bus (`virtio`, or `ps2` for a mouse or keyboard on x86), or give the domain a USB controller instead of `model='none'`.",
  'rules.help.usb-none-redirdev':
    "A `<redirdev bus='usb'>` forwards a client's USB device into the guest over a USB port; with `<controller type='usb' model='none'>`, or with no USB controller on a machine that has none of its own, there is none. Remove the redirection, or give the domain a USB controller.",
  'rules.help.usb-none-usb-devices':
    "With `<controller type='usb' model='none'>`, or with no USB controller on a machine that has none of its own (ARM virt, RISC-V, s390, LoongArch, isapc, microvm), there is no USB bus, so USB devices (a USB disk, host device, hub, sound card, serial port or smartcard reader, or any device with an `<address type='usb'>`) have nowhere to plug in. Remove them, or give the domain a USB controller instead of `model='none'`.",
  'rules.help.usb-qusb-model':
    "The `qusb1` and `qusb2` USB controller models are not QEMU devices, and the QEMU driver refuses them. Use a QEMU model such as `qemu-xhci` (or leave `model` out for the machine's default).",
  'rules.help.usb-xhci-too-many-ports':
    "QEMU's xHCI controllers (`nec-xhci`, `qemu-xhci`) have at most {max} ports; libvirt refuses a larger `ports`. Lower `ports`, add a second USB controller, or plug a `<hub>` into a port for 8 more.",
  'rules.help.usb-ports-unsupported-model':
    "Only the xHCI controllers (`qemu-xhci`, `nec-xhci`) have a configurable number of ports; the UHCI, OHCI and EHCI models have a fixed count, and libvirt refuses `ports` on them when it starts the guest. Drop `ports`, or use `model='qemu-xhci'`.",
  'rules.help.usb-companion-master-missing':
    'A companion USB controller (one with `<master startport>`, such as ich9-uhci1..3) attaches to the master controller with the same `index` (such as ich9-ehci1). When none has that index, QEMU has nothing to attach it to and the guest does not start. Give the companion the index of its master, or add the master.',
  'rules.help.usb-controller-index-duplicate':
    "Each USB controller's `index` names its bus. Only the companion controllers of an EHCI controller (ich9-uhci1..3, with `<master>`) may share its index; two controllers that each bring ports cannot. Give the second controller a free index.",
  'rules.help.usb-bus-missing':
    "Each USB bus is the `<controller type='usb'>` whose `index` matches the `bus` of a device's `<address type='usb'>`. libvirt refuses a USB address on a bus that no USB controller provides. Add a USB controller with that index, or move the device to an existing bus (or drop the `<address>` and let libvirt pick a free port).",
  'rules.help.usb-port-out-of-range':
    "A USB port is a dot-separated path: the controller port, then the port of each `<hub>` below it (`1.3` is port 3 of the hub on port 1). Each controller model has a fixed number of ports (piix3-uhci 2, pci-ohci 3, ehci 6, nec-xhci and qemu-xhci 4 unless `ports` says more) and a USB hub has 8; a path can only go through a port that holds a `<hub>`. Pick a port that exists, add a hub, or raise the xHCI controller's `ports`.",
  'rules.help.usb-address-duplicate':
    'A USB port holds one device. libvirt places the `<hub>` elements first, then every other device with an explicit USB address, and refuses a port that is already taken, including the port a hub sits on. Give one of the devices another port (a port of the hub, such as `1.1`, if it should sit behind it), or drop its `<address>` so libvirt picks a free one.',
  'rules.help.input-bus-unsupported':
    "Each input bus carries some input types only: PS/2 has a mouse and a keyboard (no tablet), the Xen bus is for Xen guests, a `passthrough` input is a virtio device, an `evdev` input takes no `bus` at all, and the `virtio*` models need `bus='virtio'`. Choose a bus that carries the device, or another type.",
  'rules.help.input-ps2-feature-off':
    "`<features><ps2 state='off'/>` removes the guest's PS/2 (i8042) controller, so `<input bus='ps2'>` devices have nothing to attach to. Use `bus='usb'` or `bus='virtio'` for the mouse and keyboard, or turn the ps2 feature back on.",
  'rules.help.input-virtio-transitional':
    "QEMU has no transitional or non-transitional variants of its virtio input devices, so libvirt refuses `model='virtio-transitional'` and `model='virtio-non-transitional'` on an `<input>`. Use `model='virtio'` or leave `model` out.",
  'rules.help.graphics-egl-headless-pairing':
    "`<graphics type='egl-headless'>` renders with OpenGL on the host and hands the frames to another display; QEMU can hand them to VNC or SPICE only. Pair egl-headless with a `vnc` or `spice` `<graphics>`, or remove it.",
  'rules.help.graphics-multiple-opengl':
    "QEMU renders a domain's display with OpenGL in one place only: either SPICE does it (`<gl enable='yes'>`) or an egl-headless display does. Turn SPICE's `<gl>` off to keep egl-headless, or remove the egl-headless `<graphics>`.",
  'rules.help.graphics-vnc-password-too-long':
    "VNC's password authentication uses at most 8 characters (bytes) of the password, so libvirt refuses a longer `passwd` rather than cut it silently. Use a password of 8 characters or fewer, or put the VNC server behind TLS or a socket that only trusted users can reach.",
  'rules.help.graphics-listen-unsupported':
    "A `<listen>` says where a remote display server waits for clients. A `type='network'` listen needs the `network` it takes its address from; a UNIX socket (`type='socket'`) or no listener at all (`type='none'`) only exist for VNC and SPICE. Name the network, or listen on an address instead.",
  'rules.help.graphics-dbus-p2p-address':
    "A D-Bus display either talks peer-to-peer with its client (`p2p='yes'`) or joins the bus at `address`; it cannot do both. Drop `address`, or `p2p`.",
};
