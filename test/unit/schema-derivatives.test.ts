import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compileGrammar } from '../../server/src/schema/compileGrammar';
import { AbstractElement, DatatypeChecker, Derivatives, matches } from '../../server/src/schema/derivatives';

const RNG = 'xmlns="http://relaxng.org/ns/structure/1.0"';

/** Just enough of datatypes for these grammars: string/token values and int data. */
const SIMPLE_TYPES: DatatypeChecker = {
  allows: (pattern, value) => (pattern.type === 'int' ? /^\s*[+-]?\d+\s*$/.test(value) : true),
  equals: (pattern, value) => (pattern.type === 'string' ? value === pattern.value : value.trim().split(/\s+/).join(' ') === pattern.value.trim()),
};

function grammarOf(body: string): Derivatives {
  const text = `<grammar ${RNG} datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">${body}</grammar>`;
  return new Derivatives(compileGrammar('/m.rng', () => text), SIMPLE_TYPES);
}

/** A tiny XML reader for test documents: elements, attributes and text only. */
function doc(xml: string): AbstractElement {
  const stack: AbstractElement[] = [{ name: { ns: '', local: '#root' }, attributes: [], children: [] }];
  const tokens = xml.match(/<\/?[^>]+>|[^<]+/g) ?? [];
  for (const token of tokens) {
    const top = stack[stack.length - 1];
    if (token.startsWith('</')) stack.pop();
    else if (token.startsWith('<')) {
      const [, name, rest] = /^<([\w:-]+)([^>]*?)\/?>$/.exec(token)!;
      const attributes = [...rest.matchAll(/([\w:-]+)='([^']*)'/g)].map((m) => ({ name: { ns: '', local: m[1] }, value: m[2] }));
      const element: AbstractElement = { name: { ns: '', local: name }, attributes, children: [] };
      top.children.push(element);
      if (!token.endsWith('/>')) stack.push(element);
    } else top.children.push(token);
  }
  return stack[0].children[0] as AbstractElement;
}

test('sequence, choice, optional, repetition and attributes', () => {
  const d = grammarOf(`<start><element name="domain">
      <attribute name="type"><choice><value>kvm</value><value>qemu</value></choice></attribute>
      <element name="name"><text/></element>
      <optional><element name="vcpu"><optional><attribute name="placement"><choice><value>static</value><value>auto</value></choice></attribute></optional><data type="int"/></element></optional>
      <element name="devices"><zeroOrMore><choice><element name="disk"><empty/></element><element name="interface"><empty/></element></choice></zeroOrMore></element>
    </element></start>`);
  const ok = (xml: string) => matches(d, doc(xml));
  assert.ok(ok("<domain type='kvm'><name>a</name><devices><disk/><interface/><disk/></devices></domain>"));
  assert.ok(ok("<domain type='qemu'><name>a</name><vcpu placement='auto'> 4 </vcpu><devices/></domain>"));
  assert.ok(!ok("<domain type='xen'><name>a</name><devices/></domain>"), 'bad enum value');
  assert.ok(!ok("<domain><name>a</name><devices/></domain>"), 'missing required attribute');
  assert.ok(!ok("<domain type='kvm'><devices/><name>a</name></domain>"), 'wrong order');
  assert.ok(!ok("<domain type='kvm'><name>a</name><name>b</name><devices/></domain>"), 'a second <name>');
  assert.ok(!ok("<domain type='kvm'><name>a</name><vcpu>two</vcpu><devices/></domain>"), 'not an int');
  assert.ok(!ok("<domain type='kvm'><name>a</name><devices><video/></devices></domain>"), 'unknown element');
  assert.ok(!ok("<domain type='kvm'><name>a</name><devices/><extra/></domain>"), 'trailing element');
});

test('interleave lets children come in any order; text-only and empty content', () => {
  const d = grammarOf(`<start><element name="os"><interleave>
      <element name="type"><text/></element>
      <zeroOrMore><element name="boot"><attribute name="dev"/></element></zeroOrMore>
      <optional><element name="loader"><empty/></element></optional>
    </interleave></element></start>`);
  assert.ok(matches(d, doc("<os><boot dev='hd'/><type>hvm</type><loader/><boot dev='cdrom'/></os>")));
  assert.ok(!matches(d, doc('<os><loader/></os>')), '<type> is required');
  assert.ok(!matches(d, doc('<os><type>hvm</type><loader/><loader/></os>')), 'one <loader>');
});

test('the same element name takes its shape from the parent', () => {
  const d = grammarOf(`<start><element name="devices"><zeroOrMore><choice>
      <element name="disk"><element name="source"><attribute name="file"/></element></element>
      <element name="interface"><element name="source"><attribute name="network"/></element></element>
    </choice></zeroOrMore></element></start>`);
  assert.ok(matches(d, doc("<devices><disk><source file='a'/></disk><interface><source network='n'/></interface></devices>")));
  assert.ok(!matches(d, doc("<devices><disk><source network='n'/></disk></devices>")));
});

const LIBVIRT = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'libvirt-schemas', '12.8.0');

test("libvirt's schema agrees with xmllint on a minimal guest and three variants", (t) => {
  if (!fs.existsSync(LIBVIRT)) return t.skip('../shared/libvirt-schemas is not here');
  // Patterns and ranges are checked by the datatypes module; here every data value passes.
  const lenient: DatatypeChecker = { allows: () => true, equals: SIMPLE_TYPES.equals };
  const d = new Derivatives(compileGrammar(path.join(LIBVIRT, 'domain.rng'), (file) => fs.readFileSync(file, 'utf8')), lenient);
  const guest = "<domain type='kvm'><name>web01</name><memory unit='KiB'>1048576</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'><source file='/x.qcow2'/><target dev='vda' bus='virtio'/></disk></devices></domain>";
  // Each verdict below is xmllint --relaxng domain.rng's on the same document.
  assert.ok(matches(d, doc(guest)));
  assert.ok(matches(d, doc(guest.replace("<os><type arch='x86_64'>hvm</type></os>", ''))), '<os> may be left out');
  assert.ok(!matches(d, doc(guest.replace('<name>web01</name>', ''))), '<name> is required');
  assert.ok(!matches(d, doc(guest.replace("type='kvm'", "type='vbox2'"))), 'an unknown hypervisor type');
  assert.ok(!matches(d, doc(guest.replace('<devices>', '<devices><bogus/>'))), 'an unknown device');
});

test('a wide interleave takes its parts in any order, each as often as it may', () => {
  const parts = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
  // Required, optional and repeated parts, in the chain the grammar nests them in.
  const part = (name: string, i: number) => (i % 3 === 0 ? `<element name="${name}"><empty/></element>` : i % 3 === 1 ? `<optional><element name="${name}"><empty/></element></optional>` : `<zeroOrMore><element name="${name}"><empty/></element></zeroOrMore>`);
  const d = grammarOf(`<start><element name="features"><interleave>${parts.map(part).join('')}</interleave></element></start>`);
  const ok = (names: string[]) => matches(d, doc(`<features>${names.map((n) => `<${n}/>`).join('')}</features>`));
  const required = parts.filter((_, i) => i % 3 === 0);
  assert.ok(ok(required));
  assert.ok(ok([...parts].reverse()));
  assert.ok(ok(['k', 'c', 'j', 'a', 'c', 'g', 'd', 'f', 'i', 'b', 'e', 'h', 'f', 'c']));
  assert.ok(!ok(required.slice(1)), '<a> is required');
  assert.ok(!ok([...required, 'b', 'b']), 'one <b>');
  assert.ok(!ok([...required, 'l']), 'no <l>');
});
