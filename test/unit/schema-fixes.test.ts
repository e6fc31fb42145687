/** The schema's fixes: which finding gets which fix, whether it is safe, and the text after it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Analysis } from '../../server/src/features/analysis';
import { documentFindings } from '../../server/src/features/diagnostics';
import { Finding, Fix, editsOf } from '../../server/src/finding';
import { parseDocument } from '../../server/src/parser/parse';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { compileGrammar } from '../../server/src/schema/compileGrammar';
import { Derivatives } from '../../server/src/schema/derivatives';
import { closeMatches } from '../../server/src/schema/fixes';
import { validateTree } from '../../server/src/schema/validate';
import { RNG, TEST_TYPES, TEST_WORDS, WEB01, bundledSchema } from './helpers/documents';
import { random } from './helpers/randomEdits';

const schema = bundledSchema();
const LIMITS = { maxProblems: 1000, maxFileSizeMB: 16 };

function findingsOf(text: string): Finding[] {
  return validateTree(schema.derivatives, schema.datatypes, text, parseDocument(text));
}

function applied(text: string, fix: Fix): string {
  let result = text;
  for (const edit of editsOf(fix).reverse()) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The fix a single keystroke applies: the lone one, or the one marked preferred. */
function preferred(finding: Finding): Fix | undefined {
  const fixes = finding.fixes ?? [];
  return fixes.length === 1 ? fixes[0] : fixes.find((fix) => fix.preferred);
}

/** WEB01 with each [from, to] replaced. */
function broken(...changes: [string, string][]): string {
  let text = WEB01;
  for (const [from, to] of changes) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
  }
  return text;
}

const SEV_SNP = (children: string) => `  <launchSecurity type='sev-snp'>\n${children}  </launchSecurity>\n</domain>`;

interface Case {
  name: string;
  text: string;
  code: string;
  /** The fixes offered, each title with `safe` after it: "Change to `<interface>` (safe)". */
  fixes: string[];
  /** The text after the preferred fix; the original WEB01 when omitted. */
  after?: string;
  snippet?: string;
}

