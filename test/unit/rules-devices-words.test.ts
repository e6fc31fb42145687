/**
 * The devices and USB rules speak in catalogue words (issue 13): every finding, related place
 * and fix title carries words whose English is exactly the message shown, and whose Chinese is
 * Chinese; every rule's help is words too.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Finding } from '../../server/src/finding';
import { render } from '../../server/src/messages/words';
import { helpIn } from '../../server/src/rules';
import { devicesRules } from '../../server/src/rules/devices';
import { usbRules } from '../../server/src/rules/usb';
import { kvmDomain, ruleFindings } from './helpers/rules';

const RULES = [...devicesRules, ...usbRules];
const CJK = /[\u4e00-\u9fff]/;

/** Documents that, together, make every devices and USB rule report. */
const DOCUMENTS = [
  kvmDomain(`
    <video><model type='virtio' primary='yes'/></video>
    <video><model type='vga' ram='1024' heads='2' primary='yes'><acceleration accel2d='yes'/></model></video>
    <video><model type='ramfb'/><address type='pci' bus='0x00' slot='0x05'/></video>
    <serial type='file'><target port='0'/></serial>
    <serial type='tcp'><source mode='bind' host='a' service='1'><reconnect enabled='yes'/></source></serial>
    <serial type='tcp'><source mode='connect' host='a' service='1'><reconnect enabled='yes' timeout='0'/></source><protocol type='telnets'/></serial>
    <serial type='pty'><target type='isa-serial'><model name='pl011'/></target></serial>
    <serial type='pty'><target type='system-serial'><model name='pl011'/></target></serial>
    <rng model='virtio'><backend model='egd' type='tcp'><source mode='connect'/></backend></rng>
    <channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>
    <channel type='pty'><target type='guestfwd' port='1'/></channel>
    <console type='pty'><target type='virtio'/></console>
    <console type='pty'><target type='serial'/></console>
    <console type='pty'><target type='sclp'/></console>
    <tpm model='tpm-crb'><backend type='emulator' version='1.2'/></tpm>
    <tpm model='tpm-tis'><backend type='external'><source type='file' path='/x'/></backend></tpm>
    <tpm model='tpm-spapr'><backend type='emulator'/></tpm>
    <iommu model='virtio'><driver intremap='on'/></iommu>
    <iommu model='smmuv3'/>
    <panic model='s390'/>
    <panic model='hyperv'><address type='isa' iobase='0x505'/></panic>
    <shmem name='a/b'><size unit='K'>3</size></shmem>
    <shmem name='b'><model type='ivshmem'/></shmem>
    <shmem name='c'><model type='ivshmem-doorbell'/></shmem>
    <filesystem type='mount'><driver type='virtiofs'/><source dir='/x'/><target dir='t'/></filesystem>
    <filesystem type='mount'><driver type='virtiofs'/><source dir='/y'/><target dir='t'/></filesystem>
    <filesystem type='block'><source dev='/dev/x'/><target dir='u'/></filesystem>
    <interface type='network'><source network='default'/><model type='virtio'/><driver rx_queue_size='300'/></interface>
    <interface type='vhostuser'><source type='unix' path='/x' mode='server'><reconnect enabled='yes'/></source><model type='e1000'/></interface>
    <interface type='user'><coalesce><rx><frames max='7'/></rx></coalesce></interface>
    <interface type='network'><source network='d'><ip address='1.2.3.4'/></source><target dev='t' managed='no'/><ip address='192.168.1.2'/></interface>
    <interface type='direct'><source dev='eth0'/><mtu size='1500'/></interface>
    <interface type='network'><source network='d'/><model type='e1000'/><driver iommu='on'/></interface>
    <watchdog model='ib700'/>
    <watchdog model='itco' action='poweroff'/>
    <watchdog model='itco'/>
    <memballoon model='xen'/>
    <audio id='1' type='spice'/>
    <vsock model='virtio'><cid address='2'/></vsock>
    <controller type='usb' index='0' model='qemu-xhci' ports='20'/>
    <controller type='usb' index='1' model='qusb1'/>
    <controller type='usb' index='2' model='piix3-uhci' ports='4'/>
    <controller type='usb' index='3' model='ich9-uhci1'><master startport='0'/></controller>
    <controller type='usb' index='4' model='ehci'/>
    <controller type='usb' index='4' model='ehci'/>
    <input type='tablet' bus='usb'><address type='usb' bus='9' port='1'/></input>
    <input type='mouse' bus='usb'><address type='usb' bus='0' port='30'/></input>
    <input type='mouse' bus='usb'><address type='usb' bus='0' port='2.1'/></input>
    <input type='keyboard' bus='usb'><address type='usb' bus='0' port='1'/></input>
    <input type='keyboard' bus='usb'><address type='usb' bus='0' port='1'/></input>
    <input type='tablet' bus='ps2'/>
    <input type='mouse' bus='virtio' model='virtio-transitional'/>`),
  kvmDomain(`<parallel type='pty'/>`, { arch: 's390x', machine: 's390-ccw-virtio' }),
  kvmDomain(`<controller type='usb' model='none'/><controller type='usb' index='1' model='qemu-xhci'/>`),
  kvmDomain(`
    <controller type='usb' model='none'/>
    <input type='tablet' bus='usb'/>
    <redirdev bus='usb' type='spicevmc'/>
    <hub type='usb'/>`),
  kvmDomain(`<controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>`),
  kvmDomain(`<input type='mouse' bus='ps2'/>`, { head: "  <features><ps2 state='off'/></features>\n" }),
  kvmDomain(`
    <graphics type='egl-headless'/>
    <graphics type='sdl'/>
    <graphics type='spice'><gl enable='yes'/></graphics>
    <graphics type='vnc' passwd='123456789'><listen type='network'/></graphics>
    <graphics type='dbus' p2p='yes' address='unix:path=/x'/>`),
];

