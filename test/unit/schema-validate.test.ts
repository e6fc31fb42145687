import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/parser/parse';
import { compileGrammar } from '../../server/src/schema/compileGrammar';
import { Derivatives } from '../../server/src/schema/derivatives';
import { XsdDatatypes } from '../../server/src/schema/datatypeChecker';
import { GrammarModel, fromModel } from '../../server/src/schema/model';
import { validateTree } from '../../server/src/schema/validate';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { TEST_TYPES, TEST_WORDS, smallDomainGrammar } from './helpers/documents';


const GRAMMAR = smallDomainGrammar('<element name="disk"><attribute name="type"/><element name="target"><attribute name="dev"/></element></element>');

const derivatives = new Derivatives(compileGrammar('/m.rng', () => GRAMMAR), TEST_TYPES);

/** Findings as "code on `marked text`: message". */
function check(xml: string): string[] {
  return validateTree(derivatives, TEST_WORDS, xml, parseDocument(xml)).map((f) => `${f.code} on \`${xml.slice(f.start, f.end)}\`: ${f.message}`);
}

const GOOD = "<domain type='kvm'>\n  <name>a</name>\n  <vcpu placement='static'>2</vcpu>\n  <devices>\n    <disk type='file'><target dev='vda'/></disk>\n    <interface/>\n  </devices>\n</domain>";

test('a valid document has no findings', () => {
  assert.deepEqual(check(GOOD), []);
});

test('each kind of mistake is reported on its token, and later mistakes still are', () => {
  const xml = GOOD.replace("type='kvm'", "type='xen'")
    .replace("placement='static'", "placment='static'")
    .replace('>2<', '>two<')
    .replace('<interface/>', '<interfce/>\n    <disk type="file"></disk>');
  assert.deepEqual(check(xml), [
    "bad-attribute-value on `'xen'`: `type` must be `kvm` or `qemu`.",
    "unexpected-attribute on `placment`: `placment` is not an attribute of `<vcpu>`; it takes `placement`. Did you mean `placement`?",
    'bad-value on `two`: `<vcpu>` must be an integer.',
    'unexpected-element on `interfce`: `<interfce>` is not allowed in `<devices>`; allowed here: `<disk>`, `<interface>`. Did you mean `<interface>`?',
    "missing-content on `disk`: `<disk type='file'>` is incomplete: it needs `<target>`.",
  ]);
});

test('missing attributes and content are reported on the start tag name', () => {
  assert.deepEqual(check("<domain><name>a</name><devices/></domain>"), ['missing-attribute on `domain`: `<domain>` needs the attribute `type`.']);
  assert.deepEqual(check("<domain type='kvm'><name>a</name></domain>"), ['missing-content on `domain`: `<domain>` is incomplete: it needs `<devices>`.']);
  assert.deepEqual(check("<domain type='kvm'><name>a</name><name>b</name><devices/></domain>"), [
    'unexpected-element on `name`: `<name>` is not allowed again in `<domain>`: it may appear only once there.',
  ]);
  assert.deepEqual(check("<domain type='kvm'><name>a</name><on_poweroff>restrat</on_poweroff><devices/></domain>"), [
    'bad-value on `restrat`: `<on_poweroff>` must be `destroy` or `restart`: did you mean `restart`?',
  ]);
});

const SHIPPED = path.resolve(__dirname, '..', '..', '..', 'schemas', 'libvirt-domain.json');
const corpusFiles = (kind: 'valid' | 'invalid'): string[] => xmlFilesUnder(path.join(SHARED, 'corpus', kind));

test("libvirt's corpus with the shipped model: no finding on any valid document, one at least on every invalid one", (t) => {
  if (!fs.existsSync(path.join(SHARED, 'corpus'))) return t.skip('../shared is not here');
  const types = new XsdDatatypes();
  const d = new Derivatives(fromModel(JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as GrammarModel), types);
  const findingsOf = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    return validateTree(d, types, text, parseDocument(text));
  };
  const falseErrors = corpusFiles('valid').flatMap((file) => findingsOf(file).slice(0, 1).map((f) => `${path.basename(file)}: ${f.message}`));
  assert.deepEqual(falseErrors, []);
  const missed = corpusFiles('invalid').filter((file) => findingsOf(file).length === 0);
  assert.deepEqual(missed, []);
});

test('an element two definitions take is checked against both, and what follows it in its parent still is', () => {
  // Two `<disk>`s, told apart only by their child: validation cannot set the rest of <devices> aside at `<disk`.
  const twoDisks = smallDomainGrammar(
    '<element name="disk"><element name="target"><attribute name="dev"/></element></element><element name="disk"><element name="source"><attribute name="file"/></element><element name="driver"><empty/></element></element>',
  );
  const d = new Derivatives(compileGrammar('/m.rng', () => twoDisks), TEST_TYPES);
  const found = (xml: string) => validateTree(d, TEST_WORDS, xml, parseDocument(xml)).map((f) => `${f.code} on \`${xml.slice(f.start, f.end)}\``);
  const devices = (inner: string) => `<domain type='kvm'><name>a</name><devices>${inner}</devices></domain>`;
  assert.deepEqual(found(devices("<disk><target dev='vda'/></disk><disk><source file='/a'/><driver/></disk><interface/>")), []);
  assert.deepEqual(found(devices("<disk><source file='/a'/></disk><interface/><interfce/>")), ['missing-content on `disk`', 'unexpected-element on `interfce`']);
  assert.deepEqual(found(devices("<disk><target dev='vda'/><driver/></disk><interface/>")), ['unexpected-element on `driver`']);
  // The rest of <domain> after <devices> is still required.
  assert.deepEqual(found("<domain type='kvm'><devices><disk><target dev='vda'/></disk></devices></domain>"), ['missing-content on `domain`']);
});
