/**
 * The fixes of the values that have a generator (features/generatedValues.ts): a broken document,
 * the finding, the fixes offered, and the text after the preferred one, with a random source the
 * test controls.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analysis } from '../../server/src/features/analysis';
import { incrementalFindings } from '../../server/src/features/diagnostics';
import { Generator, RandomSource, knownUnit, withGeneratedValues } from '../../server/src/features/generatedValues';
import { Finding, Fix, editsOf } from '../../server/src/finding';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { validateTree } from '../../server/src/schema/validate';
import { applyEdits } from '../../server/src/cli/fix';
import { bundledSchema } from './helpers/documents';

const schema = bundledSchema();
const LIMITS = { maxProblems: 100, maxFileSizeMB: 16 };

/** Random bytes from a list, in turn; runs out loudly. */
function scripted(...chunks: number[][]): RandomSource {
  const left = [...chunks];
  return {
    bytes(count) {
      const chunk = left.shift();
      assert.ok(chunk, 'the test gave no more random bytes');
      assert.equal(chunk.length, count);
      return Uint8Array.from(chunk);
    },
  };
}

const SIXTEEN = Array.from({ length: 16 }, (_, i) => i * 17);

function domain(options: { uuid?: string; memory?: string; interfaces?: string } = {}): string {
  return `<domain type='kvm'>
  <name>gen</name>
${options.uuid ?? '  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>'}
${options.memory ?? "  <memory unit='KiB'>1048576</memory>"}
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-9.0'>hvm</type>
  </os>
  <devices>
${options.interfaces ?? ''}
  </devices>
</domain>
`;
}

const iface = (mac: string) => `    <interface type='network'>\n      <mac address='${mac}'/>\n      <source network='default'/>\n    </interface>`;

/** The schema's findings with the generated values' fixes, through `generator`. */
function findingsOf(text: string, generator: Generator): Finding[] {
  const document = ParsedDocument.parse(text);
  const valid = validateTree(schema.derivatives, schema.datatypes, document.source, document.tree, 100);
  return withGeneratedValues(valid, document.source, document.tree, generator);
}

function preferred(finding: Finding): Fix | undefined {
  const fixes = finding.fixes ?? [];
  return fixes.length === 1 ? fixes[0] : fixes.find((fix) => fix.preferred);
}

interface Case {
  name: string;
  text: string;
  code: string;
  /** The random bytes the generator draws, in order. */
  random?: number[][];
  titles: string[];
  safe: boolean;
  /** The text the preferred fix leaves, by a substring of it; undefined: no fix. */
  after?: string;
}