const FINDINGS: Finding[] = DOCUMENTS.flatMap((text) => ruleFindings(RULES, text));

test('the test documents make every devices and USB rule report', () => {
  const reported = new Set(FINDINGS.map((finding) => finding.code));
  assert.deepEqual(RULES.map((rule) => rule.code).filter((code) => !reported.has(code)), []);
});

test('every finding of the devices and USB rules has words that render its English, related places and fix titles too', () => {
  for (const finding of FINDINGS) {
    assert.ok(finding.words, `${finding.code}: ${finding.message}`);
    assert.equal(render(finding.words, 'en'), finding.message);
    assert.match(render(finding.words, 'zh'), CJK, finding.message);
    for (const related of finding.related ?? []) {
      assert.ok(related.words, `${finding.code}: ${related.message}`);
      assert.equal(render(related.words, 'en'), related.message);
      assert.match(render(related.words, 'zh'), CJK, related.message);
    }
    for (const fix of finding.fixes ?? []) {
      assert.ok(fix.titleWords, `${finding.code}: ${fix.title}`);
      assert.equal(render(fix.titleWords, 'en'), fix.title);
      assert.match(render(fix.titleWords, 'zh'), CJK, fix.title);
    }
  }
  assert.ok(FINDINGS.some((finding) => finding.related?.length) && FINDINGS.some((finding) => finding.fixes?.length));
});

test('the help of every devices and USB rule is catalogue words, in Chinese too', () => {
  for (const rule of RULES) {
    assert.notEqual(typeof rule.help, 'string', rule.code);
    assert.match(helpIn(rule, 'zh'), CJK, rule.code);
    assert.doesNotMatch(helpIn(rule, 'en'), CJK, rule.code);
  }
});

