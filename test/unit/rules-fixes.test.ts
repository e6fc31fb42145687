/**
 * The fixes of libvirt's rules that have one answer (or a real choice of two): a document that
 * breaks the rule, the fixes offered, and the text after the one applied, which the rule must
 * then leave alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/cli/fix';
import { moveThroughEdits } from '../../server/src/features/movedFindings';
import { Finding, Fix, editsOf } from '../../server/src/finding';
import { RULES } from '../../server/src/rules';
import { bootOrderMixedRule } from '../../server/src/rules/boot/bootOrder';
import { qemuBootloaderRule } from '../../server/src/rules/boot/emulator';
import { timerAttributeRule } from '../../server/src/rules/boot/timers';
import { pciAddressDoubleUseRule } from '../../server/src/rules/buses/pciAddresses';
import { pciControllerOptionsRule } from '../../server/src/rules/buses/pciControllerOptions';
import { panicAddressRule } from '../../server/src/rules/devices/panic';
import { videoAttributesRule, videoQemuRule } from '../../server/src/rules/devices/videoModel';
import { virtioOptionsRule } from '../../server/src/rules/devices/virtioOptions';
import { Rule } from '../../server/src/rules/rule';
import { diskEncryptionCipherRule } from '../../server/src/rules/storage/diskSourceConfig';
import { diskTargetDuplicateRule } from '../../server/src/rules/storage/diskTargets';
import { targetName } from '../../server/src/rules/storage/disks';
import { kvmDomain, ruleFindings } from './helpers/rules';

const pc = { machine: 'pc-i440fx-9.0' };

const disk = (target: string, bus: string, extra = '') =>
  `    <disk type='file' device='disk'>\n      <source file='/${target}.img'/>\n      <target dev='${target}' bus='${bus}'/>${extra}\n    </disk>`;

const pciAddress = (slot: string, fn = '0x0', bus = '0x00') => `\n      <address type='pci' domain='0x0000' bus='${bus}' slot='${slot}' function='${fn}'/>`;

interface Case {
  name: string;
  rule: Rule;
  text: string;
  titles: string[];
  /** Which fix to apply: the preferred one, or the one with this title. */
  apply?: string;
  /** Text the applied fix leaves (each must be in the result). */
  after?: string[];
  /** Whether the fixes are safe (a new address, name, order or a removal is a judgement: not, unless said). */
  safe?: boolean;
}

