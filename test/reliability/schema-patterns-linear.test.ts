/**
 * XSD patterns are matched in time linear in the value's length (issue 11, item 4), and mean what
 * they meant when V8's backtracking RegExp ran them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XsdMatcher, compileXsdRegex } from '../../server/src/schema/xsdMatcher';
import { translateXsdRegex } from '../../server/src/schema/xsdRegex';
import { compileDatatype, isDatatypeError, XSD_DATATYPE_LIBRARY } from '../../server/src/schema/datatypes';
import { seededRandom } from '../unit/helpers/formatting';
import { adversarialValues, bundledPatterns, generateMatch, mutate } from '../unit/helpers/xsdPatterns';

const LENGTH = 100_000;
/** The bound for one match of a 100k-character value. */
const BOUND_MS = 50;

function matcher(pattern: string): XsdMatcher {
  const m = compileXsdRegex(pattern);
  assert.ok(m instanceof XsdMatcher, `${pattern}: ${JSON.stringify(m)}`);
  return m;
}

/** The fastest of up to three runs, so that a busy machine does not fail a linear matcher. */
function matchMs(m: XsdMatcher, value: string): number {
  let best = Infinity;
  for (let run = 0; run < 3 && best > BOUND_MS; run++) {
    const start = process.hrtime.bigint();
    m.test(value);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

test('the bundled schema has the patterns this test is about', () => {
  const patterns = bundledPatterns();
  assert.ok(patterns.length >= 60, `${patterns.length} patterns`);
  assert.ok(patterns.includes('[a-zA-Z_]+[a-zA-Z0-9_]*'));
});

test('every bundled pattern means what its RegExp translation means', () => {
  const random = seededRandom(11);
  for (const pattern of bundledPatterns()) {
    const m = matcher(pattern);
    const reference = new RegExp(translateXsdRegex(pattern), 'u');
    for (let i = 0; i < 200; i++) {
      const match = generateMatch(pattern, random);
      assert.equal(m.test(match), true, `${pattern} should match ${JSON.stringify(match)}`);
      for (const value of [mutate(match, pattern, random), match + match]) {
        assert.equal(m.test(value), reference.test(value), `${pattern} on ${JSON.stringify(value)}`);
      }
    }
    for (const value of ['', ' ', '\n', 'a', '0', '0x', 'é', '\u{1f600}', '\ud800']) {
      assert.equal(m.test(value), reference.test(value), `${pattern} on ${JSON.stringify(value)}`);
    }
  }
});

test(`every bundled pattern takes under ${BOUND_MS} ms on adversarial values of ${LENGTH} characters`, () => {
  let values = 0;
  for (const pattern of bundledPatterns()) {
    const m = matcher(pattern);
    for (const { name, value } of adversarialValues(pattern, LENGTH)) {
      const ms = matchMs(m, value);
      assert.ok(ms < BOUND_MS, `${pattern} on ${name}: ${ms.toFixed(1)} ms`);
      values++;
    }
  }
  assert.ok(values > 500, `${values} values`);
});

test("libvirt's <initenv name> pattern is linear where the RegExp was quadratic", () => {
  const m = matcher('[a-zA-Z_]+[a-zA-Z0-9_]*');
  const value = 'a'.repeat(LENGTH) + '!';
  assert.ok(matchMs(m, value) < BOUND_MS);
  assert.equal(m.test(value), false);
  assert.equal(m.test('a'.repeat(LENGTH) + '1'), true);
});

test('exponential patterns from a user schema are linear too', () => {
  const cases: [string, string, boolean][] = [
    ['(a+)+b', 'a'.repeat(32), false],
    ['(a+)+b', 'a'.repeat(LENGTH), false],
    ['(a+)+b', 'a'.repeat(LENGTH) + 'b', true],
    ['(a*)*b', 'a'.repeat(LENGTH) + 'c', false],
    ['(a|aa)+c', 'a'.repeat(LENGTH), false],
    ['(a|a?)+c', 'a'.repeat(LENGTH), false],
    ['(.*a){20}', 'a'.repeat(LENGTH) + '\n', false],
    ['([a-z]+\\-?)*[0-9]', 'ab-'.repeat(LENGTH / 3), false],
  ];
  for (const [pattern, value, expected] of cases) {
    const m = matcher(pattern);
    assert.ok(matchMs(m, value) < BOUND_MS, `${pattern} on ${value.length} characters`);
    assert.equal(m.test(value), expected, pattern);
  }
  // Through the datatype a user schema's <data> compiles to.
  const data = compileDatatype(XSD_DATATYPE_LIBRARY, 'string', [{ name: 'pattern', value: '(a+)+b' }]);
  assert.ok(!isDatatypeError(data));
  assert.equal(data.allows('a'.repeat(32)), false);
  assert.equal(data.allows('aaab'), true);
});

test('a pattern whose repeats multiply past the state bound is refused, not built', () => {
  const result = compileXsdRegex('((a{1000}){1000}){1000}');
  assert.ok(!(result instanceof XsdMatcher));
  assert.match(result.error, /too large to match/);
  const data = compileDatatype(XSD_DATATYPE_LIBRARY, 'string', [{ name: 'pattern', value: '(x{500}){500}' }]);
  assert.ok(isDatatypeError(data));
  // Large but legitimate counts still work.
  assert.equal(matcher('[ -~]{0,4096}').test('x'.repeat(4096)), true);
  assert.equal(matcher('[ -~]{0,4096}').test('x'.repeat(4097)), false);
});

test('values with many distinct characters keep the automaton bounded and correct', () => {
  const m = matcher('[\\p{L}\\p{N}]+');
  // Every CJK ideograph in turn (20,992 of them), and again.
  let value = '';
  for (let i = 0; value.length < LENGTH; i++) value += String.fromCodePoint(0x4e00 + (i % 0x5200));
  assert.ok(matchMs(m, value) < BOUND_MS * 4);
  assert.equal(m.test(value), true);
  assert.equal(m.test(value + '!'), false);
  // A pattern of 2^15 situations: more DFA states than the cache holds, so it starts afresh on the way.
  const wide = matcher('(a|b)*a(a|b){14}');
  const reference = new RegExp(translateXsdRegex('(a|b)*a(a|b){14}'), 'u');
  const random = seededRandom(3);
  for (let i = 0; i < 400; i++) {
    const v = Array.from({ length: 60 + random(60) }, () => (random(2) ? 'a' : 'b')).join('');
    assert.equal(wide.test(v), reference.test(v), v);
  }
});

test('the lexical checks of the built-in types are linear too', () => {
  const long = (ch: string, end: string) => ch.repeat(LENGTH) + end;
  const cases: [string, string][] = [
    ['decimal', long('0', 'x')],
    ['decimal', '1' + long('0', '.') + long('0', 'x')],
    ['double', long('0', 'x')],
    ['dateTime', long('0', '-01-01T00:00:00x')],
    ['base64Binary', long('A', '!')],
    ['hexBinary', long('a', 'g')],
    ['NCName', long('a', ':')],
    ['NMTOKENS', long('a ', '!')],
    ['language', long('a-', '!')],
  ];
  for (const [type, value] of cases) {
    const data = compileDatatype(XSD_DATATYPE_LIBRARY, type, []);
    assert.ok(!isDatatypeError(data));
    let best = Infinity;
    for (let run = 0; run < 3 && best > BOUND_MS; run++) {
      const start = process.hrtime.bigint();
      assert.equal(data.allows(value), false, type);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    assert.ok(best < BOUND_MS, `${type}: ${best.toFixed(1)} ms`);
  }
  const decimal = compileDatatype(XSD_DATATYPE_LIBRARY, 'decimal', [{ name: 'fractionDigits', value: '1' }]);
  assert.ok(!isDatatypeError(decimal) && decimal.allows(long('0', '.50')) && !decimal.allows(long('0', '.05')));
});
