import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionSuggestion, completeAt } from '../../server/src/features/completion';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { compileGrammar } from '../../server/src/schema/compileGrammar';
import { contentPatternAt } from '../../server/src/schema/patternAt';
import { Schema } from '../../server/src/schema/schema';
import { ElementValidation, validateTree } from '../../server/src/schema/validate';
import { cursorTarget } from '../../server/src/features/cursor';
import { quoteAt } from '../../server/src/features/quoteStyle';
import { WEB01, analysisOf, bundledSchema, smallDomainGrammar } from './helpers/documents';


/** A small domain: the disk's type decides its source's shape, as in libvirt. */
const GRAMMAR = smallDomainGrammar(`<element name="disk">
        <choice>
          <group><attribute name="type"><value>file</value></attribute><optional><element name="source"><attribute name="file"/></element></optional></group>
          <group>
            <attribute name="type"><value>network</value></attribute>
            <element name="source">
              <attribute name="protocol"><choice><value>nbd</value><value>rbd</value></choice></attribute>
              <zeroOrMore><element name="host"><attribute name="name"/></element></zeroOrMore>
            </element>
          </group>
        </choice>
        <element name="target"><attribute name="dev"/><optional><attribute name="bus"/></optional></element>
      </element>`);

const SMALL = new Schema(compileGrammar('/m.rng', () => GRAMMAR), { libvirt: 'test', location: 'test' });
const BUNDLED = bundledSchema();