const CASES: Case[] = [
  {
    name: 'pci-address-double-use: the second device moves to the next slot that is wholly free',
    rule: pciAddressDoubleUseRule,
    text: kvmDomain(
      `${disk('vda', 'virtio', pciAddress('0x03'))}
${disk('vdb', 'virtio', pciAddress('0x03'))}
    <memballoon model='virtio'>${pciAddress('0x04', '0x1')}
    </memballoon>`,
      pc,
    ),
    titles: ['Move to the free slot `0000:00:05.0`', 'Remove this address (libvirt picks a free slot)'],
    after: ["<target dev='vdb' bus='virtio'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>"],
  },
  {
    name: 'pci-address-double-use: a device on another function moves to function 0 of the free slot; decimal stays decimal',
    rule: pciAddressDoubleUseRule,
    text: kvmDomain(
      `<rng model='virtio'>\n      <backend model='random'/>\n      <address type='pci' bus='0' slot='7' function='2' multifunction='on'/>\n    </rng>
    <memballoon model='virtio'>\n      <address type='pci' bus='0' slot='7' function='2'/>\n    </memballoon>`,
      pc,
    ),
    titles: ['Move to the free slot `0000:00:08.0`', 'Remove this address (libvirt picks a free slot)'],
    after: ["<memballoon model='virtio'>\n      <address type='pci' bus='0' slot='8' function='0'/>"],
  },
  {
    name: "pci-address-double-use: a device on the chipset's own function (i440fx 00:01.1) moves off it, past the taken slots",
    rule: pciAddressDoubleUseRule,
    text: kvmDomain(
      `<controller type='ide' index='0'/>
${disk('vda', 'virtio', pciAddress('0x02'))}
    <memballoon model='virtio'>${pciAddress('0x01', '0x1')}
    </memballoon>`,
      pc,
    ),
    titles: ['Move to the free slot `0000:00:03.0`', 'Remove this address (libvirt picks a free slot)'],
    after: ["<address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>\n    </memballoon>"],
  },
  {
    name: 'pci-address-double-use: on a root port (slot 0 only) there is nowhere to move: only the removal',
    rule: pciAddressDoubleUseRule,
    text: kvmDomain(
      `<controller type='pci' index='1' model='pcie-root-port'/>
${disk('vda', 'virtio', pciAddress('0x00', '0x0', '0x01'))}
${disk('vdb', 'virtio', pciAddress('0x00', '0x0', '0x01'))}`,
    ),
    titles: ['Remove this address (libvirt picks a free slot)'],
  },
  {
    name: 'disk-target-duplicate: the next free name of the prefix',
    rule: diskTargetDuplicateRule,
    text: kvmDomain(`${disk('vda', 'virtio')}\n${disk('vdb', 'virtio')}\n${disk('vda', 'virtio')}`),
    titles: ['Use `vdc`'],
    after: ["<source file='/vda.img'/>\n      <target dev='vdc' bus='virtio'/>"],
  },
  {
    name: "disk-target-duplicate: a SCSI name whose derived drive address another disk holds is skipped",
    rule: diskTargetDuplicateRule,
    text: kvmDomain(
      `${disk('sda', 'scsi')}\n${disk('sdx', 'scsi', "\n      <address type='drive' controller='0' bus='0' target='0' unit='1'/>")}\n${disk('sda', 'scsi')}`,
    ),
    titles: ['Use `sdc`'],
    after: ["<target dev='sdc' bus='scsi'/>"],
  },
  {
    name: 'disk-target-duplicate: past `vdz` comes `vdaa`',
    rule: diskTargetDuplicateRule,
    text: kvmDomain(
      [...Array.from({ length: 26 }, (_, i) => disk(targetName('vd', i), 'virtio')), disk('vda', 'virtio')].join('\n'),
    ),
    titles: ['Use `vdaa`'],
    after: ["<source file='/vda.img'/>\n      <target dev='vdaa' bus='virtio'/>"],
  },
  {
    name: 'disk-target-duplicate: IDE has one controller, hda to hdd: nothing free, no fix',
    rule: diskTargetDuplicateRule,
    text: kvmDomain(['hda', 'hdb', 'hdc', 'hdd', 'hda'].map((t) => disk(t, 'ide')).join('\n'), pc),
    titles: [],
  },
  {
    name: 'boot-order-with-os-boot: remove the `<os><boot dev>` elements, with their lines',
    rule: bootOrderMixedRule,
    text: kvmDomain(`${disk('vda', 'virtio')}\n    <interface type='network'>\n      <source network='default'/>\n      <boot order='1'/>\n    </interface>`).replace(
      '  </os>',
      "    <boot dev='hd'/>\n    <boot dev='network'/>\n  </os>",
    ),
    titles: ['Remove the `<os><boot dev>` elements', 'Convert `<os><boot dev>` into `<boot order>` on the devices'],
    apply: 'Remove the `<os><boot dev>` elements',
    after: ["<type arch='x86_64' machine='pc-q35-9.0'>hvm</type>\n  </os>"],
  },
  {
    name: 'boot-order-with-os-boot: convert, the existing orders first, then each kind in the order of `<boot dev>`',
    rule: bootOrderMixedRule,
    text: kvmDomain(
      `${disk('vda', 'virtio')}
    <disk type='file' device='cdrom'><source file='/c.iso'/><target dev='sdb' bus='sata'/><readonly/></disk>
${disk('vdb', 'virtio', "\n      <boot order='2'/>")}
    <interface type='network'>
      <source network='default'/>
    </interface>
    <interface type='user'/>`,
    ).replace('  </os>', "    <boot dev=\"network\"/>\n    <boot dev=\"cdrom\"/>\n    <boot dev=\"hd\"/>\n  </os>"),
    titles: ['Remove the `<os><boot dev>` elements', 'Convert `<os><boot dev>` into `<boot order>` on the devices'],
    apply: 'Convert `<os><boot dev>` into `<boot order>` on the devices',
    after: [
      "hvm</type>\n  </os>",
      "<interface type='network'>\n      <source network='default'/>\n      <boot order=\"3\"/>\n    </interface>",
      '<interface type=\'user\'><boot order="4"/></interface>',
      '<readonly/><boot order="5"/></disk>',
      "<target dev='vda' bus='virtio'/>\n      <boot order=\"6\"/>\n    </disk>",
      "<target dev='vdb' bus='virtio'/>\n      <boot order='2'/>\n    </disk>",
    ],
  },
  {
    name: 'pci-controller-options: a root controller takes no address: remove it with its line',
    rule: pciControllerOptionsRule,
    text: kvmDomain("<controller type='pci' index='0' model='pcie-root'>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n    </controller>"),
    titles: ['Remove the `<address>`'],
    after: ["<controller type='pci' index='0' model='pcie-root'>\n    </controller>"],
  },
  {
    name: 'panic-address: the hyperv notifier is part of the platform: remove its address',
    rule: panicAddressRule,
    text: kvmDomain("<panic model='hyperv'>\n      <address type='isa' iobase='0x505'/>\n    </panic>"),
    titles: ['Remove the `<address>`'],
    after: ["<panic model='hyperv'>\n    </panic>"],
  },
  {
    name: 'video-model-attributes: a qxl memory size on a virtio adapter is removed',
    rule: videoAttributesRule,
    text: kvmDomain("<video>\n      <model type='virtio' heads='1' vgamem='16384'/>\n    </video>"),
    titles: ['Remove `vgamem`'],
    after: ["<model type='virtio' heads='1'/>"],
  },
  {
    name: 'video-model-attributes: an address on ramfb is removed',
    rule: videoAttributesRule,
    text: kvmDomain("<video>\n      <model type='ramfb'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n    </video>"),
    titles: ['Remove the `<address>`'],
    after: ["<model type='ramfb'/>\n    </video>"],
  },
  {
    name: 'video-model-qemu: QEMU has no 2D acceleration: `accel2d` is removed',
    rule: videoQemuRule,
    text: kvmDomain("<video>\n      <model type='virtio' heads='1'>\n        <acceleration accel2d='yes'/>\n      </model>\n    </video>"),
    titles: ['Remove `accel2d`'],
    after: ['<acceleration/>'],
  },
  {
    name: 'virtio-options-non-virtio: a virtio option on an e1000 interface is removed',
    rule: virtioOptionsRule,
    text: kvmDomain("<interface type='network'>\n      <source network='default'/>\n      <model type='e1000'/>\n      <driver iommu='on'/>\n    </interface>"),
    titles: ['Remove `iommu`'],
    after: ['<driver/>'],
  },
  {
    name: 'timer-attribute-not-applicable: a tick policy on kvmclock is removed',
    rule: timerAttributeRule,
    text: kvmDomain('', { head: "  <clock offset='utc'>\n    <timer name='kvmclock' tickpolicy='catchup'/>\n  </clock>\n" }),
    titles: ['Remove `tickpolicy`'],
    after: ["<timer name='kvmclock'/>"],
  },
  {
    name: 'timer-attribute-not-applicable: a track on pit is removed',
    rule: timerAttributeRule,
    text: kvmDomain('', { head: "  <clock offset='utc'>\n    <timer name='pit' tickpolicy='delay' track='guest'/>\n  </clock>\n" }),
    titles: ['Remove `track`'],
    after: ["<timer name='pit' tickpolicy='delay'/>"],
  },
  {
    name: 'disk-encryption-cipher: the LUKS header has the cipher: removing `<cipher>` is safe',
    rule: diskEncryptionCipherRule,
    text: kvmDomain(
      "<disk type='file' device='disk'>\n      <source file='/a.img'>\n        <encryption format='luks'>\n          <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n          <cipher name='aes' size='256' mode='xts' hash='sha256'/>\n        </encryption>\n      </source>\n      <target dev='vda' bus='virtio'/>\n    </disk>",
    ),
    titles: ['Remove `<cipher>`'],
    safe: true,
    after: ["<secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n        </encryption>"],
  },
  {
    name: 'qemu-bootloader: a host-side bootloader is removed',
    rule: qemuBootloaderRule,
    text: kvmDomain('', { head: '  <bootloader>/usr/bin/pygrub</bootloader>\n' }),
    titles: ['Remove `<bootloader>`'],
    after: ['</os>\n  <devices>'],
  },
];

