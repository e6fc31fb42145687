import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compileGrammar } from '../../server/src/schema/compileGrammar';
import { GrammarModel, fromModel, modelText, readModelText, toModel } from '../../server/src/schema/model';
import { shippedModelText } from '../../scripts/schemaImport';
import { leafOrderOf } from '../../server/src/schema/derivatives';
import { Schema } from '../../server/src/schema/schema';
import { validateTree } from '../../server/src/schema/validate';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHIPPED = path.join(ROOT, 'schemas', 'libvirt-domain.json');
const LIBVIRT = path.resolve(ROOT, '..', 'shared', 'libvirt-schemas', '12.8.0');

test('a grammar survives the trip through the model, shared patterns stored once', () => {
  const grammar = compileGrammar('/m.rng', () => `<grammar xmlns="http://relaxng.org/ns/structure/1.0">
    <start><element name="a"><ref name="x"/><ref name="x"/><element><anyName><except><name>b</name></except></anyName><empty/></element></element></start>
    <define name="x"><optional><attribute name="k"><data type="int"><param name="minInclusive">1</param></data></attribute></optional></define>
  </grammar>`);
  const model = toModel(grammar, { note: 'test' });
  assert.equal(model.patterns.filter((row) => row[0] === 'attribute').length, 1, 'the define is stored once');
  const again = toModel(fromModel(JSON.parse(JSON.stringify(model)) as GrammarModel), { note: 'test' });
  assert.deepEqual(again, model);
});

test('the shipped model loads, says where it came from, and has <domain> at the start', () => {
  const model = JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as GrammarModel;
  assert.equal(model.source.libvirt, '12.8.0');
  const grammar = fromModel(model);
  assert.equal(grammar.start.kind, 'element');
  assert.deepEqual(grammar.elements[(grammar.start as { id: number }).id].name, { kind: 'name', ns: '', local: 'domain' });
});

test('the shipped model is what schema:import makes of libvirt 12.8.0', (t) => {
  if (!fs.existsSync(LIBVIRT)) return t.skip('../shared/libvirt-schemas is not here');
  const text = fs.readFileSync(SHIPPED, 'utf8');
  const shipped = JSON.parse(text) as GrammarModel;
  const fresh = compileGrammar(path.join(LIBVIRT, 'domain.rng'), (file) => fs.readFileSync(file, 'utf8'));
  assert.equal(shippedModelText(fresh, shipped.source), text, 'run: npm run schema:import -- ../shared/libvirt-schemas/12.8.0');
});

const TWO_ELEMENTS = () =>
  toModel(
    compileGrammar('/m.rng', () => `<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
      <start><element name="domain"><optional><attribute name="k"><data type="int"/></attribute></optional><zeroOrMore><choice><element name="b"><empty/></element><element name="c"><text/></element></choice></zeroOrMore></element></start>
    </grammar>`),
    { note: 'test' },
  );

test('a model laid out a row a line reads back row for row, as the same JSON parsed whole', () => {
  for (const model of [TWO_ELEMENTS(), JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as GrammarModel]) {
    const text = modelText(model);
    assert.deepEqual(JSON.parse(text), model);
    const { nameClasses, patterns, ...head } = model;
    for (const rows of [readModelText(text), readModelText(JSON.stringify(model))]) {
      assert.deepEqual(rows.head, head);
      assert.equal(rows.patternCount, patterns.length);
      assert.deepEqual(Array.from(nameClasses, (_, i) => rows.nameClass(i)), nameClasses);
      assert.deepEqual(Array.from(patterns, (_, i) => rows.pattern(i)), patterns);
      assert.throws(() => rows.pattern(patterns.length), RangeError);
      assert.throws(() => rows.nameClass(-1), RangeError);
    }
  }
});

test('a laid-out model parses a row only when validation reads it', () => {
  const model = TWO_ELEMENTS();
  const c = model.elements.findIndex(([name]) => JSON.stringify(model.nameClasses[name]) === '["name","","c"]');
  // Row of <c>'s content, made unreadable: a document without <c> never reads it.
  const lines = modelText(model).split('\n');
  const at = lines.indexOf('],"patterns":[') + 1 + model.elements[c][1];
  lines[at] = lines[at].replace(/^\[/, '{');
  const schema = Schema.fromModel(readModelText(lines.join('\n')), 'bundled');
  const findings = (xml: string) => {
    const document = ParsedDocument.parse(xml);
    return validateTree(schema.derivatives, schema.datatypes, document.source, document.tree).map((f) => f.code);
  };
  assert.deepEqual(findings("<domain k='1'><b/><b/></domain>"), []);
  assert.deepEqual(findings("<domain k='x'><b/></domain>").length, 1);
  assert.throws(() => findings('<domain><c>x</c></domain>'), SyntaxError);
});

test("the shipped model's leaf order is the one its rows give, which a model without it reads from them", () => {
  const shipped = readModelText(fs.readFileSync(SHIPPED, 'utf8'));
  const stored = shipped.head.leafOrder;
  assert.ok(stored && stored.split(' ').length > 1000, 'run: npm run schema:import -- ../shared/libvirt-schemas/12.8.0');
  const without = fromModel({ ...shipped, head: { ...shipped.head, leafOrder: undefined } }, true).rows!;
  assert.equal(without.storedLeafOrder(), undefined);
  assert.equal(leafOrderOf(without), stored);
  assert.deepEqual(fromModel(shipped, true).rows!.storedLeafOrder(), stored.split(' ').map(Number));
});
