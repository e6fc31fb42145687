/**
 * The fixes of generated values (UUID, MAC address, memory unit) and of libvirt's rules (PCI
 * address, disk target, boot order), through the server as an editor uses them: the code actions
 * on the diagnostic, the edit applied and sent back, the diagnostic gone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverForTests } from './lspClient';
import { applyTextEdits } from './textEdits';

const server = serverForTests();

function domain(options: { uuid?: string; memory?: string; os?: string; devices?: string }): string {
  return `<domain type='kvm'>
  <name>fixes</name>
  <uuid>${options.uuid ?? 'c7a5fdbd-edaf-9455-926a-d65c16db1809'}</uuid>
  <memory unit='${options.memory ?? 'KiB'}'>1048576</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc-i440fx-9.0'>hvm</type>
${options.os ?? ''}  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
${options.devices ?? ''}
  </devices>
</domain>
`;
}

const disk = (target: string, extra = '') =>
  `    <disk type='file' device='disk'>\n      <source file='/${target}.img'/>\n      <target dev='${target}' bus='virtio'/>${extra}\n    </disk>\n`;
const slot3 = "\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>";

const CASES: { name: string; text: string; code: string; title: RegExp }[] = [
  { name: 'a malformed UUID', text: domain({ uuid: 'not-a-uuid' }), code: 'bad-value', title: /new random UUID/ },
  { name: 'a memory unit libvirt does not know', text: domain({ memory: 'GByte' }), code: 'bad-attribute-value', title: /`GB`/ },
  {
    name: 'a multicast MAC address',
    text: domain({ devices: "    <interface type='network'>\n      <mac address='01:00:5e:00:00:01'/>\n      <source network='default'/>\n    </interface>" }),
    code: 'bad-attribute-value',
    title: /new MAC address `52:54:00:/,
  },
  { name: 'a PCI address in use', text: domain({ devices: disk('vda', slot3) + disk('vdb', slot3) }), code: 'pci-address-double-use', title: /Move to the free slot/ },
  { name: 'a disk target used twice', text: domain({ devices: disk('vda') + disk('vda') }), code: 'disk-target-duplicate', title: /Use `vdb`/ },
  {
    name: '<os><boot dev> with a per-device order (removing them)',
    text: domain({ os: "    <boot dev='hd'/>\n", devices: disk('vda', "\n      <boot order='1'/>") + disk('vdb') }),
    code: 'boot-order-with-os-boot',
    title: /Remove the `<os><boot dev>` elements/,
  },
  {
    name: '<os><boot dev> with a per-device order (converting them)',
    text: domain({ os: "    <boot dev='hd'/>\n", devices: disk('vda', "\n      <boot order='1'/>") + disk('vdb') }),
    code: 'boot-order-with-os-boot',
    title: /Convert `<os><boot dev>`/,
  },
];

let documents = 0;
for (const c of CASES) {
  test(`${c.name}: its code action removes the diagnostic`, async () => {
    const uri = `file:///generated-${documents++}.xml`;
    const { diagnostics } = await server.client.open(uri, c.text);
    const diagnostic = diagnostics.find((d) => d.code === c.code);
    assert.ok(diagnostic, diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
    const actions = await server.client.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
    const action = actions.find((a) => c.title.test(a.title));
    assert.ok(action, actions.map((a) => a.title).join(' | '));
    const fixed = applyTextEdits(c.text, action.edit!.changes![uri]);
    const after = await server.client.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual(after.diagnostics.filter((d) => d.code === c.code).map((d) => d.message), []);
    assert.deepEqual(after.diagnostics.filter((d) => d.severity === 1).map((d) => d.code), [], 'nothing else broken');
    await server.client.close(uri);
  });
}