function preferred(finding: Finding): Fix | undefined {
  const fixes = finding.fixes ?? [];
  return fixes.length === 1 ? fixes[0] : fixes.find((fix) => fix.preferred);
}

describe('rules: fixes', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const [finding] = ruleFindings(c.rule, c.text);
      assert.ok(finding, `${c.rule.code} finds nothing`);
      assert.deepEqual((finding.fixes ?? []).map((fix) => fix.title), c.titles);
      for (const fix of finding.fixes ?? []) assert.equal(fix.safe, c.safe ?? false);
      if (!c.after) return;
      const fix = c.apply ? finding.fixes?.find((f) => f.title === c.apply) : preferred(finding);
      assert.ok(fix, c.apply ? `no fix "${c.apply}"` : 'no preferred fix');
      const fixed = applyEdits(c.text, editsOf(fix));
      for (const expected of c.after) assert.ok(fixed.includes(expected), `${JSON.stringify(expected)} is not in\n${fixed}`);
      assert.deepEqual(ruleFindings(c.rule, fixed).map((f) => f.message), [], 'the rule is satisfied');
      const before = ruleFindings(RULES, c.text).map((f) => f.code);
      const after = ruleFindings(RULES, fixed).map((f) => f.code);
      assert.deepEqual(after.filter((code) => !before.includes(code)), [], 'and no other rule has anything new to say');
      assert.ok(after.length < before.length);
    });
  }

  it('boot-order-with-os-boot: each per-device order carries the same two fixes, neither preferred', () => {
    const text = kvmDomain(`${disk('vda', 'virtio', "\n      <boot order='1'/>")}\n${disk('vdb', 'virtio', "\n      <boot order='2'/>")}`).replace('  </os>', "    <boot dev='hd'/>\n  </os>");
    const findings = ruleFindings(bootOrderMixedRule, text);
    assert.equal(findings.length, 2);
    assert.deepEqual(findings[0].fixes, findings[1].fixes);
    assert.ok(!findings[0].fixes?.some((fix) => fix.preferred));
  });

  it('boot-order-with-os-boot: carried through an edit before it (large documents show the rules\' last findings so), every edit of a fix lands where a fresh check puts it', () => {
    const text = kvmDomain(`${disk('vda', 'virtio', "\n      <boot order='1'/>")}\n${disk('vdb', 'virtio')}`).replace('  </os>', "    <boot dev='hd'/>\n  </os>");
    const [finding] = ruleFindings(bootOrderMixedRule, text);
    const at = text.indexOf('test</name>');
    const edited = `${text.slice(0, at)}a-longer-${text.slice(at)}`;
    const [moved] = moveThroughEdits([finding], [{ start: at, end: at, insertedLength: 'a-longer-'.length }]);
    const [fresh] = ruleFindings(bootOrderMixedRule, edited);
    assert.equal(moved.fixes?.length, 2);
    for (const [index, fix] of (moved.fixes ?? []).entries()) assert.equal(applyEdits(edited, editsOf(fix)), applyEdits(edited, editsOf(fresh.fixes![index])), fix.title);
    // An edit inside one of the fix's places drops the fix rather than leave it half right.
    const inside = text.indexOf('</disk>', text.indexOf("'vdb'"));
    const [touched] = moveThroughEdits([finding], [{ start: inside - 1, end: inside + 1, insertedLength: 0 }]);
    assert.deepEqual(touched.fixes?.map((fix) => fix.title), ['Remove the `<os><boot dev>` elements']);
  });

  it('pci-address-double-use: three devices on one address: the second and third move to two different slots', () => {
    const text = kvmDomain([1, 2, 3].map((n) => disk(`vd${'abc'[n - 1]}`, 'virtio', pciAddress('0x03'))).join('\n'), pc);
    const moves = ruleFindings(pciAddressDoubleUseRule, text).map((f) => f.fixes?.[0].title);
    assert.deepEqual(moves, ['Move to the free slot `0000:00:04.0`', 'Move to the free slot `0000:00:05.0`']);
  });

  it('disk-target-duplicate: three disks named alike: the second and third get two different names', () => {
    const text = kvmDomain([1, 2, 3].map(() => disk('vda', 'virtio')).join('\n'));
    assert.deepEqual(
      ruleFindings(diskTargetDuplicateRule, text).map((f) => f.fixes?.[0].newText),
      ['vdb', 'vdc'],
    );
  });

  it('targetName is the inverse of what libvirt reads: a, z, aa, az, ba, zz, aaa', () => {
    assert.deepEqual(
      [0, 25, 26, 51, 52, 701, 702].map((i) => targetName('sd', i)),
      ['sda', 'sdz', 'sdaa', 'sdaz', 'sdba', 'sdzz', 'sdaaa'],
    );
  });
});
