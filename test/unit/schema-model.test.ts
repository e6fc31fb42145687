import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compileGrammar } from '../../server/src/schema/compileGrammar';
import { GrammarModel, fromModel, toModel } from '../../server/src/schema/model';

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
  const shipped = JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as GrammarModel;
  const fresh = toModel(compileGrammar(path.join(LIBVIRT, 'domain.rng'), (file) => fs.readFileSync(file, 'utf8')), shipped.source);
  assert.deepEqual(fresh, shipped, 'run: npm run schema:import -- ../shared/libvirt-schemas/12.8.0');
});