/** Splits `marked` at the `|` marking the cursor. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function complete(marked: string, schema: Schema = SMALL, trigger?: string): CompletionSuggestion[] {
  const { text, offset } = at(marked);
  return completeAt(analysisOf(text, schema), offset, trigger).sort((a, b) => a.sortText.localeCompare(b.sortText));
}

const labels = (items: CompletionSuggestion[], kind?: CompletionSuggestion['kind']) => items.filter((i) => !kind || i.kind === kind).map((i) => i.label);
const item = (items: CompletionSuggestion[], label: string) => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `${label} in ${labels(items).join(' ')}`);
  return found;
};

test('elements: those the siblings before and after the cursor leave room for, required first', () => {
  assert.deepEqual(labels(complete("<domain type='kvm'><name>a</name><|</domain>"), 'element'), ['devices', 'vcpu', 'on_poweroff']);
  assert.deepEqual(labels(complete("<domain type='kvm'>\n  <|\n  <name>a</name>\n</domain>"), 'element'), ['devices', 'vcpu', 'on_poweroff'], 'the <name> after the cursor counts too');
  const items = complete("<domain type='kvm'><|</domain>");
  assert.equal(item(items, 'name').detail, 'element · required');
  assert.equal(item(items, 'vcpu').detail, 'element · optional · an integer from -2147483648 to 2147483647');
  assert.equal(item(items, 'on_poweroff').detail, 'element · optional · destroy | restart');
  assert.equal(item(complete("<domain type='kvm'><devices><|</devices></domain>"), 'disk').detail, 'element · optional · repeatable');
});

test('a later sibling that is wrong already does not hide what may come before it', () => {
  const items = complete("<domain type='kvm'><|<name>a</name><name>b</name><bogus/></domain>");
  assert.deepEqual(labels(items, 'element'), ['devices', 'vcpu', 'on_poweroff']);
});

test("the disk's type decides the shape of its <source>", () => {
  const network = complete("<domain type='kvm'><devices><disk type='network'><source |/></disk></devices></domain>");
  assert.deepEqual(labels(network), ['protocol']);
  assert.equal(network[0].detail, 'attribute · required · nbd | rbd');
  assert.equal(network[0].insertText, "protocol='${1|nbd,rbd|}'", "the document's quotes");
  assert.deepEqual(labels(complete("<domain type='kvm'><devices><disk type='file'><source |/></disk></devices></domain>")), ['file']);
  const children = complete("<domain type='kvm'><devices><disk type='network'><|</disk></devices></domain>");
  assert.equal(item(children, 'source').detail, 'element · required');
  assert.equal(item(children, 'source').insertText, "source protocol='${1|nbd,rbd|}'/>");
});

test('attributes: those not on the tag yet; a value being typed still counts', () => {
  assert.deepEqual(labels(complete("<domain type='kvm'><devices><disk type='file'><target dev='a' |/></disk></devices></domain>")), ['bus']);
  assert.deepEqual(labels(complete("<domain type='kvm'><devices><disk type='file'><target bus='x' dev='|")), []);
  const disk = complete("<domain type='kvm'><devices><disk |");
  assert.deepEqual(labels(disk), ['type'], 'an unterminated tag of an unclosed element');
  assert.equal(disk[0].detail, 'attribute · required · file | network');
  assert.equal(disk[0].sortText[0], '0', 'required first');
  // After a value's closing quote a space comes first; a name being typed is replaced.
  assert.equal(complete("<domain type='kvm'><devices><disk type='file'><target dev='a'|/></disk></devices></domain>")[0].insertText, " bus='$1'");
  const renamed = complete("<domain type='kvm'><vcpu pla|>1</vcpu></domain>");
  assert.equal(renamed[0].insertText, "placement='${1|static,auto|}'");
  assert.equal(renamed[0].replaceEnd - renamed[0].replaceStart, 3);
});

test('attribute values: the listed ones, replacing what is between the quotes', () => {
  const marked = "<domain type='kvm'><vcpu placement='st|ic'>1</vcpu></domain>";
  const items = complete(marked);
  assert.deepEqual(labels(items), ['static', 'auto']);
  const { text } = at(marked);
  assert.equal(text.slice(items[0].replaceStart, items[0].replaceEnd), 'stic');
  assert.deepEqual(labels(complete("<domain type='|'>")), ['kvm', 'qemu']);
});

test('element text values where the schema lists them', () => {
  const items = complete("<domain type='kvm'><on_poweroff>re|</on_poweroff></domain>");
  assert.deepEqual(labels(items), ['destroy', 'restart'], 'no second </on_poweroff>');
  assert.equal(items[0].replaceEnd - items[0].replaceStart, 2, 'the typed text is replaced');
  assert.deepEqual(labels(complete("<domain type='kvm'><vcpu>|")), ['/vcpu'], 'a number has no list');
});

test('element snippets: required attributes and children with tab stops; self-closing when nothing more is needed', () => {
  const items = complete("<domain type='kvm'><devices><|</devices></domain>");
  assert.equal(item(items, 'disk').insertText, "disk type='${1|file,network|}'>\n\t<target dev='$2'/>\n\t$0\n</disk>");
  assert.equal(item(items, 'interface').insertText, 'interface/>');
  const inDomain = complete("<domain type='kvm'>\n  |\n</domain>");
  assert.equal(item(inDomain, 'name').insertText, '<name>$0</name>');
  assert.equal(item(inDomain, 'on_poweroff').insertText, '<on_poweroff>${1|destroy,restart|}</on_poweroff>');
  assert.equal(item(inDomain, 'devices').insertText, '<devices>$0</devices>');
});

test("quotes: the document's own around values, in snippets and attributes; libvirt's single quotes when it has none", () => {
  const double = complete('<domain type="kvm"><devices><|</devices></domain>');
  assert.equal(item(double, 'disk').insertText, 'disk type="${1|file,network|}">\n\t<target dev="$2"/>\n\t$0\n</disk>');
  assert.equal(complete('<domain type="kvm"><vcpu |')[0].insertText, 'placement="${1|static,auto|}"');
  const none = complete('<domain>\n  <devices><|</devices></domain>');
  assert.equal(item(none, 'disk').insertText, "disk type='${1|file,network|}'>\n\t<target dev='$2'/>\n\t$0\n</disk>");
  assert.equal(complete('<domain><vcpu |')[0].insertText, "placement='${1|static,auto|}'");
});

test('quotes: the attributes nearest the cursor decide, those before it first', () => {
  const quote = (marked: string) => {
    const { text, offset } = at(marked);
    return quoteAt(ParsedDocument.parse(text).tree, offset);
  };
  assert.equal(quote('<domain type="kvm">\n  <devices>\n    <disk type=\'file\'/>\n    <disk type=\'file\'/>\n    |\n  </devices>\n</domain>'), "'", 'two siblings against the root');
  assert.equal(quote('<domain type="kvm">\n  |\n  <devices><disk type=\'a\'/><disk type=\'b\'/></devices>\n</domain>'), '"', 'before the cursor first');
  assert.equal(quote('<domain>|<vcpu placement="static">1</vcpu></domain>'), '"', 'after it when there are none before');
  assert.equal(quote('<domain>|<vcpu>1</vcpu></domain>'), "'", 'none at all');
  assert.equal(quote('<domain type="kvm" id="1">\n  <devices>|</devices>\n</domain>'), '"', 'the cursor in an element without attributes');
  // A document double-quoted at the top and single-quoted near the cursor: the nearest win.
  const far = '<interface type="network"/>\n'.repeat(20);
  const near = "<disk type='file'/>\n".repeat(9);
  assert.equal(quote(`<domain type="kvm"><devices>\n${far}${near}|</devices></domain>`), "'");
  assert.equal(quote(`<domain type="kvm"><devices>\n${near}${far}|</devices></domain>`), '"');
  // Inside an element before the cursor, its last children are the nearest.
  assert.equal(quote(`<domain><devices>\n${far}${near}</devices>\n|</domain>`), "'");
  assert.equal(quote(`<domain>|\n<devices>\n${far}${near}</devices></domain>`), '"', 'after the cursor, the first ones');
});

test('a tag whose attributes are all optional gets a tab stop where they go; an optional attribute is never written out', () => {
  const inDomain = complete("<domain type='kvm'>\n  |\n</domain>");
  assert.equal(item(inDomain, 'vcpu').insertText, '<vcpu$1>$0</vcpu>', 'placement is optional');
  assert.equal(item(inDomain, 'name').insertText, '<name>$0</name>', 'no attributes, no stop');
  const features = complete("<domain type='kvm'><features><|</features></domain>", BUNDLED);
  assert.equal(item(features, 'apic').insertText, 'apic$1/>', 'eoi is optional');
  assert.equal(item(features, 'pae').insertText, 'pae/>', 'no attributes');
  const os = complete("<domain type='kvm'><os><type>hvm</type><|</os></domain>", BUNDLED);
  assert.equal(item(os, 'loader').insertText, 'loader$1>$0</loader>', 'type may be left out');
  assert.match(item(os, 'boot').insertText, /^boot dev='\$\{1\|[a-z,]+\|\}'\/>$/, 'dev is required');
  const devices = complete("<domain type='kvm'><devices><|</devices></domain>", BUNDLED);
  assert.equal(item(devices, 'disk').insertText, "disk$1>\n\t<target dev='$2'/>\n\t$0\n</disk>", "libvirt's default type is file");
  assert.equal(item(devices, 'smartcard').insertText, "smartcard mode='${1|passthrough,host,host-certificates|}'/>", 'mode is required, type not');
  assert.match(item(devices, 'interface').insertText, /^interface type='\$\{1\|network,/, 'type is required');
  assert.equal(item(devices, 'filesystem').insertText, "filesystem$1>\n\t<target dir='$2'/>\n\t<source$3/>\n\t$0\n</filesystem>", 'required children too, in either order');
});

test("likely elements and attributes first, by how often libvirt's test domains have them; required ones before all", () => {
  const devices = labels(complete("<domain type='kvm'><devices><|</devices></domain>", BUNDLED), 'element');
  // The schema lists <lease> before <interface>.
  assert.ok(devices.indexOf('disk') < devices.indexOf('lease') && devices.indexOf('interface') < devices.indexOf('lease'), devices.join(' '));
  const domain = labels(complete("<domain type='kvm'>\n  <|\n</domain>", BUNDLED), 'element');
  assert.equal(domain[0], 'name', 'required');
  assert.deepEqual(domain.slice(1, 4), ['os', 'memory', 'devices']);
  assert.ok(domain.indexOf('vcpu') < domain.indexOf('title'), domain.join(' '));
  // The schema lists match before check; an attribute the corpus never has comes last.
  const cpu = labels(complete("<domain type='kvm'><cpu |/></domain>", BUNDLED));
  assert.deepEqual(cpu, ['mode', 'check', 'match', 'migratable', 'deprecated_features']);
});

test('half-typed documents: unclosed ancestors, a misplaced ancestor, a tag name being typed', () => {
  assert.ok(labels(complete("<domain type='kvm'>\n  <devices>\n    <disk type='network'>\n      <|")).includes('source'));
  // A second <vcpu> is an error, but inside it the schema still knows its attributes.
  assert.deepEqual(labels(complete("<domain type='kvm'><vcpu>1</vcpu><vcpu |>2</vcpu></domain>")), ['placement']);
  const typing = complete("<domain type='kvm'><devices><di|</devices></domain>");
  assert.equal(item(typing, 'disk').replaceEnd - item(typing, 'disk').replaceStart, 2);
  assert.deepEqual(labels(complete("<domain type='kvm'><nonsense><|")), ['/nonsense'], 'no place for the ancestor: closing tags only');
});

test('a typed space or quote asks only inside a start tag', () => {
  assert.deepEqual(complete("<domain type='kvm'>\n  |\n</domain>", SMALL, ' '), []);
  assert.deepEqual(labels(complete("<domain type='kvm'><vcpu |", SMALL, ' ')), ['placement']);
  assert.deepEqual(complete("<domain type='kvm'><vcpu |", SMALL, '"'), []);
});

test('without a schema only closing tags are offered', () => {
  const { text, offset } = at("<domain type='kvm'><devices><|");
  assert.deepEqual(labels(completeAt(analysisOf(text), offset)), ['/devices']);
});

test('the pattern at a point uses the validation memo for the siblings before it, and matches a walk without it', () => {
  const marked = "<domain type='kvm'><name>a</name><devices><disk type='file'><target dev='a'/></disk><interface/>|</devices></domain>";
  const { text, offset } = at(marked);
  const document = ParsedDocument.parse(text);
  const memo = document.memo<ElementValidation>(SMALL);
  validateTree(SMALL.derivatives, SMALL.datatypes, text, document.tree, Infinity, memo);
  const target = cursorTarget(document.tree, offset);
  assert.equal(target.kind, 'content');
  const ancestors = target.kind === 'content' ? target.ancestors : [];
  const withMemo = contentPatternAt(SMALL, { source: text, tree: document.tree, memo }, ancestors, offset);
  const without = contentPatternAt(SMALL, { source: text, tree: document.tree }, ancestors, offset);
  assert.ok(withMemo && without);
  assert.equal(withMemo.pattern, without.pattern, 'interned patterns: the same object');
  // A matching entry's output is taken as it is: changed, it changes the answer.
  const disk = ancestors[1].node.children[0];
  assert.ok(disk.kind === 'element' && disk.name === 'disk');
  const entry = memo.get(disk);
  assert.ok(entry, 'validation left an entry for the <disk> before the cursor');
  memo.set(disk, { ...entry, output: SMALL.derivatives.notAllowed });
  assert.notEqual(contentPatternAt(SMALL, { source: text, tree: document.tree, memo }, ancestors, offset)?.pattern, without.pattern);
});

// ---- the bundled libvirt schema ---------------------------------------------------------------

const DOMAIN = WEB01;

/** DOMAIN with `marker` replaced by `replacement`, in which `|` marks the cursor. */
function inDomain(marker: string, replacement: string, trigger?: string): CompletionSuggestion[] {
  assert.ok(DOMAIN.includes(marker), marker);
  return complete(DOMAIN.replace(marker, replacement), BUNDLED, trigger);
}