const CASES: Case[] = [
  {
    name: 'an unknown element renamed to the one close name allowed there, with its end tag',
    text: broken(['<interface type', '<interfce type'], ['</interface>', '</interfce>']),
    code: 'unexpected-element',
    fixes: ['Change to `<interface>` (safe)'],
  },
  {
    name: 'an unknown attribute renamed',
    text: broken(["placement='static'", "placment='static'"]),
    code: 'unexpected-attribute',
    fixes: ['Change to `placement` (safe)'],
  },
  {
    name: 'a value one edit from an allowed one',
    text: broken(["placement='static'", "placement='statc'"]),
    code: 'bad-attribute-value',
    fixes: ['Change to `static` (safe)'],
  },
  {
    name: 'a value differing in case alone',
    text: broken(["placement='static'", "placement='Static'"]),
    code: 'bad-attribute-value',
    fixes: ['Change to `static` (safe)'],
  },
  {
    name: 'a value cut short: completed, but as a guess, not safely',
    text: broken(["placement='static'", "placement='stat'"]),
    code: 'bad-attribute-value',
    fixes: ['Change to `static` (not safe)'],
  },
  {
    name: "an element's text, without the whitespace around it",
    text: broken(['<on_poweroff>destroy</on_poweroff>', '<on_poweroff> destroi\n  </on_poweroff>']),
    code: 'bad-value',
    fixes: ['Change to `destroy` (safe)'],
    after: broken(['<on_poweroff>destroy</on_poweroff>', '<on_poweroff> destroy\n  </on_poweroff>']),
  },
  {
    name: 'a missing attribute of free text: a tab stop, and empty in plain text',
    text: broken(["<source network='default'/>", '<source/>']),
    code: 'missing-attribute',
    fixes: ['Add `network` (not safe)'],
    snippet: " network='$1'",
    after: broken(["<source network='default'/>", "<source network=''/>"]),
  },
  {
    name: "a missing attribute with listed values: a choice of them, those libvirt's documents give most first, the first in plain text",
    text: broken(['<graphics', "<disk type='network' device='disk'><source name='pool/vol'/><target dev='vdb'/></disk>\n    <graphics"]),
    code: 'missing-attribute',
    fixes: ['Add `protocol` (not safe)'],
    snippet: " protocol='${1|iscsi,rbd,nbd,https,http,nfs,ftps,ftp,gluster,ssh,sheepdog,tftp,vxhs|}'",
    after: broken(['<graphics', "<disk type='network' device='disk'><source name='pool/vol' protocol='iscsi'/><target dev='vdb'/></disk>\n    <graphics"]),
  },
  {
    name: 'a missing child, on a line of its own like its siblings, with its required attribute',
    text: broken(["      <target dev='vda' bus='virtio'/>\n", '']),
    code: 'missing-content',
    fixes: ['Add `<target>` (not safe)'],
    snippet: "<target dev='$1'/>\n",
    after: broken(["      <target dev='vda' bus='virtio'/>\n", ''], ["      <driver name='qemu'", "      <target dev=''/>\n      <driver name='qemu'"]),
  },
  {
    name: 'missing children of an element holding only a line break: one level deeper than its end tag, in order',
    text: broken(['    <graphics', "    <disk type='network' device='disk'>\n    </disk>\n    <graphics"]),
    code: 'missing-content',
    fixes: ['Add `<source>` and `<target>` (not safe)'],
    snippet: "\n\t<source protocol='${1|nbd,gluster,rbd,iscsi,http,https,ftps,ftp,ssh,sheepdog,tftp,vxhs,nfs|}'/>\n\t<target dev='$2'/>\n",
    after: broken(['    <graphics', "    <disk type='network' device='disk'>\n      <source protocol='nbd'/>\n      <target dev=''/>\n    </disk>\n    <graphics"]),
  },
  {
    name: 'a missing child of a self-closed element: opened, with the child and its own required child inline',
    text: broken(["<graphics type='vnc' port='-1'/>", "<hostdev mode='subsystem' type='pci'/>"]),
    code: 'missing-content',
    fixes: ['Add `<source>` (not safe)'],
    after: broken(["<graphics type='vnc' port='-1'/>", "<hostdev mode='subsystem' type='pci'><source><address/></source></hostdev>"]),
  },
  {
    name: 'a second element where one may be: removed with its line',
    text: broken(['  <on_poweroff>destroy</on_poweroff>\n', '  <on_poweroff>destroy</on_poweroff>\n  <on_poweroff>restart</on_poweroff>\n']),
    code: 'unexpected-element',
    fixes: ['Remove this `<on_poweroff>` (not safe)'],
  },
  {
    name: 'an element out of order: moved where the content model puts it',
    text: broken(['</domain>', SEV_SNP('    <reducedPhysBits>1</reducedPhysBits>\n    <cbitpos>47</cbitpos>\n    <policy>0x00030000</policy>\n')]),
    code: 'unexpected-element',
    fixes: ['Move `<cbitpos>` before `<reducedPhysBits>` (not safe)'],
    after: broken(['</domain>', SEV_SNP('    <cbitpos>47</cbitpos>\n    <reducedPhysBits>1</reducedPhysBits>\n    <policy>0x00030000</policy>\n')]),
  },
  {
    name: 'an element known elsewhere, close to one allowed here: renamed, but not safely (it may be meant elsewhere)',
    text: broken(['  <os>', '  <cpu><features/></cpu>\n  <os>']),
    code: 'unexpected-element',
    fixes: ['Change to `<feature>` (not safe)'],
    after: broken(['  <os>', '  <cpu><feature/></cpu>\n  <os>']),
  },
];