const CASES: Case[] = [
  {
    name: 'a UUID libvirt cannot read gets a fresh version-4 one',
    text: domain({ uuid: '  <uuid>1234-zz</uuid>' }),
    code: 'bad-value',
    random: [SIXTEEN],
    titles: ['Replace with a new random UUID'],
    safe: false,
    after: '<uuid>00112233-4455-4677-8899-aabbccddeeff</uuid>',
  },
  {
    name: 'a UUID libvirt reads (spaces, a dash missing, upper case) is written canonically, safely',
    text: domain({ uuid: '  <uuid> C7A5FDBD EDAF-9455926a-d65c16db1809 </uuid>' }),
    code: 'bad-value',
    titles: ['Write the UUID as `c7a5fdbd-edaf-9455-926a-d65c16db1809`'],
    safe: true,
    after: '<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>',
  },
  {
    name: 'a UUID with a dash after its 32nd digit is not read by libvirt: a fresh one',
    text: domain({ uuid: '  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809-</uuid>' }),
    code: 'bad-value',
    random: [SIXTEEN],
    titles: ['Replace with a new random UUID'],
    safe: false,
    after: '<uuid>00112233-4455-4677-8899-aabbccddeeff</uuid>',
  },
  {
    name: 'a multicast MAC address gets a fresh 52:54:00 one that no other interface uses',
    text: domain({ interfaces: `${iface('01:54:00:aa:bb:cc')}\n${iface('52:54:00:11:22:33')}` }),
    code: 'bad-attribute-value',
    random: [
      [0x11, 0x22, 0x33],
      [0x44, 0x55, 0x66],
    ],
    titles: ['Replace with the new MAC address `52:54:00:44:55:66`'],
    safe: false,
    after: "<mac address='52:54:00:44:55:66'/>",
  },
  {
    name: 'a MAC address with five bytes gets a fresh one',
    text: domain({ interfaces: iface('52:54:00:aa:bb') }),
    code: 'bad-attribute-value',
    random: [[0x0a, 0x0b, 0x0c]],
    titles: ['Replace with the new MAC address `52:54:00:0a:0b:0c`'],
    safe: false,
    after: "<mac address='52:54:00:0a:0b:0c'/>",
  },
  {
    name: 'a unicast MAC address libvirt reads (one-digit bytes) is written canonically, safely',
    text: domain({ interfaces: iface('52:54:0:A:b:c') }),
    code: 'bad-attribute-value',
    titles: ['Write the MAC address as `52:54:00:0a:0b:0c`'],
    safe: true,
    after: "<mac address='52:54:00:0a:0b:0c'/>",
  },
  {
    name: '`GByte` names neither power: `GB` first, `GiB` too, neither safe',
    text: domain({ memory: "  <memory unit='GByte'>1</memory>" }),
    code: 'bad-attribute-value',
    titles: ['Change to `GB`', 'Change to `GiB`'],
    safe: false,
    after: "<memory unit='GB'>1</memory>",
  },
  {
    name: '`gibibytes` is GiB, safely',
    text: domain({ memory: "  <memory unit='gibibytes'>1</memory>" }),
    code: 'bad-attribute-value',
    titles: ['Change to `GiB`'],
    safe: true,
    after: "<memory unit='GiB'>1</memory>",
  },
  {
    name: 'a unit with blanks around it is the unit, safely',
    text: domain({ memory: "  <memory unit=' MiB '>1024</memory>" }),
    code: 'bad-attribute-value',
    titles: ['Change to `MiB`'],
    safe: true,
    after: "<memory unit='MiB'>1024</memory>",
  },
  {
    name: 'a unit nothing resembles gets no fix',
    text: domain({ memory: "  <memory unit='parsecs'>1</memory>" }),
    code: 'bad-attribute-value',
    titles: [],
    safe: false,
  },
  {
    name: 'a UUID elsewhere (the generation ID) is not the domain\'s: no fix',
    text: domain().replace('  <vcpu>', '  <genid>zz</genid>\n  <vcpu>'),
    code: 'bad-value',
    titles: [],
    safe: false,
  },
  {
    name: "a drive address's `unit` is a number, not a memory unit: no fix",
    text: domain({
      interfaces: "    <disk type='file' device='disk'>\n      <source file='/a.img'/>\n      <target dev='sda' bus='scsi'/>\n      <address type='drive' controller='0' bus='0' target='0' unit='gb'/>\n    </disk>",
    }),
    code: 'bad-attribute-value',
    titles: [],
    safe: false,
  },
];

describe('generated values: the fix of each broken value', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const generator = new Generator(scripted(...(c.random ?? [])));
      const findings = findingsOf(c.text, generator).filter((f) => f.code === c.code);
      assert.equal(findings.length, 1, findings.map((f) => f.message).join(' | '));
      const [finding] = findings;
      assert.deepEqual((finding.fixes ?? []).map((fix) => fix.title), c.titles);
      if (c.after === undefined) return;
      for (const fix of finding.fixes ?? []) assert.equal(fix.safe, c.safe);
      const fix = preferred(finding);
      assert.ok(fix, 'one fix is preferred');
      const fixed = applyEdits(c.text, editsOf(fix));
      assert.ok(fixed.includes(c.after), fixed);
      assert.deepEqual(findingsOf(fixed, new Generator(scripted())), [], 'the schema has nothing left to say');
    });
  }
});

