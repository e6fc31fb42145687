/**
 * The fixes of well-formedness findings: a table of broken documents, each with the fixes its
 * finding offers (title, safe, preferred) and the text after the preferred one; fixes that stay
 * right when the memo shifts remembered findings after an edit; "fix all" over several at once;
 * and deleted or mistyped end tags in libvirt's corpus put back exactly.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { safeFixEdits } from '../../server/src/features/safeFixes';
import { WELL_FORMEDNESS, checkWellFormedness } from '../../server/src/features/wellFormedness';
import { Finding, Fix, TextEdit, editsOf, shiftFinding } from '../../server/src/finding';
import { parseDocument } from '../../server/src/parser/parse';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { analysisOf } from './helpers/documents';
import { random, randomEdit } from './helpers/randomEdits';

const findingsOf = (text: string): Finding[] => checkWellFormedness(parseDocument(text), Infinity, undefined, text);

function applied(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The fix a single keystroke applies: the lone one, or the one marked preferred. */
const preferredOf = (finding: Finding): Fix | undefined => (finding.fixes?.length === 1 ? finding.fixes[0] : finding.fixes?.find((fix) => fix.preferred));

/** A fix as the table writes it: its title, `safe` or `unsafe`, and `preferred` when one of several is. */
const described = (fix: Fix) => `${fix.title} (${fix.safe ? 'safe' : 'unsafe'}${fix.preferred ? ', preferred' : ''})`;

interface Row {
  broken: string;
  code: string;
  fixes: string[];
  /** The text after the preferred fix; null when the finding offers a choice and none is preferred. */
  after: string | null;
}

