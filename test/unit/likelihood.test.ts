import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { attributeRank, childRank } from '../../server/src/features/likelihood';
import { corpusFrequencies } from '../../scripts/elementFrequencies';
import { likeliestFirst } from '../../server/src/schema/likelyValues';
import { SHARED } from './helpers/corpus';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'schemas');
const CORPUS = path.join(SHARED, 'corpus', 'valid');

test('a higher count ranks first; unknown names, the top level and names of Object.prototype rank last', () => {
  assert.ok(childRank('devices', 'disk') < childRank('devices', 'lease'));
  assert.ok(attributeRank('devices', 'disk', 'type') < attributeRank('devices', 'disk', 'rawio'));
  const last = childRank('devices', 'no-such-element');
  assert.equal(childRank(undefined, 'domain'), last);
  assert.equal(childRank('constructor', 'toString'), last);
  assert.equal(childRank('devices', '__proto__'), last);
  assert.equal(attributeRank('constructor', 'hasOwnProperty', 'valueOf'), last);
});

test("the bundled frequencies are those of the corpus (npm run frequencies -- ../shared/corpus/valid)", { skip: !fs.existsSync(CORPUS) && 'no ../shared corpus' }, () => {
  const bundled = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8'));
  const counted = corpusFrequencies(CORPUS);
  assert.deepEqual(counted.elements, bundled('element-frequencies.json'));
  assert.deepEqual(counted.values, bundled('value-frequencies.json'));
});

test('likeliest values first, as often as libvirt\'s test domains give them; unknown values keep their order', () => {
  assert.deepEqual(likeliestFirst('boot', 'dev', ['fd', 'hd', 'cdrom', 'network']), ['hd', 'network', 'cdrom', 'fd']);
  assert.deepEqual(likeliestFirst('boot', 'dev', ['x', 'hd', 'y']), ['hd', 'x', 'y']);
  assert.deepEqual(likeliestFirst('no-such-element', 'dev', ['b', 'a']), ['b', 'a']);
});
