/**
 * Generates a realistic libvirt domain document of about `targetBytes` characters: the usual
 * head (name, memory, vcpu, cputune, numatune, os, features, cpu) and as many disks and network
 * interfaces under <devices> as it takes to reach the size. It is a domain libvirt accepts: disk
 * targets and MAC addresses are unique, and the first devices have PCI addresses of their own on
 * the root bus, the rest none (libvirt assigns them), as in a domain grown over time.
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
  <cpu mode='host-passthrough' check='none'>
    <numa>
      <cell id='0' cpus='0-3' memory='8388608' unit='KiB'/>
      <cell id='1' cpus='4-7' memory='8388608' unit='KiB'/>
    </numa>
  </cpu>
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
    const mac = [i >> 16, (i >> 8) & 255, i & 255].map((n) => n.toString(16).padStart(2, '0')).join(':');
    // q35's root bus takes PCIe endpoints in slots 1 to 30 (31 is the chipset's).
    const address = i < 30 ? `\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x${(i + 1).toString(16).padStart(2, '0')}' function='0x0'/>` : '';
    const device =
      i % 2 === 0
        ? `    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none' io='native'/>
      <source file='/var/lib/libvirt/images/bench-${i}.qcow2'/>
      <target dev='vd${diskLetters(i / 2)}' bus='virtio'/>${address}
    </disk>
`
        : `    <interface type='network'>
      <mac address='52:54:00:${mac}'/>
      <source network='default'/>
      <model type='virtio'/>${address}
    </interface>
`;
    parts.push(device);
    size += device.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** The letters of the `n`th disk name as libvirt counts them: a ... z, aa ... zz, aaa ... */
function diskLetters(n: number): string {
  let letters = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(97 + ((k - 1) % 26)) + letters;
  return letters;
}