const ROWS: Row[] = [
  {
    broken: '<domain>\n  <devices>\n    <disk>\n      <source/>\n    <interface/>\n  </devices>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<disk>` here (safe)'],
    after: '<domain>\n  <devices>\n    <disk>\n      <source/>\n    </disk>\n    <interface/>\n  </devices>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <devices>\n    <disk>\n      <source/>\n  </devices>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<disk>` here (safe)'],
    after: '<domain>\n  <devices>\n    <disk>\n      <source/>\n    </disk>\n  </devices>\n</domain>\n',
  },
  {
    // What deleting just the end tag leaves: a line of its indentation, which the end tag takes again.
    broken: '<domain>\n  <devices>\n    <disk>\n      <source/>\n    \n    <interface/>\n  </devices>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<disk>` here (safe)'],
    after: '<domain>\n  <devices>\n    <disk>\n      <source/>\n    </disk>\n    <interface/>\n  </devices>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <devices>\n    <disk>\n      <source/>\n\n    <interface/>\n  </devices>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<disk>` here (safe)'],
    after: '<domain>\n  <devices>\n    <disk>\n      <source/>\n    </disk>\n\n    <interface/>\n  </devices>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <name>demo\n  <memory>1</memory>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<name>` here (safe)'],
    after: '<domain>\n  <name>demo</name>\n  <memory>1</memory>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <cpu>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<cpu>` here (safe)'],
    after: '<domain>\n  <cpu>\n  </cpu>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <name>demo</name>\n',
    code: 'unclosed-element',
    fixes: ['Close `<domain>` here (safe)'],
    after: '<domain>\n  <name>demo</name>\n</domain>\n',
  },
  {
    // No indentation to go by: the place is a guess.
    broken: '<domain>\n<os>\n<type>hvm</type>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<os>` here (unsafe)'],
    after: '<domain>\n<os>\n</os>\n<type>hvm</type>\n</domain>\n',
  },
  {
    // Indented unlike the sibling before it: the indentation is not to be trusted.
    broken: '<domain>\n  <devices>\n    <disk/>\n   <disk>\n    <target/>\n  </devices>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<disk>` here (unsafe)'],
    after: '<domain>\n  <devices>\n    <disk/>\n   <disk>\n    <target/>\n   </disk>\n  </devices>\n</domain>\n',
  },
  {
    // `</devices>` stands where `</disk>` belongs: close `<disk>`, or was that `</disk>` misnamed?
    broken: '<domain>\n  <devices>\n    <disk>\n      <source/>\n    </devices>\n  </devices>\n</domain>\n',
    code: 'unclosed-element',
    fixes: ['Close `<disk>` here (unsafe)', 'Change `</devices>` to `</disk>` (unsafe)'],
    after: null,
  },
  {
    broken: "<domain>\n  <disk>\n    <backingStore type='file'>\n      <backingStore type='block'>\n        <format type='raw'/>\n    </backingStore>\n  </disk>\n</domain>\n",
    code: 'unclosed-element',
    fixes: ['Close `<backingStore>` here (unsafe)'],
    after: "<domain>\n  <disk>\n    <backingStore type='file'>\n      <backingStore type='block'>\n        <format type='raw'/>\n      </backingStore>\n    </backingStore>\n  </disk>\n</domain>\n",
  },
  {
    broken: "<domain>\n  <clock offset='utc'>\n    <timer name='rtc'/>\n  </clok>\n</domain>\n",
    code: 'mismatched-end-tag',
    fixes: ['Change to `</clock>` (safe)'],
    after: "<domain>\n  <clock offset='utc'>\n    <timer name='rtc'/>\n  </clock>\n</domain>\n",
  },
  {
    broken: "<domain>\n  <clock offset='utc'>\n    <timer name='rtc'/>\n  </clok>\n</domain>\n",
    code: 'unclosed-element',
    fixes: ['Change to `</clock>` (safe)'],
    after: "<domain>\n  <clock offset='utc'>\n    <timer name='rtc'/>\n  </clock>\n</domain>\n",
  },
  {
    broken: '<domain>\n  <name>demo</nmae>\n  <memory>1</memory>\n</domain>\n',
    code: 'mismatched-end-tag',
    fixes: ['Change to `</name>` (safe)'],
    after: '<domain>\n  <name>demo</name>\n  <memory>1</memory>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <name>demo</name>\n</domian>\n',
    code: 'mismatched-end-tag',
    fixes: ['Change to `</domain>` (safe)'],
    after: '<domain>\n  <name>demo</name>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <name>demo</>\n</domain>\n',
    code: 'missing-end-tag-name',
    fixes: ['Change to `</name>` (safe)'],
    after: '<domain>\n  <name>demo</name>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <name>demo</name>\n  </os>\n</domain>\n',
    code: 'mismatched-end-tag',
    fixes: ['Remove `</os>` (unsafe)'],
    after: '<domain>\n  <name>demo</name>\n</domain>\n',
  },
  {
    broken: "<domain type='kvm>\n  <name>demo</name>\n</domain>\n",
    code: 'unclosed-attribute-value',
    fixes: ["Close the value of `type` with `'` (safe)"],
    after: "<domain type='kvm'>\n  <name>demo</name>\n</domain>\n",
  },
  {
    broken: '<domain>\n  <disk type=\'file device="disk">\n    <source/>\n  </disk>\n</domain>\n',
    code: 'unclosed-attribute-value',
    fixes: ["Close the value of `type` with `'` (safe)"],
    after: '<domain>\n  <disk type=\'file\' device="disk">\n    <source/>\n  </disk>\n</domain>\n',
  },
  {
    // The value took the next one's opening quote: every problem after it in the tag comes from that.
    broken: "<domain>\n  <disk type='file device='disk'>\n    <source/>\n  </disk>\n</domain>\n",
    code: 'missing-space-before-attribute',
    fixes: ["Close the value of `type` with `'` (safe)"],
    after: "<domain>\n  <disk type='file' device='disk'>\n    <source/>\n  </disk>\n</domain>\n",
  },
  {
    broken: "<domain type 'kvm'/>",
    code: 'missing-equals',
    fixes: ['Add `=` after `type` (safe)'],
    after: "<domain type='kvm'/>",
  },
  {
    broken: "<domain type=kvm id='1'/>",
    code: 'unquoted-attribute-value',
    fixes: ['Put `kvm` in quotes (safe)'],
    after: "<domain type='kvm' id='1'/>",
  },
  {
    broken: '<domain type=kvm id="1"/>',
    code: 'unquoted-attribute-value',
    fixes: ['Put `kvm` in quotes (safe)'],
    after: '<domain type="kvm" id="1"/>',
  },
  {
    broken: "<domain type='kvm'id='1'/>",
    code: 'missing-space-before-attribute',
    fixes: ['Add a space before `id` (safe)'],
    after: "<domain type='kvm' id='1'/>",
  },
  {
    broken: '<domain><description>AT&T</description></domain>',
    code: 'bare-ampersand',
    fixes: ['Escape `&` as `&amp;` (safe)'],
    after: '<domain><description>AT&amp;T</description></domain>',
  },
  {
    broken: "<domain><qemu:arg value='a?b=1&c=2'/></domain>",
    code: 'bare-ampersand',
    fixes: ['Escape `&` as `&amp;` (safe)'],
    after: "<domain><qemu:arg value='a?b=1&amp;c=2'/></domain>",
  },
  {
    broken: '<domain><description>a &lt b</description></domain>',
    code: 'bare-ampersand',
    fixes: ['Add `;` after `&lt` (unsafe, preferred)', 'Escape `&` as `&amp;` (unsafe)'],
    after: '<domain><description>a &lt; b</description></domain>',
  },
  {
    broken: '<domain><description>a < b</description></domain>',
    code: 'bare-less-than',
    fixes: ['Escape `<` as `&lt;` (safe)'],
    after: '<domain><description>a &lt; b</description></domain>',
  },
  {
    broken: '<domain><description>a]]>b</description></domain>',
    code: 'cdata-end-in-text',
    fixes: ['Escape `>` as `&gt;` (safe)'],
    after: '<domain><description>a]]&gt;b</description></domain>',
  },
  {
    broken: "<domain type='kvm' id='1' type=\"kvm\"/>",
    code: 'duplicate-attribute',
    fixes: ['Remove the repeated `type="kvm"` (safe)'],
    after: "<domain type='kvm' id='1'/>",
  },
  {
    broken: "<domain type='kvm' id='1' type='qemu'/>",
    code: 'duplicate-attribute',
    fixes: ["Keep `type='kvm'` (unsafe)", "Keep `type='qemu'` (unsafe)"],
    after: null,
  },
  {
    broken: '<domain/>\nleft over\n',
    code: 'text-outside-root',
    fixes: ['Remove the text after `</domain>` (unsafe)'],
    after: '<domain/>\n',
  },
  {
    broken: 'Domain demo:\n<domain/>\n',
    code: 'text-outside-root',
    fixes: ['Remove the text before the root element (unsafe)'],
    after: '<domain/>\n',
  },
  {
    broken: '<domain><!-- use --force here --></domain>',
    code: 'double-hyphen-in-comment',
    fixes: ['Write `--` as `- -` (safe)'],
    after: '<domain><!-- use - -force here --></domain>',
  },
  {
    broken: '<domain/>\n<!-- a note\n',
    code: 'unclosed-comment',
    fixes: ['Add `-->` (safe)'],
    after: '<domain/>\n<!-- a note -->\n',
  },
  {
    // The comment swallowed the rest: it likely ended with its first line.
    broken: '<domain>\n  <!-- disabled\n  <name>demo</name>\n</domain>\n',
    code: 'unclosed-comment',
    fixes: ['Add `-->` (unsafe)'],
    after: '<domain>\n  <!-- disabled -->\n  <name>demo</name>\n</domain>\n',
  },
  {
    broken: "<domain type='kvm'\n  <name>demo</name>\n</domain>\n",
    code: 'unterminated-start-tag',
    fixes: ['End the start tag with `>` (safe)'],
    after: "<domain type='kvm'>\n  <name>demo</name>\n</domain>\n",
  },
  {
    broken: "<domain>\n  <source file='a.img'\n  <target dev='vda'/>\n</domain>\n",
    code: 'unterminated-start-tag',
    fixes: ['End the start tag with `/>` (safe)'],
    after: "<domain>\n  <source file='a.img'/>\n  <target dev='vda'/>\n</domain>\n",
  },
  {
    broken: '<domain>\n  <name>demo</name\n  <memory>1</memory>\n</domain>\n',
    code: 'unterminated-end-tag',
    fixes: ['Add `>` (safe)'],
    after: '<domain>\n  <name>demo</name>\n  <memory>1</memory>\n</domain>\n',
  },
  {
    broken: '<domain>\n  <name>demo</name x>\n</domain>\n',
    code: 'unexpected-character-in-tag',
    fixes: ['Remove `x` (safe)'],
    after: '<domain>\n  <name>demo</name>\n</domain>\n',
  },
  {
    broken: "<?xml version='1.0'\n<domain/>\n",
    code: 'unclosed-processing-instruction',
    fixes: ['Add `?>` (safe)'],
    after: "<?xml version='1.0'?>\n<domain/>\n",
  },
  {
    broken: "\n\n<?xml version='1.0'?>\n<domain/>\n",
    code: 'misplaced-xml-declaration',
    fixes: ['Remove the space before `<?xml` (safe)'],
    after: "<?xml version='1.0'?>\n<domain/>\n",
  },
];