describe('generated values: stable and distinct', () => {
  it('each check of the same text offers the same value; two copies of one bad MAC get two different ones', () => {
    const text = domain({ interfaces: `${iface('ff:ff:ff:ff:ff:ff')}\n${iface('ff:ff:ff:ff:ff:ff')}` });
    const generator = new Generator(
      scripted(
        [1, 2, 3],
        [4, 5, 6],
      ),
    );
    const macs = (findings: Finding[]) => findings.map((f) => f.fixes?.[0].newText);
    const first = macs(findingsOf(text, generator));
    assert.deepEqual(first, ['52:54:00:01:02:03', '52:54:00:04:05:06']);
    assert.deepEqual(macs(findingsOf(text, generator)), first, 'no new random bytes drawn: the scripted source would throw');
  });

  it('a remembered MAC that the document now uses is drawn again', () => {
    const generator = new Generator(scripted([1, 2, 3], [7, 8, 9]));
    assert.equal(findingsOf(domain({ interfaces: iface('ff:ff:ff:ff:ff:ff') }), generator)[0].fixes?.[0].newText, '52:54:00:01:02:03');
    const now = domain({ interfaces: `${iface('ff:ff:ff:ff:ff:ff')}\n${iface('52:54:00:01:02:03')}` });
    assert.equal(findingsOf(now, generator)[0].fixes?.[0].newText, '52:54:00:07:08:09');
  });

  it('the remembered values are bounded: the oldest is forgotten', () => {
    const generator = new Generator(scripted([1], [2], [3]), 1);
    assert.equal(generator.value('a', (random) => String(random.bytes(1)[0])), '1');
    assert.equal(generator.value('b', (random) => String(random.bytes(1)[0])), '2');
    assert.equal(generator.value('a', (random) => String(random.bytes(1)[0])), '3');
  });
});

describe('generated values: through the incremental check', () => {
  it('an edit before the bad value: the fix is made for the new offsets', () => {
    const text = domain({ memory: "  <memory unit='gibibytes'>1</memory>" });
    const document = ParsedDocument.parse(text);
    const context = { limits: LIMITS, schema, host: undefined };
    const before = incrementalFindings(new Analysis(document, context)).find((f) => f.code === 'bad-attribute-value');
    assert.ok(before?.fixes);
    // Text typed into `<name>`, before the value: validation's memo moves its findings, the fix is made again.
    const at = text.indexOf('gen</name>');
    document.applyChange('longer-', { start: document.positionAt(at), end: document.positionAt(at) });
    const edited = document.text;
    const after = incrementalFindings(new Analysis(document, context)).find((f) => f.code === 'bad-attribute-value');
    assert.ok(after?.fixes);
    assert.equal(after.fixes[0].start, before.fixes[0].start + 'longer-'.length);
    const fixed = applyEdits(edited, editsOf(after.fixes[0]));
    assert.ok(fixed.includes("<name>longer-gen</name>") && fixed.includes("<memory unit='GiB'>1</memory>"), fixed);
  });
});

describe('generated values: the units libvirt knows', () => {
  const table: [string, { units: string[]; safe: boolean } | undefined][] = [
    ['GiB', undefined],
    ['gib', undefined],
    ['bytes', undefined],
    ['GiByte', { units: ['GiB'], safe: true }],
    ['mibytes', { units: ['MiB'], safe: true }],
    ['Gi', { units: ['GiB'], safe: true }],
    ['KiBs', { units: ['KiB'], safe: true }],
    ['MBs', { units: ['MB'], safe: true }],
    ['kilobytes', { units: ['KB', 'KiB'], safe: false }],
    ['exbibyte', { units: ['EiB'], safe: true }],
    ['TBytes', { units: ['TB', 'TiB'], safe: false }],
    [' G', { units: ['G'], safe: true }],
    ['GiBB', undefined],
    ['x', undefined],
  ];
  for (const [written, expected] of table) {
    it(`${JSON.stringify(written)} → ${expected ? expected.units.join(' or ') : 'nothing'}`, () => assert.deepEqual(knownUnit(written), expected));
  }
});
