/**
 * Generates a realistic libvirt domain document of about `targetBytes` characters: the usual
 * head (name, memory, vcpu, cputune, numatune, os, features, cpu) and as many disks and network
 * interfaces under <devices> as it takes to reach the size.
 */
export function generateDomain(targetBytes: number): string {
  const head = `<domain type='kvm'>
  <name>bench01</name>
  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
  <title>Generated guest for benchmarks</title>
  <memory unit='KiB'>16777216</memory>
  <currentMemory unit='KiB'>16777216</currentMemory>
  <memoryBacking>
    <hugepages>
      <page size='2048' unit='KiB' nodeset='0-1'/>
    </hugepages>
  </memoryBacking>
  <vcpu placement='static' cpuset='0-15,^3'>8</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='2'/>
    <vcpupin vcpu='1' cpuset='3'/>
    <emulatorpin cpuset='0-1'/>
  </cputune>
  <numatune>
    <memory mode='strict' nodeset='0-1'/>
  </numatune>
  <os firmware='efi'>
    <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <cpu mode='host-passthrough' check='none'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
`;
  const tail = `  </devices>
</domain>
`;
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < targetBytes; i++) {
    const hex = (i % 256).toString(16).padStart(2, '0');
    const slot = (i % 32).toString(16).padStart(2, '0');
    const device =
      i % 2 === 0
        ? `    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none' io='native'/>
      <source file='/var/lib/libvirt/images/bench-${i}.qcow2'/>
      <target dev='vd${i}' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x${hex}' slot='0x${slot}' function='0x0'/>
    </disk>
`
        : `    <interface type='network'>
      <mac address='52:54:00:12:${hex}:${slot}'/>
      <source network='default'/>
      <model type='virtio'/>
      <address type='pci' domain='0x0000' bus='0x${hex}' slot='0x${slot}' function='0x0'/>
    </interface>
`;
    parts.push(device);
    size += device.length;
  }
  parts.push(tail);
  return parts.join('');
}