test('each broken document: its finding, the fixes offered, and the text after the preferred one, which is well-formed', () => {
  for (const { broken, code, fixes, after } of ROWS) {
    const finding = findingsOf(broken).find((f) => f.code === code);
    assert.ok(finding, `${code} in ${JSON.stringify(broken)}: ${findingsOf(broken).map((f) => f.code)}`);
    assert.deepEqual(finding.fixes?.map(described), fixes, JSON.stringify(broken));
    const preferred = preferredOf(finding);
    if (after === null) {
      assert.equal(preferred, undefined, `a choice: ${JSON.stringify(broken)}`);
      continue;
    }
    assert.ok(preferred);
    const fixed = applied(broken, editsOf(preferred));
    assert.equal(fixed, after, JSON.stringify(broken));
    assert.deepEqual(findingsOf(fixed).map((f) => f.code).filter((c) => c !== 'root-not-domain'), [], JSON.stringify(fixed));
  }
});

test('`<devices><disk>…</devices>`: one finding, on `<disk>`, with one fix; a typo gives two findings that share one fix', () => {
  const closesOuter = '<domain>\n  <devices>\n    <disk>\n      <source/>\n  </devices>\n</domain>\n';
  assert.deepEqual(findingsOf(closesOuter).map((f) => f.code), ['unclosed-element']);
  const typo = "<domain>\n  <clock offset='utc'>\n    <timer name='rtc'/>\n  </clok>\n</domain>\n";
  const [unclosed, mismatched] = findingsOf(typo);
  assert.deepEqual([unclosed.code, mismatched.code], ['unclosed-element', 'mismatched-end-tag']);
  assert.deepEqual(unclosed.fixes, mismatched.fixes, 'the same edit, so "fix all" makes it once and nothing competes');
  const edits = safeFixEdits(analysisOf(typo));
  assert.equal(edits.length, 1);
  assert.deepEqual(edits[0].codes.sort(), ['mismatched-end-tag', 'unclosed-element']);
});

