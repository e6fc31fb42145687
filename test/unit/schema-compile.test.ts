import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { GrammarError, compileGrammar } from '../../server/src/schema/compileGrammar';
import { Grammar, NameClass, Pattern } from '../../server/src/schema/patterns';
import { RNG } from './helpers/documents';


/** Compiles grammars held in memory: file name -> text. */
function compile(files: Record<string, string>, main = '/g/main.rng'): Grammar {
  return compileGrammar(main, (file) => {
    const text = files[file];
    if (text === undefined) throw new Error('no such file');
    return text;
  });
}

/** A compact text form of a pattern, elements shown by name. */
function show(p: Pattern, g: Grammar): string {
  switch (p.kind) {
    case 'empty':
    case 'notAllowed':
    case 'text':
      return p.kind;
    case 'choice':
    case 'group':
    case 'interleave':
      return `${p.kind}(${show(p.a, g)}, ${show(p.b, g)})`;
    case 'oneOrMore':
    case 'list':
      return `${p.kind}(${show(p.p, g)})`;
    case 'element':
      return `<${showName(g.elements[p.id].name)}>`;
    case 'attribute':
      return `@${showName(p.name)}=${show(p.p, g)}`;
    case 'data':
      return `data:${p.type}${p.params.map((q) => `[${q.name}=${q.value}]`).join('')}${p.except ? `-${show(p.except, g)}` : ''}`;
    case 'value':
      return `"${p.value}"`;
  }
}

function showName(n: NameClass): string {
  switch (n.kind) {
    case 'name':
      return n.ns ? `{${n.ns}}${n.local}` : n.local;
    case 'anyName':
      return n.except ? `*-${showName(n.except)}` : '*';
    case 'nsName':
      return `{${n.ns}}*`;
    case 'choice':
      return `${showName(n.a)}|${showName(n.b)}`;
  }
}

test('optional, zeroOrMore, mixed and n-ary patterns are simplified', () => {
  const g = compile({
    '/g/main.rng': `<grammar ${RNG} datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
      <start><element name="domain">
        <attribute name="type"><choice><value>kvm</value><value>qemu</value><value>xen</value></choice></attribute>
        <optional><attribute name="id"><data type="int"><param name="minInclusive">0</param></data></attribute></optional>
        <zeroOrMore><element name="seclabel"><empty/></element></zeroOrMore>
        <element name="description"><mixed><element name="b"><text/></element></mixed></element>
      </element></start>
    </grammar>`,
  });
  assert.equal(show(g.start, g), '<domain>');
  assert.equal(
    show(g.elements[0].content, g),
    'group(group(group(@type=choice(choice("kvm", "qemu"), "xen"), choice(@id=data:int[minInclusive=0], empty)), choice(oneOrMore(<seclabel>), empty)), <description>)',
  );
  const description = g.elements.find((e) => showName(e.name) === 'description')!;
  assert.equal(show(description.content, g), 'interleave(<b>, text)');
});

test('includes: overriding components replace the included ones; combine joins defines', () => {
  const g = compile({
    '/g/main.rng': `<grammar ${RNG}>
      <start><ref name="root"/></start>
      <include href="lib/common.rng">
        <define name="extra"><element name="replaced"><empty/></element></define>
      </include>
      <define name="choices" combine="choice"><element name="c2"><empty/></element></define>
    </grammar>`,
    '/g/lib/common.rng': `<grammar ${RNG}>
      <include href="more.rng"/>
      <define name="root"><element name="root"><ref name="extra"/><ref name="choices"/></element></define>
      <define name="extra"><element name="original"><empty/></element></define>
    </grammar>`,
    '/g/lib/more.rng': `<grammar ${RNG}><define name="choices" combine="choice"><element name="c1"><empty/></element></define></grammar>`,
  });
  assert.equal(show(g.elements[0].content, g), 'group(<replaced>, choice(<c1>, <c2>))');
  assert.ok(!g.elements.some((e) => showName(e.name) === 'original'), 'the overridden define is gone');
});

