/** Documents and schema pieces the tests share. */
import * as path from 'node:path';
import { words } from '../../../server/src/messages/words';
import { DatatypeChecker } from '../../../server/src/schema/derivatives';
import { Schema, loadModelFile } from '../../../server/src/schema/schema';
import { Analysis } from '../../../server/src/features/analysis';
import { HostTopology } from '../../../server/src/features/cpuset/documentSets';

/** A valid domain with a bit of everything: prolog, namespaces, sets, enums, devices. */
export const WEB01 = `<?xml version="1.0"?>
<!-- a guest written for the tests -->
<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static' cpuset='1-2,4,6'>2</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='1'/>
  </cputune>
  <os>
    <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:12:34:56'/>
      <source network='default'/>
    </interface>
    <graphics type='vnc' port='-1'/>
  </devices>
  <qemu:commandline>
    <qemu:arg value='-S'/>
  </qemu:commandline>
</domain>
`;

/** The RELAX NG namespace declaration, for grammars written in tests. */
export const RNG = 'xmlns="http://relaxng.org/ns/structure/1.0"';

/**
 * A small domain grammar: `type` kvm|qemu, then interleaved a `<name>`, an optional `<vcpu>` with
 * `placement` static|auto and int content, an optional `<on_poweroff>` destroy|restart, and
 * `<devices>` holding any number of `<interface/>` and of the `disk` given.
 */
export function smallDomainGrammar(disk: string): string {
  return `<grammar ${RNG} datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><start><element name="domain">
  <attribute name="type"><choice><value>kvm</value><value>qemu</value></choice></attribute>
  <interleave>
    <element name="name"><text/></element>
    <optional><element name="vcpu"><optional><attribute name="placement"><choice><value>static</value><value>auto</value></choice></attribute></optional><data type="int"/></element></optional>
    <optional><element name="on_poweroff"><choice><value>destroy</value><value>restart</value></choice></element></optional>
    <element name="devices"><zeroOrMore><choice>
      ${disk}
      <element name="interface"><empty/></element>
    </choice></zeroOrMore></element>
  </interleave>
</element></start></grammar>`;
}

/** Datatypes for small test grammars: `int` is checked, anything else goes. */
export const TEST_TYPES: DatatypeChecker = {
  allows: (pattern, value) => (pattern.type === 'int' ? /^\s*[+-]?\d+\s*$/.test(value) : true),
  equals: (pattern, value) => value.trim() === pattern.value.trim(),
};

/** Words for TEST_TYPES' data: the XSD library's, as the bundled schema says them. */
export const TEST_WORDS = { describe: (source: { type: string }) => (source.type === 'int' ? words('schema.integer', { digits: '' }) : words('schema.type.string')) };

let bundled: Schema | undefined;

/** The schema the extension ships, loaded once for all tests of a file. */
export function bundledSchema(): Schema {
  bundled ??= Schema.fromModel(loadModelFile(path.resolve(__dirname, '..', '..', '..', '..', 'schemas', 'libvirt-domain.json')), 'bundled');
  return bundled;
}

/** The analysis of `text` as the server makes it, with `schema` (none: docs and well-formedness only) and `host`. */
export function analysisOf(text: string, schema?: Schema, host?: HostTopology): Analysis {
  return Analysis.ofText(text, { schema, host, limits: { maxProblems: 1000, maxFileSizeMB: Number.POSITIVE_INFINITY } });
}