test('"fix all" applies every safe well-formedness fix at once and leaves the choices', () => {
  const broken = [
    "<domain type='kvm'>",
    '  <name>AT&T</nmae>',
    "  <memory unit='KiB' unit='KiB'>1048576</memory>",
    '  <description>a < b</description>',
    '  <devices>',
    "    <disk type='file device='disk'>",
    "      <source file='a.img'/>",
    '    </disk>',
    "    <controller type='usb'>",
    "      <address type='pci'/>",
    '    <interface type=network/>',
    '  </devices>',
    "  <on_crash type='a' type='b'/>",
    '</domain>',
    '',
  ].join('\n');
  const fixed = applied(broken, safeFixEdits(analysisOf(broken)));
  assert.equal(
    fixed,
    [
      "<domain type='kvm'>",
      '  <name>AT&amp;T</name>',
      "  <memory unit='KiB'>1048576</memory>",
      '  <description>a &lt; b</description>',
      '  <devices>',
      "    <disk type='file' device='disk'>",
      "      <source file='a.img'/>",
      '    </disk>',
      "    <controller type='usb'>",
      "      <address type='pci'/>",
      '    </controller>',
      "    <interface type='network'/>",
      '  </devices>',
      "  <on_crash type='a' type='b'/>",
      '</domain>',
      '',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(fixed).map((f) => f.code), ['duplicate-attribute']);
});

/** Findings and fixes through the document's memo, after the edits, beside a fresh check of the same text. */
function memoMatchesFresh(document: ParsedDocument, message: string): Finding[] {
  const remembered = checkWellFormedness(document.tree, Infinity, document.memo(WELL_FORMEDNESS), document.source);
  assert.deepEqual(remembered, findingsOf(document.text), message);
  return remembered;
}

test('fixes remembered in the memo move with their nodes when an edit before them shifts them', () => {
  const devices = Array.from({ length: 300 }, (_, k) => `    <disk type='file'>\n      <target dev='vd${k}'/>\n    </disk>`);
  devices[150] = "    <disk type='file' type='file'>\n      <name>AT&T</nmae>\n      <target dev='x'/>\n    </disk>";
  devices[200] = "    <disk type='file'>\n      <target dev='y'/>";
  const text = `<domain>\n  <name>demo</name>\n  <devices>\n${devices.join('\n')}\n  </devices>\n</domain>\n`;
  const document = ParsedDocument.parse(text);
  const before = memoMatchesFresh(document, 'first check');
  // Edits before every broken spot, as an editor sends them: a line inserted, a name made longer.
  document.applyChange("  <title>moved</title>\n", { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
  document.applyChange('demonstration', { start: { line: 2, character: 8 }, end: { line: 2, character: 12 } });
  const after = memoMatchesFresh(document, 'after the edits');
  const shift = '  <title>moved</title>\n'.length + 'demonstration'.length - 'demo'.length;
  assert.equal(after.length, before.length);
  for (const [k, finding] of after.entries()) {
    assert.ok(finding.fixes && finding.fixes.length > 0, finding.code);
    assert.deepEqual(
      finding.fixes.map((fix) => editsOf(fix).map((edit) => edit.start)),
      before[k].fixes?.map((fix) => editsOf(fix).map((edit) => edit.start + shift)),
      finding.code,
    );
  }
  const fixedText = applied(document.text, safeFixEdits(analysisOf(document.text)));
  assert.ok(fixedText.includes("<disk type='file'>\n      <name>AT&amp;T</name>"), 'the repeat, the `&` and the end tag, each where it was');
  assert.ok(fixedText.includes("<target dev='y'/>\n    </disk>\n    <disk type='file'>\n      <target dev='vd201'/>"));
});

test('a remembered finding moves with every edit of its fixes, those made alongside the main one too', () => {
  const finding: Finding = {
    start: 10,
    end: 14,
    severity: 'error',
    code: 'unknown-element',
    message: '',
    fixes: [{ title: 'Change to `<interface>`', start: 11, end: 18, newText: 'interface', safe: true, alsoEdits: [{ start: 40, end: 47, newText: 'interface' }] }],
  };
  const moved = shiftFinding(finding, 100);
  assert.deepEqual(moved.fixes?.flatMap(editsOf).map((edit) => [edit.start, edit.end]), [[111, 118], [140, 147]]);
  assert.deepEqual([moved.start, moved.end], [110, 114]);
});

test('random edits of a broken document: the fixes through the memo equal a fresh check', () => {
  const devices = Array.from({ length: 140 }, (_, k) => (k % 35 === 7 ? `    <disk type='a' type='a'>\n      <x>a & b</x>` : `    <disk>\n      <target dev='vd${k}'/>\n    </disk>`));
  const base = `<domain>\n  <name>x</nmae>\n  <devices>\n${devices.join('\n')}\n  </devices>\n</domain>\n`;
  let steps = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const next = random(seed);
    const document = ParsedDocument.parse(base, Infinity, 64);
    let text = base;
    for (let step = 0; step < 40; step++, steps++) {
      const { start, end, inserted } = randomEdit(text, next);
      text = text.slice(0, start) + inserted + text.slice(end);
      document.replace(start, end, inserted);
      memoMatchesFresh(document, `seed ${seed}, step ${step}: ${JSON.stringify({ start, end, inserted })}`);
    }
  }
  assert.equal(steps, 480);
});

const CORPUS = path.join(SHARED, 'corpus', 'valid');

test("libvirt's documents with an end tag deleted or mistyped, or an attribute doubled: the preferred fixes give them back", (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('../shared/corpus is not here');
  const tally = { restored: 0, tried: 0, wrongAndSafe: [] as string[] };
  const files = xmlFilesUnder(CORPUS);
  for (const [index, file] of files.entries()) {
    if (index % 4 !== 0) continue;
    const original = fs.readFileSync(file, 'utf8');
    for (const broken of breakings(original)) {
      let text = broken;
      let allSafe = true;
      for (let round = 0; round < 4; round++) {
        const fix = findingsOf(text).map(preferredOf).find((f) => f !== undefined);
        if (!fix) break;
        allSafe &&= fix.safe;
        text = applied(text, editsOf(fix));
      }
      tally.tried++;
      if (text === original) tally.restored++;
      else if (allSafe) tally.wrongAndSafe.push(path.relative(CORPUS, file));
    }
  }
  // A handful of libvirt's documents indent an end tag unlike its start tag: there the place
  // indentation gives is a guess that looks certain, and the structure differs from the original.
  assert.ok(tally.restored / tally.tried > 0.998, JSON.stringify({ ...tally, wrongAndSafe: tally.wrongAndSafe.length }));
  assert.ok(tally.wrongAndSafe.length <= 3, tally.wrongAndSafe.join(' '));
});

/** Each of the first end tags deleted (alone, and with its line) or mistyped, and the first attributes doubled. */
function* breakings(text: string): Generator<string> {
  const endTags = /<\/([A-Za-z_:][\w.:-]*)>/g;
  for (let match = endTags.exec(text), n = 0; match && n < 12; match = endTags.exec(text), n++) {
    const start = match.index;
    const end = start + match[0].length;
    yield text.slice(0, start) + text.slice(end);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', end);
    if (lineEnd >= 0 && text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') yield text.slice(0, lineStart) + text.slice(lineEnd + 1);
    const name = match[1];
    const typo = name.length > 3 ? name[0] + name.slice(2) : `${name}x`;
    yield text.slice(0, start + 2) + typo + text.slice(start + 2 + name.length);
  }
  const attributes = /\s[A-Za-z_:][\w.:-]*=('[^'<]*'|"[^"<]*")/g;
  for (let match = attributes.exec(text), n = 0; match && n < 4; match = attributes.exec(text), n++) {
    const end = match.index + match[0].length;
    yield text.slice(0, end) + match[0] + text.slice(end);
  }
}
