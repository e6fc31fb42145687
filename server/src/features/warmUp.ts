/**
 * What a server's first document and first completion would pay for, paid while the server waits
 * for the editor instead: the schema's derivatives are built lazily, as documents meet them, and
 * the code that builds and checks them runs cold the first time. The steps check a typical
 * domain (as virt-install writes one) and answer a completion and a hover in it, as a user's
 * first document would ask them; their results are dropped. Each step is one call the server
 * makes between messages (server.ts), so a request waits for one step at most.
 */
import { DocsLanguage, ElementDocs } from '../docs/elementDocs';
import { ParsedDocument } from '../parser/parsedDocument';
import { Analysis, AnalysisContext } from './analysis';
import { completeAt } from './completion';
import { incrementalFindings, ruleFindings } from './diagnostics';
import { hoverAt } from './hover';

const TYPICAL_DOMAIN = `<domain type='kvm'>
  <name>warm-up</name>
  <uuid>0b5c4f3e-8a1d-4c2e-9f7a-3d6e5b4a2c10</uuid>
  <memory unit='KiB'>4194304</memory>
  <currentMemory unit='KiB'>4194304</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <cpu mode='host-passthrough' check='none' migratable='on'/>
  <clock offset='utc'>
    <timer name='rtc' tickpolicy='catchup'/>
  </clock>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/warm-up.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <controller type='usb' index='0' model='qemu-xhci' ports='15'/>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='virtio-serial' index='0'/>
    <interface type='network'>
      <mac address='52:54:00:6b:3c:58'/>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'>
      <target type='isa-serial' port='0'/>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
    <channel type='unix'>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' port='-1' autoport='yes'/>
    <video>
      <model type='virtio' heads='1' primary='yes'/>
    </video>
    <memballoon model='virtio'/>
    <rng model='virtio'>
      <backend model='random'>/dev/urandom</backend>
    </rng>
  </devices>
</domain>
`;

/** Where the user types `<` in the warm-up: a line of its own before the interface. */
const TYPED_AT = TYPICAL_DOMAIN.indexOf('    <interface');

/** The warm-up's steps, each a call to make when the server is idle; `docs` reads the docs (a step of its own) the first time. */
export function warmUpSteps(context: AnalysisContext, docs: () => ElementDocs, language: DocsLanguage): (() => void)[] {
  // Parsed by the first step, not when the steps are made (right after the first diagnostics, when a request may follow at once).
  let document: ParsedDocument | undefined;
  const analysis = () => new Analysis((document ??= ParsedDocument.parse(TYPICAL_DOMAIN)), context);
  return [
    () => incrementalFindings(analysis()),
    () => ruleFindings(analysis()),
    () => {
      analysis().document.replace(TYPED_AT, TYPED_AT, '    <\n');
      completeAt(analysis(), TYPED_AT + 5);
    },
    docs,
    () => hoverAt(analysis(), TYPICAL_DOMAIN.indexOf('<vcpu') + 2, docs(), language),
  ];
}
