/**
 * libvirt's references (issue 10: definition, references and highlight ≤ 5 ms at 1 MB), on
 * generated domains of 5 KB, 100 KB and 1 MB whose devices refer to IOThreads, SCSI controllers
 * and PCI root ports, beside a full parse of the same text in the same run:
 *
 * - the first call on a new version: a one-character edit, then a fresh analysis, so the text,
 *   the Domain view and the scope's tokens are all read by the call;
 * - the first call after libvirt's rules ran on the version (as in the server, where validation
 *   runs after every edit and shares the Domain view and the address map): definition reads the
 *   element under the cursor and the scope's definitions; references and highlight read the
 *   scope's uses;
 * - later calls on the same version: the scope's tokens are there.
 * Medians; the machine is shared, so compare ratios.
 */
import { Analysis } from '../../server/src/features/analysis';
import { definitionAt, referenceHighlightsAt, referencesAt } from '../../server/src/features/references/navigation';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { runRules } from '../../server/src/rules';
import { fmt, median, timed } from './measure';

const SIZES: [string, number][] = [
  ['5 KB', 5 * 1024],
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
];
const ROOT_PORTS = 30;
const SCSI_CONTROLLERS = 4;

/** A q35 guest with IOThreads, NUMA cells, root ports and SCSI controllers, and disks and NICs on them up to `bytes`. */
function generate(bytes: number): string {
  const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;
  const controllers: string[] = ["    <controller type='pci' index='0' model='pcie-root'/>"];
  for (let i = 1; i <= ROOT_PORTS; i++) controllers.push(`    <controller type='pci' index='${i}' model='pcie-root-port'/>`);
  for (let i = 0; i < SCSI_CONTROLLERS; i++) {
    controllers.push(`    <controller type='scsi' index='${i}' model='virtio-scsi'>
      <driver iothread='${(i % 4) + 1}'/>
      <address type='pci' domain='0x0000' bus='${hex(i + 1)}' slot='0x00' function='0x0'/>
    </controller>`);
  }
  const head = `<domain type='kvm'>
  <name>refs01</name>
  <memory unit='KiB'>16777216</memory>
  <vcpu placement='static'>8</vcpu>
  <iothreads>4</iothreads>
  <iothreadids>
    <iothread id='1'/>
    <iothread id='2'/>
    <iothread id='3'/>
    <iothread id='4'/>
  </iothreadids>
  <cputune>
    <vcpupin vcpu='0' cpuset='2'/>
    <iothreadpin iothread='2' cpuset='5'/>
  </cputune>
  <numatune>
    <memnode cellid='1' mode='strict' nodeset='1'/>
  </numatune>
  <os><type arch='x86_64' machine='pc-q35-8.2'>hvm</type></os>
  <cpu mode='host-passthrough'>
    <numa>
      <cell id='0' cpus='0-3' memory='8388608' unit='KiB'/>
      <cell id='1' cpus='4-7' memory='8388608' unit='KiB'/>
    </numa>
  </cpu>
  <devices>
${controllers.join('\n')}
`;
  const tail = '  </devices>\n</domain>\n';
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const device =
      i % 2 === 0
        ? `    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' iothread='${(i % 4) + 1}'/>
      <source file='/var/lib/libvirt/images/refs-${i}.qcow2'/>
      <target dev='sd${i}' bus='scsi'/>
      <address type='drive' controller='${(i >> 1) % SCSI_CONTROLLERS}' bus='0' target='${i >> 4}' unit='${(i >> 1) & 7}'/>
    </disk>
`
        : `    <interface type='network'>
      <source network='default'/>
      <model type='virtio'/>
      <address type='pci' domain='0x0000' bus='${hex(SCSI_CONTROLLERS + 1 + (i % (ROOT_PORTS - SCSI_CONTROLLERS)))}' slot='${hex(i >> 8)}' function='0x0'/>
    </interface>
`;
    parts.push(device);
    size += device.length;
  }
  parts.push(tail);
  return parts.join('');
}

const CONTEXT = { schema: undefined, host: undefined, limits: { maxProblems: Infinity, maxFileSizeMB: Infinity } };

interface Query {
  name: string;
  offset: number;
  run: (analysis: Analysis, offset: number) => unknown[];
}

function queries(text: string): Query[] {
  const middle = text.indexOf("iothread='", text.length >> 1) + "iothread='".length;
  return [
    { name: 'definition (iothreadpin → iothread)', offset: text.indexOf("iothread='2' cpuset") + 10, run: definitionAt },
    { name: 'references (root port index 6 → addresses)', offset: text.indexOf("index='6'") + 7, run: (a, o) => referencesAt(a, o, true) },
    { name: 'highlight (disk driver iothread, middle)', offset: middle, run: referenceHighlightsAt },
  ];
}

function measure(bytes: number): { parseMs: number; rows: { name: string; found: number; edited: number; afterRules: number; later: number }[] } {
  const text = generate(bytes);
  const runs = bytes > 200 * 1024 ? 15 : 60;
  const parse: number[] = [];
  for (let i = 0; i < runs; i++) parse.push(timed(() => ParsedDocument.parse(text))[0]);
  const document = ParsedDocument.parse(text);
  const editAt = text.indexOf('refs01') + 2;
  const rows = queries(text).map(({ name, offset, run }) => {
    const edited: number[] = [];
    const afterRules: number[] = [];
    const later: number[] = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      // A character typed in <name> and taken out again: two new versions, the same offsets.
      document.replace(editAt, editAt, 'x');
      document.replace(editAt, editAt + 1, '');
      edited.push(timed(() => run(new Analysis(document, CONTEXT), offset))[0]);
      const analysis = new Analysis(document, CONTEXT);
      runRules(analysis.domain!);
      afterRules.push(timed(() => run(analysis, offset))[0]);
      const [ms, result] = timed(() => run(analysis, offset));
      later.push(ms);
      found = result.length;
    }
    return { name, found, edited: median(edited), afterRules: median(afterRules), later: median(later) };
  });
  return { parseMs: median(parse), rows };
}

function main(): void {
  console.log('libvirt references (medians; target ≤ 5 ms at 1 MB), beside a full parse of the same text\n');
  console.log('| size | query | results | first call after an edit ms | first call after the rules ms | later calls ms | full parse ms | first call after an edit / parse |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [label, bytes] of SIZES) {
    const { parseMs, rows } = measure(bytes);
    for (const row of rows) {
      console.log(`| ${label} | ${row.name} | ${row.found} | ${fmt(row.edited)} | ${fmt(row.afterRules)} | ${fmt(row.later)} | ${fmt(parseMs)} | ${fmt(row.edited / parseMs, 2)} |`);
    }
  }
}

main();