test('the devices and USB rule sources hand report, related places and fixes no literal English', () => {
  const root = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'rules');
  const literal = /\breport\([^,()]+(?:\([^()]*\))?[^,()]*,\s*['"`]|\bmessage: ['"`]|\btitle: ['"`]/;
  for (const folder of ['devices', 'usb']) {
    for (const file of fs.readdirSync(path.join(root, folder)).filter((name) => name.endsWith('.ts'))) {
      const lines = fs.readFileSync(path.join(root, folder, file), 'utf8').split('\n');
      lines.forEach((line, index) => assert.doesNotMatch(line, literal, `${folder}/${file}:${index + 1}`));
    }
  }
});

/** The one finding `code` makes in `devices`, said in English and in Chinese. */
function said(code: string, devices: string, options: { arch?: string; machine?: string } = {}): { en: string; zh: string; finding: Finding } {
  const found = ruleFindings(RULES, kvmDomain(devices, options)).filter((finding) => finding.code === code);
  assert.equal(found.length, 1, `${code}: ${found.map((finding) => finding.message).join(' | ')}`);
  const [finding] = found;
  assert.ok(finding.words);
  return { en: render(finding.words, 'en'), zh: render(finding.words, 'zh'), finding };
}

test('a devices finding in Chinese: with its related place', () => {
  const { en, zh, finding } = said('tpm-second', "<tpm model='tpm-tis'><backend type='emulator'/></tpm><tpm model='tpm-tis'><backend type='emulator'/></tpm>");
  assert.equal(en, finding.message);
  assert.equal(zh, '第二个 TPM：libvirt 会拒绝这个域。');
  assert.equal(render(finding.related![0].words!, 'zh'), '第一个 TPM');
});

test('a devices finding in Chinese: the device named by nested words', () => {
  const { en, zh } = said('chardev-source-incomplete', "<rng model='virtio'><backend model='egd' type='tcp'><source mode='connect'/></backend></rng>");
  assert.equal(en, "The egd backend of `<rng>` (type 'tcp') connects to no source `host`: libvirt rejects the domain.");
  assert.equal(zh, "type 为 'tcp' 的 `<rng>` egd 后端未指定要连接的源 `host`：libvirt 会拒绝这个域。");
});

test('a devices finding in Chinese: a list of machines', () => {
  const { en, zh } = said('iommu-machine', "<iommu model='virtio'/>", { machine: 'pc-i440fx-9.0' });
  assert.equal(en, "The 'virtio' IOMMU exists only on Q35 and ARM virt machines, not on 'pc-i440fx-9.0' (x86_64): libvirt rejects the domain.");
  assert.equal(zh, "'virtio' IOMMU 只存在于 Q35 和 ARM virt 机器，'pc-i440fx-9.0'（x86_64）上没有：libvirt 会拒绝这个域。");
});

test('a USB finding in Chinese: the port counts of the controller libvirt adds', () => {
  const { en, zh } = said('usb-port-out-of-range', "<input type='tablet' bus='usb'><address type='usb' bus='0' port='5'/></input>", { machine: 'pc-i440fx-9.0' });
  assert.equal(en, 'USB port 5 does not exist on bus 0: the piix3-uhci controller libvirt adds as bus 0 has 2 ports: libvirt rejects the domain.');
  assert.equal(zh, '总线 0 上没有 USB 端口 5：作为总线 0 由 libvirt 自动添加的 piix3-uhci 控制器只有 2 个端口：libvirt 会拒绝这个域。');
});

test('a fix title in Chinese', () => {
  const { finding } = said('usb-xhci-too-many-ports', "<controller type='usb' index='0' model='qemu-xhci' ports='20'/>");
  const [fix] = finding.fixes ?? [];
  assert.equal(fix.title, 'Set ports to 15');
  assert.equal(render(fix.titleWords!, 'zh'), '将 ports 设为 15');
  const remove = said('virtio-options-non-virtio', "<interface type='network'><source network='d'/><model type='e1000'/><driver ats='on'/></interface>").finding.fixes?.[0];
  assert.equal(remove?.title, 'Remove `ats`');
  assert.equal(render(remove!.titleWords!, 'zh'), '删除 `ats`');
});