test('libvirt: <source> attributes follow the disk type', () => {
  const source = "<source file='/var/lib/libvirt/images/web01.qcow2'/>";
  const file = labels(inDomain(source, '<source |/>'));
  assert.ok(file.includes('file') && !file.includes('protocol'), file.join(' '));
  const network = complete(DOMAIN.replace("<disk type='file' device='disk'>", "<disk type='network' device='disk'>").replace(source, '<source |/>'), BUNDLED);
  assert.equal(network[0].label, 'protocol', 'required first');
  assert.match(network[0].detail, /^attribute · required · nbd \| gluster \| rbd/);
  assert.ok(!labels(network).includes('file'), labels(network).join(' '));
});

test('libvirt: no second <name>, before or after the cursor; <devices> children', () => {
  const afterName = labels(inDomain('  <memory', '  <|\n  <memory'), 'element');
  assert.ok(afterName.includes('title') && afterName.includes('numatune'), afterName.join(' '));
  assert.ok(['name', 'memory', 'cputune', 'devices'].every((present) => !afterName.includes(present)), afterName.join(' '));
  const beforeName = labels(inDomain('  <name>', '  |\n  <name>'), 'element');
  assert.ok(!beforeName.includes('name') && beforeName.includes('uuid'), beforeName.join(' '));
  const devices = inDomain('  </devices>', '    <|\n  </devices>');
  for (const name of ['disk', 'interface', 'graphics', 'rng']) assert.ok(labels(devices).includes(name), name);
  assert.ok(!labels(devices).includes('vcpu'));
  assert.equal(item(devices, 'disk').insertText, "disk$1>\n\t<target dev='$2'/>\n\t$0\n</disk>", 'type is optional: a tab stop for it, not a value');
});

test('libvirt: placement and on_poweroff values; attributes not yet present', () => {
  // In the order of the schema's patterns as interned so far, which the tests before change.
  assert.deepEqual(labels(inDomain("placement='static'", "placement='|'")).sort(), ['auto', 'static']);
  assert.deepEqual(labels(inDomain('<on_poweroff>destroy', '<on_poweroff>|'), 'value'), ['destroy', 'restart', 'preserve', 'rename-restart']);
  const vcpu = inDomain("<vcpu placement='static' cpuset='1-2,4,6'>", "<vcpu placement='static' | cpuset='1-2,4,6'>", ' ');
  assert.deepEqual(labels(vcpu), ['current'], 'placement and cpuset are there already');
  assert.match(item(vcpu, 'current').detail, /^attribute · optional · /);
});