test('recursion through elements, nested grammars and parentRef, name classes', () => {
  const g = compile({
    '/g/main.rng': `<grammar ${RNG} xmlns:a="urn:a">
      <start><ref name="store"/></start>
      <define name="store"><element name="backingStore"><optional><ref name="store"/></optional></element></define>
      <define name="outer"><text/></define>
      <define name="unused"><grammar><start><element><anyName><except><name>bad</name></except></anyName><parentRef name="outer"/></element></start></grammar></define>
    </grammar>`,
  });
  assert.equal(show(g.elements[0].content, g), 'choice(<backingStore>, empty)');
  const nested = compile({
    '/g/main.rng': `<grammar ${RNG} xmlns:m="urn:meta">
      <start><element name="m:x"><grammar><start><element><anyName><except><name>bad</name></except></anyName><parentRef name="t"/></element></start></grammar></element></start>
      <define name="t"><text/></define>
    </grammar>`,
  });
  assert.equal(show(nested.start, nested), '<{urn:meta}x>');
  assert.equal(show(nested.elements[0].content, nested), '<*-bad>');
  assert.equal(show(nested.elements[1].content, nested), 'text');
});

test('notAllowed and empty fold away; data with except', () => {
  const g = compile({
    '/g/main.rng': `<grammar ${RNG}>
      <start><element name="a"><choice><notAllowed/><ref name="x"/></choice><group><empty/><data type="string"><except><value>no</value></except></data></group></element></start>
      <define name="x"><element name="x"><empty/></element></define>
    </grammar>`,
  });
  assert.equal(show(g.elements[0].content, g), 'group(<x>, data:string-"no")');
});

test('errors name the file and the problem', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ '/g/main.rng': `<grammar ${RNG}><start><ref name="nope"/></start></grammar>` }, /define "nope", which does not exist/],
    [{ '/g/main.rng': `<grammar ${RNG}><start><ref name="a"/></start><define name="a"><ref name="a"/></define></grammar>` }, /refers to itself/],
    [{ '/g/main.rng': `<grammar ${RNG}><include href="gone.rng"/><start><empty/></start></grammar>` }, /gone\.rng: cannot be read/],
    [{ '/g/main.rng': `<grammar ${RNG}><start><empty/></start><define name="a"><empty/></define><define name="a"><text/></define></grammar>` }, /more than once/],
    [{ '/g/main.rng': `<grammar><start/></grammar>` }, /not in the RELAX NG namespace/],
    [{ '/g/main.rng': `<grammar ${RNG}><start><element name="x"><bogus/></element></start></grammar>` }, /<bogus> is not a RELAX NG pattern/],
    [{ '/g/main.rng': `<grammar ${RNG}><start><empty/></start><include href="i.rng"><define name="z"><empty/></define></include></grammar>`, '/g/i.rng': `<grammar ${RNG}/>` }, /overrides define "z"/],
  ];
  for (const [files, message] of cases) {
    assert.throws(() => compile(files), (error: unknown) => error instanceof GrammarError && message.test(error.message), String(message));
  }
});

const LIBVIRT = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'libvirt-schemas', '12.8.0');

test("libvirt's domain.rng compiles, with <domain> at the start", (t) => {
  if (!fs.existsSync(LIBVIRT)) return t.skip('../shared/libvirt-schemas is not here');
  const g = compileGrammar(path.join(LIBVIRT, 'domain.rng'), (file) => fs.readFileSync(file, 'utf8'));
  assert.equal(show(g.start, g), '<domain>');
  const names = new Set(g.elements.map((e) => showName(e.name)));
  for (const name of ['devices', 'disk', 'vcpupin', 'numatune', 'hugepages', 'interface', 'backingStore']) assert.ok(names.has(name), name);
  assert.ok(g.elements.length > 500, `${g.elements.length} element patterns`);
});