for (const c of CASES) {
  test(`fix: ${c.name}`, () => {
    const finding = findingsOf(c.text).find((f) => f.code === c.code);
    assert.ok(finding, `a ${c.code} finding; got ${findingsOf(c.text).map((f) => f.code).join(', ')}`);
    assert.deepEqual(
      (finding.fixes ?? []).map((fix) => `${fix.title} (${fix.safe ? 'safe' : 'not safe'})`),
      c.fixes,
    );
    const fix = preferred(finding);
    assert.ok(fix);
    if (c.snippet !== undefined) assert.equal(fix.snippet, c.snippet);
    assert.equal(applied(c.text, fix), c.after ?? WEB01);
  });
}

test('findings the schema leaves more than one answer to get no fix', () => {
  const noFix = (text: string, code: string) => {
    const finding = findingsOf(text).find((f) => f.code === code);
    assert.ok(finding, code);
    assert.equal(finding.fixes, undefined, `${finding.message}: ${finding.fixes?.map((f) => f.title).join(', ')}`);
  };
  noFix(broken(['<interface type', '<gadget type'], ['</interface>', '</gadget>']), 'unexpected-element');
  // `<cvpu>`: `<vcpu>` with two letters swapped, or `<cpu>` with one added.
  noFix(broken(["<vcpu placement='static' cpuset='1-2,4,6'>2</vcpu>", "<cvpu placement='static' cpuset='1-2,4,6'>2</cvpu>"]), 'unexpected-element');
  // `usd`: one edit from `usb` and from `sd`.
  noFix(broken(["<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='usd'/>"]), 'bad-attribute-value');
  // A pattern, not a list of values: no nearest one.
  noFix(broken(["<memory unit='KiB'>1048576</memory>", "<memory unit='KiB'>lots</memory>"]), 'bad-value');
  // A typo of a required attribute: renaming it is the fix, not adding another.
  const typo = findingsOf(broken(["<source network='default'/>", "<source netwrk='default'/>"]));
  assert.deepEqual(
    typo.map((f) => [f.code, f.fixes?.map((fix) => fix.title)]),
    [
      ['unexpected-attribute', ['Change to `network`']],
      ['missing-attribute', undefined],
    ],
  );
});

test('two close names, neither in case alone: no fix', () => {
  const grammar = `<grammar ${RNG}><start><element name="domain"><attribute name="mode"><choice><value>host-model</value><value>host-modal</value></choice></attribute></element></start></grammar>`;
  const d = new Derivatives(compileGrammar('/m.rng', () => grammar), TEST_TYPES);
  const text = "<domain mode='host-mode'/>";
  const [finding] = validateTree(d, TEST_WORDS, text, parseDocument(text));
  assert.equal(finding.code, 'bad-attribute-value');
  assert.equal(finding.fixes, undefined);
});

test('a typo is one edit in a word of three to five characters, two from six on; a word cut short is a guess', () => {
  assert.deepEqual(closeMatches('dsik', ['disk']), [{ candidate: 'disk', typo: true }], 'two letters swapped: one edit');
  assert.deepEqual(closeMatches('dsk', ['disk', 'desk']).map((m) => m.candidate), ['disk', 'desk']);
  assert.deepEqual(closeMatches('dkis', ['disk']), [], 'two edits in four characters: not a typo');
  assert.deepEqual(closeMatches('dik', ['disk']), [{ candidate: 'disk', typo: true }]);
  assert.deepEqual(closeMatches('interfce', ['interface', 'disk']), [{ candidate: 'interface', typo: true }]);
  assert.deepEqual(closeMatches('stat', ['static', 'auto']), [{ candidate: 'static', typo: false }]);
  assert.deepEqual(closeMatches('st', ['static']), [], 'under three characters, only case counts');
  assert.deepEqual(closeMatches('Vd', ['vd']), [{ candidate: 'vd', typo: true }]);
});

