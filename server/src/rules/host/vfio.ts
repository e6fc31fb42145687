/**
 * VFIO needs the host's IOMMU: before starting a guest with a PCI host device, the QEMU driver
 * checks that the host can pass devices through with VFIO (qemuHostdevPreparePCIDevicesCheckSupport,
 * src/qemu/qemu_hostdev.c), which needs an IOMMU its kernel enabled; the host's capabilities say
 * `<iommu support='no'>` when there is none.
 */
import { words } from '../../messages/words';
import { HostRule } from './hostRule';

export const hostVfioRule: HostRule = {
  code: 'host-vfio-without-iommu',
  libvirt: 'qemuHostdevPreparePCIDevicesCheckSupport (src/qemu/qemu_hostdev.c)',
  stage: 'start',
  driver: 'qemu',
  needs: 'capabilities',
  libvirtMessages: ["host doesn't support VFIO PCI passthrough", "host doesn't support passthrough of host PCI devices"],
  help: words('host.help.host-vfio-without-iommu'),
  docsAnchor: 'host-device-assignment',
  check(domain, host, report) {
    if (host.capabilities.iommu !== false) return;
    const pciHostdevs = [
      ...domain.devicesNamed('hostdev').filter((hostdev) => (domain.value(hostdev, 'mode') ?? 'subsystem') === 'subsystem' && domain.value(hostdev, 'type') === 'pci'),
      ...domain.devicesNamed('interface').filter((iface) => domain.value(iface, 'type') === 'hostdev'),
    ];
    for (const device of pciHostdevs) {
      const driver = domain.child(device, 'driver');
      const name = driver && domain.attr(driver, 'name');
      if (name && name.value.trim() !== 'vfio') continue;
      report(name ?? domain.nameSpan(device), words('host.iommu', { host: host.label }));
    }
  },
};
