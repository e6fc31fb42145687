import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { documentLinks, fileUri } from '../../server/src/features/documentLinks';
import { WEB01, analysisOf } from './helpers/documents';

/** Each link as [the text it covers, its target]. */
function linksOf(text: string): [string, string][] {
  return documentLinks(analysisOf(text)).map((link) => [text.slice(link.start, link.end), link.target]);
}

test("a disk's absolute path links to the file; the qemu namespace declaration is not a page", () => {
  assert.deepEqual(linksOf(WEB01), [['/var/lib/libvirt/images/web01.qcow2', 'file:///var/lib/libvirt/images/web01.qcow2']]);
});

test('the paths libvirt reads from text content link too, without the whitespace around them', () => {
  const text = `<domain type='kvm'>
  <os>
    <type>hvm</type>
    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
    <nvram template='/usr/share/OVMF/OVMF_VARS.fd'>/var/lib/libvirt/qemu/nvram/web 01_VARS.fd</nvram>
    <kernel>
      /boot/vmlinuz
    </kernel>
    <initrd>/boot/initrd.img</initrd>
    <cmdline>console=ttyS0 inst.ks=http://example.com/f8/ks.cfg</cmdline>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
  </devices>
</domain>`;
  assert.deepEqual(linksOf(text), [
    ['/usr/share/OVMF/OVMF_CODE.fd', 'file:///usr/share/OVMF/OVMF_CODE.fd'],
    ['/usr/share/OVMF/OVMF_VARS.fd', 'file:///usr/share/OVMF/OVMF_VARS.fd'],
    ['/var/lib/libvirt/qemu/nvram/web 01_VARS.fd', 'file:///var/lib/libvirt/qemu/nvram/web%2001_VARS.fd'],
    ['/boot/vmlinuz', 'file:///boot/vmlinuz'],
    ['/boot/initrd.img', 'file:///boot/initrd.img'],
    ['http://example.com/f8/ks.cfg', 'http://example.com/f8/ks.cfg'],
    ['/usr/bin/qemu-system-x86_64', 'file:///usr/bin/qemu-system-x86_64'],
  ]);
});

test('relative paths, device nodes and values that are not paths get no file link', () => {
  const text = `<domain type='kvm'>
  <devices>
    <disk type='file'><source file='images/web01.qcow2'/></disk>
    <disk type='file'><source file='/dev/sdb'/></disk>
    <disk type='block'><source dev='/dev/sdc'/></disk>
    <serial type='file'><source path='/var/log/serial.log'/></serial>
  </devices>
</domain>`;
  assert.deepEqual(linksOf(text), []);
});

test('web addresses in comments, text and attribute values link, without the punctuation that ends a sentence', () => {
  const text = `<!-- Disks: see https://libvirt.org/formatdomain.html#hard-drives-floppy-disks-cdroms. -->
<domain type='kvm'>
  <description>Web server (docs at https://wiki.example.org/web01).</description>
  <metadata>
    <app:info xmlns:app='https://example.org/app/1.0' href='https://example.org/?a=1&amp;b=2'/>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://microsoft.com/win/10"/>
    </libosinfo:libosinfo>
  </metadata>
  <![CDATA[http://example.com/a?b=<c>]]>
</domain>`;
  assert.deepEqual(linksOf(text), [
    ['https://libvirt.org/formatdomain.html#hard-drives-floppy-disks-cdroms', 'https://libvirt.org/formatdomain.html#hard-drives-floppy-disks-cdroms'],
    ['https://wiki.example.org/web01', 'https://wiki.example.org/web01'],
    ['https://example.org/?a=1&amp;b=2', 'https://example.org/?a=1&b=2'],
    ['http://example.com/a?b=', 'http://example.com/a?b='],
  ]);
});

test('a balanced parenthesis stays in the address; the one closing the sentence does not', () => {
  assert.deepEqual(linksOf('<domain><!-- (https://en.wikipedia.org/wiki/KVM_(software)) --></domain>'), [
    ['https://en.wikipedia.org/wiki/KVM_(software)', 'https://en.wikipedia.org/wiki/KVM_(software)'],
  ]);
});

test('half-typed documents give what they can and never throw', () => {
  assert.deepEqual(linksOf("<domain><devices><disk type='file'><source file='/var/lib/x.img"), [['/var/lib/x.img', 'file:///var/lib/x.img']]);
  assert.deepEqual(linksOf('<domain><!-- see https://libvirt.org/'), [['https://libvirt.org/', 'https://libvirt.org/']]);
  assert.deepEqual(linksOf("<domain><os><kernel>/boot/vmlinuz<"), []);
  assert.deepEqual(linksOf('<domain><devices><emulator>/usr/bin/qemu-kvm'), [['/usr/bin/qemu-kvm', 'file:///usr/bin/qemu-kvm']]);
  assert.deepEqual(linksOf('http://'), []);
});

test('a file URI reads back as the same path, whatever characters the name has', () => {
  for (const name of ['/srv/web 01.qcow2', '/srv/100%.img', '/srv/a#b?c.img', '/srv/[x]{y}|^`"<>\\.img', '/srv/ünïcødé/磁盘.img', '/srv/tab\there', "/srv/it's;a,b=c&d+e$f@g:h.img"]) {
    const uri = fileUri(name);
    assert.ok(uri, name);
    assert.equal(fileURLToPath(uri), name);
  }
  assert.equal(fileUri('/srv/\uD800.img'), undefined, 'a lone surrogate');
});