test('values are written in the quotes of the element, else of the root start tag', () => {
  const fixOf = (text: string) => findingsOf(text).find((f) => f.code === 'missing-attribute')?.fixes?.[0]?.newText;
  const doubled = broken(["<domain type='kvm'", '<domain type="kvm"'], ["<source network='default'/>", '<source/>']);
  assert.equal(fixOf(doubled), ' network=""');
  const ownQuote = broken(['<graphics', "<disk type='network' device=\"disk\"><source name=\"v\"/><target dev='vdb'/></disk>\n    <graphics"]);
  assert.match(fixOf(ownQuote) ?? '', /^ protocol="iscsi"$/);
});

/** A domain with something to fix in each place: a typo deep inside, second elements (one with children), a child missing from an element of whitespace. */
const FIXABLE = broken(
  ['  </cputune>\n', "  </cputune>\n  <cputune>\n    <vcpupin vcpu='1' cpuset='2'/>\n  </cputune>\n"],
  ['<interface type', '<interfce type'],
  ['</interface>', '</interfce>'],
  ['  <on_poweroff>destroy</on_poweroff>\n', '  <on_poweroff>destroy</on_poweroff>\n  <on_poweroff>restart</on_poweroff>\n'],
  ['    <graphics', "    <disk type='file' device='disk'>\n    </disk>\n    <graphics"],
);

function incrementalFindings(document: ParsedDocument): Finding[] {
  return documentFindings(new Analysis(document, { limits: LIMITS, schema, host: undefined }));
}

test('a remembered fix moves with its finding: after an edit before it (the incremental path), it still lands on the same text', () => {
  const document = ParsedDocument.parse(FIXABLE);
  const fixable = (findings: Finding[]) => findings.filter((f) => f.fixes);
  const before = fixable(incrementalFindings(document));
  assert.deepEqual(
    before.map((f) => f.fixes?.map((fix) => fix.title)),
    [['Remove this `<cputune>`'], ['Remove this `<on_poweroff>`'], ['Change to `<interface>`'], ['Add `<target>`']],
  );
  // A longer name and a deeper indentation before all three, typed as an editor sends them.
  const nameAt = document.positionAt(FIXABLE.indexOf('web01<'));
  document.applyChange('web01-renamed', { start: nameAt, end: { line: nameAt.line, character: nameAt.character + 5 } });
  const afterEdit = fixable(incrementalFindings(document));
  assert.deepEqual(afterEdit, fixable(findingsOfText(document.text)), 'the same as a fresh check');
  const text = document.text;
  const [removeWithChildren, remove, rename, add] = afterEdit.map((f) => f.fixes![0]);
  assert.equal(applied(text, removeWithChildren), text.replace("  <cputune>\n    <vcpupin vcpu='1' cpuset='2'/>\n  </cputune>\n", ''));
  assert.equal(applied(text, rename), text.replace('<interfce', '<interface').replace('</interfce>', '</interface>'));
  assert.equal(applied(text, remove), text.replace('  <on_poweroff>restart</on_poweroff>\n', ''));
  assert.equal(applied(text, add), text.replace("<disk type='file' device='disk'>\n    </disk>", "<disk type='file' device='disk'>\n      <target dev=''/>\n    </disk>"));
});

test('fixes that read the lines around an element follow an edit of its indentation', () => {
  const document = ParsedDocument.parse(FIXABLE);
  incrementalFindings(document);
  const second = FIXABLE.indexOf("  <cputune>\n    <vcpupin vcpu='1'");
  document.replace(second, second, '    ');
  const fixes = incrementalFindings(document).flatMap((f) => f.fixes ?? []);
  assert.deepEqual(fixes, findingsOfText(document.text).flatMap((f) => f.fixes ?? []));
  const remove = fixes.find((fix) => fix.title === 'Remove this `<cputune>`');
  assert.ok(remove);
  assert.equal(applied(document.text, remove), FIXABLE.replace("  <cputune>\n    <vcpupin vcpu='1' cpuset='2'/>\n  </cputune>\n", ''));
});

function findingsOfText(text: string): Finding[] {
  return incrementalFindings(ParsedDocument.parse(text));
}

test('fixes remembered with elements and with runs of siblings stay what a fresh check gives, through edits of the indentation and quotes they read', () => {
  // Wide enough for <devices>' children to be remembered in runs.
  const devices = Array.from({ length: 150 }, () => `    <serial type='pty'/>\n`).join('');
  // The <source/> takes the root's quotes: it has none of its own.
  const withoutQuotes = "    <interface type='network'>\n      <source/>\n    </interface>\n";
  const base = FIXABLE.replace('    <graphics', `${devices}${withoutQuotes}    <graphics`).replace('<serial type', '<serail type');
  const INSERTED = ['  ', '\n', '\t', '\n  '];
  let compared = 0;
  for (let seed = 1; seed <= 6; seed++) {
    const next = random(seed);
    const document = ParsedDocument.parse(base);
    for (let step = 0; step < 40; step++) {
      const text = document.text;
      const roll = next();
      if (roll < 0.15) {
        // The root's quotes, which values written into an element without attributes follow.
        const from = text.includes("type='kvm'") ? "'" : '"';
        const at = text.indexOf(`type=${from}kvm${from}`) + 5;
        const to = from === "'" ? '"' : "'";
        document.replace(at, at + 5, `${to}kvm${to}`);
      } else {
        // The indentation of a line, which fixes that add, move or remove lines copy.
        const lines = [...text.matchAll(/\n( *)</g)];
        const line = lines[Math.floor(next() * lines.length)];
        const at = line.index + 1;
        if (roll < 0.55 && line[1].length > 0) document.replace(at, at + 1, '');
        else document.replace(at, at, INSERTED[Math.floor(next() * INSERTED.length)]);
      }
      const actual = incrementalFindings(document);
      const expected = findingsOfText(document.text);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) assert.deepEqual(actual, expected, `seed ${seed}, step ${step}`);
      compared += actual.filter((f) => f.fixes).length;
    }
  }
  assert.ok(compared > 500, `${compared} findings with fixes compared`);
});

test('a typo among hundreds of siblings is still renamed; its siblings are not walked for it', () => {
  const devices = Array.from({ length: 300 }, () => `    <serial type='pty'/>\n`).join('');
  const text = WEB01.replace('    <graphics', `${devices}    <serail type='pty'/>\n    <graphics`);
  const finding = findingsOf(text).find((f) => f.code === 'unexpected-element');
  assert.deepEqual(finding?.fixes?.map((fix) => fix.title), ['Change to `<serial>`']);
});

test('in one parent, a place to move to is looked for only for the first few children out of place (each look walks the siblings once per place)', () => {
  const grammar = `<grammar ${RNG}><start><element name="domain"><zeroOrMore><element name="a"><empty/></element></zeroOrMore><zeroOrMore><element name="b"><empty/></element></zeroOrMore></element></start></grammar>`;
  const d = new Derivatives(compileGrammar('/m.rng', () => grammar), TEST_TYPES);
  const text = `<domain>\n${'  <b/>\n  <a/>\n'.repeat(6)}</domain>`;
  const findings = validateTree(d, TEST_WORDS, text, parseDocument(text));
  assert.deepEqual(
    findings.map((f) => f.fixes?.map((fix) => fix.title).join(' | ')),
    [
      'Move `<a>` before `<b>`',
      ...Array.from({ length: 3 }, () => 'Move `<a>` before `<b>` | Remove this `<a>`'),
      'Remove this `<a>`',
      'Remove this `<a>`',
    ],
  );
  const moved = findings[0].fixes![0];
  assert.equal(applied(text, moved), `<domain>\n  <a/>\n  <b/>\n${'  <b/>\n  <a/>\n'.repeat(5)}</domain>`);
});
