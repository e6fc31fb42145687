/**
 * XSD datatypes and patterns as RELAX NG uses them: lexical forms, whitespace, ranges, facets,
 * value equality, the descriptions diagnostics quote, and every pattern libvirt's schemas hold
 * (from ../shared when present).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import {
  BUILTIN_DATATYPE_LIBRARY,
  CompiledDatatype,
  CompiledValue,
  DatatypeParam,
  compileDatatype,
  compileValue,
  isDatatypeError,
  XSD_DATATYPE_LIBRARY,
} from '../../server/src/schema/datatypes';
import { XsdMatcher, compileXsdRegex } from '../../server/src/schema/xsdMatcher';
import { Words, render } from '../../server/src/messages/words';
import { translateXsdRegex, XsdRegexError } from '../../server/src/schema/xsdRegex';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'libvirt-schemas', '12.8.0');

function regex(pattern: string): XsdMatcher {
  const re = compileXsdRegex(pattern);
  assert.ok(re instanceof XsdMatcher, `${pattern}: ${JSON.stringify(re)}`);
  return re;
}

function english(said: Words): string {
  return render(said, 'en');
}

function xsd(type: string, params: Record<string, string | string[]> = {}): CompiledDatatype {
  const list: DatatypeParam[] = [];
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) list.push({ name, value: v });
  }
  const dt = compileDatatype(XSD_DATATYPE_LIBRARY, type, list);
  assert.ok(!isDatatypeError(dt), `${type}: ${isDatatypeError(dt) ? dt.error : ''}`);
  return dt;
}

function compileError(type: string, params: DatatypeParam[], library = XSD_DATATYPE_LIBRARY): string {
  const dt = compileDatatype(library, type, params);
  assert.ok(isDatatypeError(dt), `${type} ${JSON.stringify(params)} should not compile`);
  return dt.error;
}

function check(dt: CompiledDatatype, good: string[], bad: string[]): void {
  for (const v of good) assert.equal(dt.allows(v), true, `${dt.type} should allow ${JSON.stringify(v)}`);
  for (const v of bad) assert.equal(dt.allows(v), false, `${dt.type} should reject ${JSON.stringify(v)}`);
}

function value(type: string, v: string, library = XSD_DATATYPE_LIBRARY): CompiledValue {
  const compiled = compileValue(library, type, v);
  assert.ok(!isDatatypeError(compiled), `${type} ${v}: ${isDatatypeError(compiled) ? compiled.error : ''}`);
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Patterns

test('a pattern matches the whole value, never a part', () => {
  const re = regex('[0-9]+');
  assert.equal(re.test('123'), true);
  assert.equal(re.test('a123'), false);
  assert.equal(re.test('123\n'), false);
  assert.equal(regex('a|b').test('ab'), false);
  assert.equal(regex('').test(''), true);
  assert.equal(regex('').test('x'), false);
  assert.equal(regex('a|').test(''), true);
});

test('^ and $ are ordinary characters in XSD', () => {
  assert.equal(regex('^a$').test('^a$'), true);
  assert.equal(regex('^a$').test('a'), false);
  const re = regex('$[ ]*[a-zA-Z0-9_]+');
  assert.equal(re.test('$ VAR'), true);
  assert.equal(re.test('VAR'), false);
  assert.equal(regex('[a^]+').test('^a^'), true);
  assert.equal(regex('[\\^0-9]+').test('^12'), true);
});

test('. is any character but line feed and carriage return', () => {
  const re = regex('.+');
  assert.equal(re.test('a b\tc'), true);
  assert.equal(re.test('a\nb'), false);
  assert.equal(re.test('a\rb'), false);
  assert.equal(regex('.').test('😀'), true, 'one astral character is one character');
});

test('multi-character escapes have XSD meanings', () => {
  check2('\\s+', [' \t\n\r'], ['\u00a0', '\u2003', '\f']);
  check2('\\S+', ['a\u00a0'], ['a b']);
  check2('\\d+', ['123', '١٢٣'], ['1a', '']);
  check2('\\D', ['a'], ['5']);
  // '_' is connector punctuation, so XSD's \w (unlike Perl's) excludes it.
  check2('\\w+', ['abcÄ1x', '+$'], ['a_b', 'a-b', 'a b', 'a.b', 'a\u0000']);
  check2('\\W', ['-', ' ', '.', '_'], ['a', '+']);
  check2('\\i\\c*', ['_a-b.c:d', 'é1', ':x'], ['1a', '-a', 'a b']);
  check2('\\I', ['1', '-'], ['a', ':']);
  check2('\\C', [' ', '!'], ['a', '-', '.']);
  check2('[\\s\\d]+', [' 1\t2'], ['a']);
  check2('[^\\s]+', ['ab'], ['a b']);
  check2('[\\S-[a]]+', ['bc'], ['ba', 'b c']);
  function check2(pattern: string, good: string[], bad: string[]): void {
    const re = regex(pattern);
    for (const v of good) assert.equal(re.test(v), true, `${pattern} should match ${JSON.stringify(v)}`);
    for (const v of bad) assert.equal(re.test(v), false, `${pattern} should not match ${JSON.stringify(v)}`);
  }
});

test('categories and blocks', () => {
  assert.equal(regex('\\p{Lu}+').test('ABÉ'), true);
  assert.equal(regex('\\p{Lu}+').test('AbC'), false);
  assert.equal(regex('\\P{L}+').test('12 -'), true);
  assert.equal(regex('[\\p{N}\\p{Pd}]+').test('1-2'), true);
  assert.equal(regex('\\p{IsBasicLatin}+').test('abc~'), true);
  assert.equal(regex('\\p{IsBasicLatin}+').test('abé'), false);
  assert.equal(regex('\\P{IsBasicLatin}+').test('éö'), true);
  assert.equal(regex('[^\\p{IsGreek}]').test('α'), false);
  assert.match(JSON.stringify(compileXsdRegex('\\p{IsTamil}')), /block 'IsTamil' is not supported/);
  assert.match(JSON.stringify(compileXsdRegex('\\p{Letter}')), /not a Unicode category/);
});

test('character class subtraction, nested and negated', () => {
  const vowels = regex('[a-z-[aeiou]]+');
  assert.equal(vowels.test('bcd'), true);
  assert.equal(vowels.test('bad'), false);
  const nested = regex('[a-z-[aeiou-[e]]]+');
  assert.equal(nested.test('bed'), true);
  assert.equal(nested.test('bad'), false);
  const negated = regex('[^a-z-[0-9]]');
  assert.equal(negated.test('A'), true);
  assert.equal(negated.test('5'), false);
  assert.equal(negated.test('q'), false);
});

test('hyphens, escapes and brackets in classes', () => {
  assert.equal(regex('[\\-]').test('-'), true);
  assert.equal(regex('[-a]+').test('a-'), true);
  assert.equal(regex('[a-]+').test('-a'), true);
  assert.equal(regex('[a\\-z]+').test('a-z'), true);
  assert.equal(regex('[a\\-z]').test('b'), false);
  assert.equal(regex('\\[[^\\]]+\\] .+').test('[ds] /path'), true);
  assert.equal(regex('[\\[\\]]+').test('[]]'), true);
  assert.equal(regex('[()*+.?{}|/]+').test('(*)+.?{}|/'), true);
  assert.equal(regex('[a-zA-Z0-9_\\.\\-\\\\:/]+').test('C:\\dir/a-b.c'), true);
  assert.equal(regex('\\n\\r\\t\\\\\\|\\.\\-\\^\\?\\*\\+\\{\\}\\(\\)\\[\\]').test('\n\r\t\\|.-^?*+{}()[]'), true);
  assert.equal(regex('a\\-b').test('a-b'), true);
  assert.equal(regex('/.*').test('/a/b'), true);
});

test('quantifiers', () => {
  const re = regex('a{2,3}');
  assert.equal(re.test('a'), false);
  assert.equal(re.test('aa'), true);
  assert.equal(re.test('aaa'), true);
  assert.equal(re.test('aaaa'), false);
  assert.equal(regex('a{2}').test('aa'), true);
  assert.equal(regex('a{2}').test('aaa'), false);
  assert.equal(regex('a{0,}').test('aaaa'), true);
  assert.equal(regex('(ab){1,2}c?').test('ababc'), true);
  assert.equal(regex('[0]{0,1}[1]').test('01'), true);
  assert.equal(regex('x{0}').test(''), true);
});

test('what XSD forbids is an error, with where', () => {
  const bad: [string, RegExp][] = [
    ['a*?', /nothing to repeat/],
    ['a{3,2}', /maximum below its minimum/],
    ['a{,2}', /needs a number/],
    ['a{2', /unterminated/],
    ['(a', /unclosed '\('/],
    ['a)', /unexpected '\)'/],
    ['[a', /unclosed '\['/],
    ['[]', /empty character class/],
    ['[^]', /empty character class/],
    ['a]', /must be escaped/],
    ['a}', /must be escaped/],
    ['*a', /nothing to repeat/],
    ['\\1', /not an XSD escape/],
    ['\\b', /not an XSD escape/],
    ['\\/', /not an XSD escape/],
    ['a\\', /ends with/],
    ['[a-c-e]', /'-' must be escaped/],
    ['[z-a]', /out of order/],
    ['[a-\\d]', /cannot end in a class escape/],
    ['[a[b]', /'\[' must be escaped/],
    ['[a-z-[b]c]', /subtraction must end its class/],
    ['(?:a)', /nothing to repeat/],
  ];
  for (const [pattern, message] of bad) {
    const result = compileXsdRegex(pattern);
    assert.ok(!(result instanceof XsdMatcher), `${pattern} should be rejected`);
    assert.match(result.error, message, pattern);
  }
  assert.throws(() => translateXsdRegex('ab(c'), (e: unknown) => e instanceof XsdRegexError && e.offset === 2);
});

test('translation emits non-capturing groups and escapes JS syntax', () => {
  assert.equal(translateXsdRegex('(a|b)+$/'), '^(?:(?:a|b)+\\$\\/)$');
});

// ---------------------------------------------------------------------------------------------
// Datatypes

test('unknown types, libraries and params fail at compile time', () => {
  assert.match(compileError('unsignedInteger', []), /unknown XML Schema datatype "unsignedInteger"/);
  assert.match(compileError('int', [], 'http://example.com/dt'), /unknown datatype library/);
  assert.match(compileError('int', [{ name: 'maxLength', value: '3' }]), /does not apply to datatype int/);
  assert.match(compileError('string', [{ name: 'minInclusive', value: '3' }]), /does not apply/);
  assert.match(compileError('string', [{ name: 'enumeration', value: 'a' }]), /does not apply/);
  assert.match(compileError('string', [{ name: 'whiteSpace', value: 'collapse' }]), /does not apply/);
  assert.match(compileError('string', [{ name: 'maxLength', value: '3' }, { name: 'maxLength', value: '4' }]), /given twice/);
  assert.match(compileError('string', [{ name: 'maxLength', value: '-1' }]), /non-negative integer/);
  assert.match(compileError('string', [{ name: 'minLength', value: '5' }, { name: 'maxLength', value: '4' }]), /greater than maxLength/);
  assert.match(compileError('string', [{ name: 'length', value: '5' }, { name: 'maxLength', value: '6' }]), /cannot be combined/);
  assert.match(compileError('string', [{ name: 'pattern', value: '[a' }]), /invalid XSD pattern "\[a"/);
  assert.match(compileError('int', [{ name: 'maxInclusive', value: '1.5' }]), /not a valid int/);
  assert.match(compileError('unsignedInt', [{ name: 'maxInclusive', value: '4294967296' }]), /not a valid unsignedInt/);
  assert.match(compileError('int', [{ name: 'minInclusive', value: '5' }, { name: 'maxInclusive', value: '4' }]), /between/);
  assert.match(compileError('int', [{ name: 'minInclusive', value: '1' }, { name: 'minExclusive', value: '0' }]), /cannot both/);
  assert.match(compileError('dateTime', [{ name: 'minInclusive', value: '2020-01-01T00:00:00' }]), /not supported/);
  assert.match(compileError('boolean', [{ name: 'maxLength', value: '1' }]), /allowed: pattern/);
  assert.match(compileError('integer', [], BUILTIN_DATATYPE_LIBRARY), /only string and token/);
  assert.match(compileError('token', [{ name: 'pattern', value: 'a' }], BUILTIN_DATATYPE_LIBRARY), /takes no params/);
});

test('built-in string keeps whitespace, built-in token collapses it', () => {
  const s = compileDatatype(BUILTIN_DATATYPE_LIBRARY, 'string', []);
  const t = compileDatatype(BUILTIN_DATATYPE_LIBRARY, 'token', []);
  assert.ok(!isDatatypeError(s) && !isDatatypeError(t));
  assert.equal(s.allows(' any\nthing '), true);
  assert.equal(t.allows(''), true);
  assert.ok(value('token', ' a \n b ', BUILTIN_DATATYPE_LIBRARY).matches('a b'));
  assert.ok(!value('string', ' a ', BUILTIN_DATATYPE_LIBRARY).matches('a'));
});

test('integer types: ranges at their edges, signs, whitespace, big values', () => {
  check(xsd('unsignedInt'), ['0', '4294967295', ' 12 ', '\t7\n', '+5', '0004294967295', '-0'], ['4294967296', '-1', '', ' ', '1 2', '1.0', '0x10', '1e3', '+', '-', '١']);
  check(xsd('int'), ['-2147483648', '2147483647', '-0', ' 12 ', '+0'], ['2147483648', '-2147483649', '12a', '--1']);
  check(xsd('short'), ['-32768', '32767'], ['32768', '-32769']);
  check(xsd('byte'), ['-128', '127'], ['128', '-129']);
  check(xsd('unsignedShort'), ['0', '65535'], ['65536', '-1']);
  check(xsd('unsignedByte'), ['255'], ['256']);
  check(xsd('long'), ['-9223372036854775808', '9223372036854775807', '9007199254740993'], ['9223372036854775808', '-9223372036854775809']);
  check(xsd('unsignedLong'), ['18446744073709551615', '0', '00018446744073709551615'], ['18446744073709551616', '-1', '-18446744073709551615']);
  check(xsd('integer'), ['123456789012345678901234567890', '-5', '0'], ['1.', 'one']);
  check(xsd('positiveInteger'), ['1', '99999999999999999999'], ['0', '-0', '-1']);
  check(xsd('nonNegativeInteger'), ['0', '-0'], ['-1']);
  check(xsd('negativeInteger'), ['-1', '-99999999999999999999'], ['0', '1']);
  check(xsd('nonPositiveInteger'), ['0', '-3'], ['1']);
});

test('integer facets narrow the range, exclusive bounds included', () => {
  check(xsd('int', { minInclusive: '0', maxInclusive: '255' }), ['0', '255', ' 7'], ['-1', '256']);
  check(xsd('integer', { minExclusive: '0', maxExclusive: '10' }), ['1', '9'], ['0', '10']);
  check(xsd('unsignedLong', { maxInclusive: '18446744073709551615', minInclusive: '10000000000000000000' }), ['18446744073709551615', '10000000000000000000'], ['9999999999999999999']);
  check(xsd('unsignedInt', { minInclusive: '10', maxInclusive: '255' }), ['10', '0010'], ['9', '256']);
  check(xsd('integer', { totalDigits: '3' }), ['999', '-999', '0001'], ['1000']);
  check(xsd('integer', { maxExclusive: '9007199254740992' }), ['9007199254740991'], ['9007199254740992']);
  // The facet narrows the type's own range, never widens it.
  check(xsd('unsignedInt', { minInclusive: '0', maxInclusive: '4294967295' }), ['4294967295'], ['4294967296']);
});

test('patterns on numbers apply to the collapsed text, all of them', () => {
  const dt = xsd('unsignedInt', { pattern: '[0-9]+' });
  check(dt, ['12', ' 12 '], ['+12', '4294967296']);
  check(xsd('string', { pattern: ['[a-z]+', '.{0,3}'] }), ['abc'], ['abcd', 'AB']);
});

test('decimal', () => {
  check(xsd('decimal'), ['1', '-1.5', '+.5', '1.', '0.000', ' 3.14 ', '00012.3400'], ['.', '-', '1e3', 'INF', 'NaN', '1.2.3', '', '1 .2']);
  check(xsd('decimal', { minInclusive: '-1.5', maxExclusive: '2' }), ['-1.5', '-1.49', '1.999999999999999999999'], ['-1.51', '2', '2.0', '10']);
  check(xsd('decimal', { totalDigits: '4', fractionDigits: '2' }), ['12.34', '1234', '0012.3400'], ['123.45', '1.234', '12345']);
  check(xsd('decimal', { minExclusive: '0' }), ['0.0001'], ['0', '-0.0', '-0.0001']);
});

test('double and float', () => {
  check(xsd('double'), ['1', '-1.5e10', '1E-3', '.5', '5.', 'INF', '-INF', 'NaN', ' 2.5 ', '+3'], ['+INF', 'inf', 'nan', 'Infinity', '1e', 'e3', '1.5f', '', '0x10']);
  check(xsd('float'), ['3.4e38', '1.5'], ['abc']);
  check(xsd('double', { minInclusive: '0', maxInclusive: '1' }), ['0', '1', '0.5'], ['NaN', '-0.1', '1.01', 'INF']);
  check(xsd('double', { minExclusive: '-INF' }), ['-1e308'], ['-INF', 'NaN']);
});

test('boolean', () => {
  check(xsd('boolean'), ['true', 'false', '1', '0', ' true '], ['True', 'yes', '2', '']);
});

test('string keeps whitespace; normalizedString and token handle it', () => {
  check(xsd('string', { pattern: '[a-z]+' }), ['abc'], [' abc', 'abc ']);
  check(xsd('token', { pattern: '[a-z]+( [a-z]+)*' }), ['  abc\n def  '], ['ab\u00a0c']);
  check(xsd('normalizedString', { pattern: '[^\\t\\n]*' }), ['a\tb\nc'], []);
  check(xsd('normalizedString', { pattern: 'a b' }), ['a\tb'], [' a b']);
});

test('length facets count code points (and bytes, and list items)', () => {
  const dt = xsd('string', { maxLength: '3' });
  check(dt, ['', 'abc', '😀😀😀'], ['abcd', '😀😀😀😀']);
  check(xsd('string', { length: '2' }), ['ab', 'é😀'], ['a', 'abc']);
  check(xsd('string', { minLength: '1' }), ['a'], ['']);
  check(xsd('token', { maxLength: '3' }), ['  abc  '], ['ab cd']);
  check(xsd('hexBinary', { length: '2' }), ['0aFF'], ['0a', '0aff00']);
  check(xsd('base64Binary', { maxLength: '2' }), ['YWI=', 'YQ=='], ['YWJj']);
  check(xsd('NMTOKENS', { minLength: '2' }), ['a b', ' a  b  c '], ['a']);
});

test('name types', () => {
  check(xsd('NCName'), ['vnet0', '_a.b-c', 'été', ' name '], ['a:b', '0a', '-a', 'a b', '']);
  check(xsd('Name'), ['a:b', ':a'], ['0a', 'a b']);
  check(xsd('QName'), ['a:b', 'b'], ['a:b:c', ':b', 'a:']);
  check(xsd('NMTOKEN'), ['0a', '-.'], ['a b', '']);
  check(xsd('NMTOKENS'), ['a b 0'], ['']);
  check(xsd('ID'), ['x1'], ['1x']);
  check(xsd('IDREFS'), ['a b'], ['a 1']);
  check(xsd('language'), ['en', 'en-US', 'zh-Hans-CN', 'i-klingon'], ['englishlanguage', 'en_US', 'en-', '']);
  check(xsd('token'), ['', 'a b'], []);
});

test('anyURI is lenient but rejects broken escapes', () => {
  check(xsd('anyURI'), ['', 'http://example.com/a b', 'file:///tmp/x', 'rel/path#frag', 'urn:x', '%41', 'é'], ['%zz', '%4', 'a#b#c']);
});

test('binary types', () => {
  check(xsd('hexBinary'), ['', '0aFF', ' 00 '], ['0', '0g', '0a 0b']);
  check(xsd('base64Binary'), ['', 'YWJj', 'YWI=', 'YQ==', 'YW Jj', ' YWJj ', 'YW  Jj'], ['YWJ', 'YR==', 'YWJ=', '=', 'YQ=', 'YW-Jj']);
});

test('dates, times and durations', () => {
  check(
    xsd('dateTime'),
    ['2024-01-31T13:45:00', '2024-01-31T13:45:00Z', '2024-01-31T13:45:00.123+05:30', '-0044-03-15T12:00:00', '2024-02-29T00:00:00', '2024-12-31T24:00:00', '12345-01-01T00:00:00', ' 2024-01-31T13:45:00Z '],
    ['2024-01-31', '2024-1-31T13:45:00', '2023-02-29T00:00:00', '1900-02-29T00:00:00', '2024-04-31T00:00:00', '2024-01-31T25:00:00', '2024-01-31T24:00:01', '2024-01-31T13:60:00', '2024-01-31T13:45:60', '0000-01-01T00:00:00', '02024-01-01T00:00:00', '2024-01-31T13:45:00+15:00', '2024-01-31T13:45:00+14:30', '2024-01-31 13:45:00', '2024-01-31T13:45:00.'],
  );
  check(xsd('date'), ['2000-02-29', '2024-01-31Z', '2024-01-31-05:00'], ['1900-02-29', '2024-13-01', '2024-00-10']);
  check(xsd('time'), ['00:00:00', '23:59:59.999', '12:00:00Z'], ['24:00:01', '12:00', '12:00:00.']);
  check(xsd('duration'), ['P1Y', 'P1Y2M3DT4H5M6.5S', '-P1D', 'PT0S', 'PT36H', 'P0D'], ['P', 'PT', 'P1DT', '1D', 'P1.5D', 'P-1D', 'P1S', 'PT1D']);
  check(xsd('gYear'), ['2024', '-0001', '2024Z'], ['24', '0000']);
  check(xsd('gYearMonth'), ['2024-02'], ['2024-13', '2024-2']);
  check(xsd('gMonthDay'), ['--02-29', '--12-31'], ['--02-30', '--13-01']);
  check(xsd('gDay'), ['---31'], ['---32', '---00']);
  check(xsd('gMonth'), ['--12'], ['--13', '--00']);
});

test('value equality is in the value space', () => {
  const one = value('int', '1');
  assert.equal(one.matches('01'), true);
  assert.equal(one.matches(' +1 '), true);
  assert.equal(one.matches('1.0'), false);
  assert.equal(one.matches('2'), false);
  assert.equal(value('int', '0').matches('-0'), true);
  assert.equal(value('unsignedLong', '18446744073709551615').matches('018446744073709551615'), true);
  assert.equal(value('token', ' a  b ').matches('a b'), true);
  assert.equal(value('token', 'a b').matches('ab'), false);
  assert.equal(value('string', 'a b').matches('a b'), true);
  assert.equal(value('string', 'a b').matches(' a b'), false);
  assert.equal(value('boolean', 'true').matches('1'), true);
  assert.equal(value('boolean', '0').matches('false'), true);
  assert.equal(value('boolean', '0').matches('true'), false);
  assert.equal(value('decimal', '1.50').matches('01.5'), true);
  assert.equal(value('decimal', '0').matches('-0.000'), true);
  assert.equal(value('double', '1e2').matches('100'), true);
  assert.equal(value('double', 'NaN').matches('NaN'), true);
  assert.equal(value('double', '0').matches('-0'), true);
  assert.equal(value('hexBinary', '0aff').matches('0AFF'), true);
  assert.equal(value('base64Binary', 'YW Jj').matches('YWJj'), true);
  assert.equal(value('dateTime', '2024-01-31T12:00:00Z').matches('2024-01-31T13:00:00+01:00'), true);
  assert.equal(value('dateTime', '2024-01-31T24:00:00Z').matches('2024-02-01T00:00:00Z'), true);
  assert.equal(value('dateTime', '2024-01-31T12:00:00Z').matches('2024-01-31T12:00:00'), false);
  assert.equal(value('dateTime', '2024-01-31T12:00:00.50').matches('2024-01-31T12:00:00.5'), true);
  assert.equal(value('duration', 'P1D').matches('PT24H'), true);
  assert.equal(value('duration', 'PT0S').matches('P0D'), true);
  assert.equal(value('NCName', ' a ').value, 'a');
  const bad = compileValue(XSD_DATATYPE_LIBRARY, 'int', 'x');
  assert.ok(isDatatypeError(bad));
  assert.match(bad.error, /"x" is not a valid int/);
});

test('describe() says what is expected in plain words', () => {
  assert.equal(english(xsd('unsignedShort').describe()), 'an integer from 0 to 65535');
  assert.equal(english(xsd('int', { minInclusive: '0', maxInclusive: '255' }).describe()), 'an integer from 0 to 255');
  assert.equal(english(xsd('integer', { minExclusive: '0' }).describe()), 'an integer of 1 or more');
  assert.equal(english(xsd('positiveInteger').describe()), 'an integer of 1 or more');
  assert.equal(english(xsd('nonPositiveInteger').describe()), 'an integer of 0 or less');
  assert.equal(english(xsd('integer').describe()), 'an integer');
  assert.equal(english(xsd('unsignedLong').describe()), 'an integer from 0 to 18446744073709551615');
  assert.equal(english(xsd('unsignedInt', { pattern: '[0-9]+' }).describe()), 'an integer from 0 to 4294967295 written as digits only');
  assert.equal(english(xsd('string', { pattern: '[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}' }).describe()), 'text matching the pattern `[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}`');
  assert.equal(english(xsd('string', { pattern: '[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}' }).describe()), 'a MAC address like 52:54:00:12:34:56');
  assert.equal(english(xsd('string', { pattern: '(0x)?[0-9a-f]+' }).describe()), 'a hexadecimal number like 0x1f');
  assert.equal(english(xsd('string', { maxLength: '39' }).describe()), 'text of at most 39 characters');
  assert.equal(english(xsd('string', { minLength: '1', maxLength: '8' }).describe()), 'text of 1 to 8 characters');
  assert.equal(english(xsd('string', { length: '1' }).describe()), 'text of exactly 1 character');
  assert.equal(english(xsd('hexBinary', { maxLength: '4' }).describe()), 'hexadecimal bytes of at most 4 bytes');
  assert.equal(english(xsd('string', { maxLength: '4', pattern: '[0-9]+' }).describe()), 'text of at most 4 characters written as digits only');
  assert.equal(english(xsd('token', { pattern: 'a+', }).describe()), 'a token matching the pattern `a+`');
  assert.equal(english(xsd('double').describe()), 'a number');
  assert.equal(english(xsd('double', { minExclusive: '0', maxInclusive: '1' }).describe()), 'a number greater than 0 and at most 1');
  assert.equal(english(xsd('decimal', { minInclusive: '0', maxInclusive: '1', fractionDigits: '2' }).describe()), 'a decimal number from 0 to 1 with at most 2 after the decimal point');
  assert.equal(english(xsd('boolean').describe()), 'true or false (or 1 or 0)');
  assert.equal(english(xsd('dateTime').describe()), 'a date and time like 2024-01-31T13:45:00Z');
  assert.equal(english(xsd('NCName').describe()), 'a name without a colon (NCName)');
  assert.equal(english(xsd('integer', { totalDigits: '3' }).describe()), 'an integer of at most 3 digits');
  assert.equal(english(xsd('decimal', { minExclusive: '0', totalDigits: '4', fractionDigits: '1' }).describe()), 'a decimal number greater than 0 with at most 4 digits, at most 1 after the decimal point');
  assert.equal(english(xsd('IDREFS', { minLength: '2' }).describe()), 'a space-separated list of identifiers of at least 2 items');
});

test('describe() says it in Chinese too', () => {
  const chinese = (dt: CompiledDatatype) => render(dt.describe(), 'zh');
  assert.equal(chinese(xsd('unsignedShort')), '0 到 65535 的整数');
  assert.equal(chinese(xsd('unsignedInt', { pattern: '[0-9]+' })), '0 到 4294967295 的整数（只能写数字）');
  assert.equal(chinese(xsd('string', { maxLength: '39' })), '最多 39 个字符的文本');
  assert.equal(chinese(xsd('double', { minExclusive: '0', maxInclusive: '1' })), '大于 0 且不大于 1 的数值');
  assert.equal(chinese(xsd('string', { pattern: '(/|[a-zA-Z]:\\\\).+' })), '绝对路径，如 /var/lib/libvirt/images/vm.qcow2');
  assert.equal(chinese(xsd('token', { pattern: 'a+' })), '记号（token）（符合模式 `a+`）');
});

// ---------------------------------------------------------------------------------------------
// libvirt's schemas

interface SchemaPattern {
  file: string;
  define: string | undefined;
  type: string;
  pattern: string;
}

function libvirtPatterns(): SchemaPattern[] {
  const out: SchemaPattern[] = [];
  for (const file of fs.readdirSync(SCHEMAS).filter((f) => f.endsWith('.rng')).sort()) {
    const doc = new DOMParser().parseFromString(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'), 'text/xml');
    const params = doc.getElementsByTagName('param');
    for (let i = 0; i < params.length; i++) {
      const param = params[i];
      if (param.getAttribute('name') !== 'pattern') continue;
      let define: string | undefined;
      for (let n = param.parentNode; n; n = n.parentNode) {
        if (n.nodeName === 'define') {
          define = (n as Element).getAttribute('name') ?? undefined;
          break;
        }
      }
      out.push({ file, define, type: (param.parentNode as Element).getAttribute('type') ?? '', pattern: param.textContent ?? '' });
    }
  }
  return out;
}

test('every pattern in libvirt schemas compiles, and its datatype with it', (t) => {
  if (!fs.existsSync(SCHEMAS)) return t.skip('../shared/libvirt-schemas is not here');
  const patterns = libvirtPatterns();
  assert.equal(patterns.length, 136);
  const failures = patterns
    .map((p) => ({ p, dt: compileDatatype(XSD_DATATYPE_LIBRARY, p.type, [{ name: 'pattern', value: p.pattern }]) }))
    .filter(({ dt }) => isDatatypeError(dt))
    .map(({ p, dt }) => `${p.file} ${p.define}: ${JSON.stringify(dt)}`);
  assert.deepEqual(failures, []);
});

test('libvirt patterns accept and reject what their names promise', (t) => {
  if (!fs.existsSync(SCHEMAS)) return t.skip('../shared/libvirt-schemas is not here');
  const byDefine = new Map<string, string[]>();
  for (const p of libvirtPatterns()) {
    if (p.file === 'basictypes.rng' && p.define) byDefine.set(p.define, [...(byDefine.get(p.define) ?? []), p.pattern]);
  }
  const expectations: [string, string[], string[], string][] = [
    ['uniMacAddr', ['52:54:00:12:34:56'], ['53:54:00:12:34:56', '52:54:00:12:34', '52-54-00-12-34-56'], 'a unicast MAC address like 52:54:00:12:34:56'],
    ['multiMacAddr', ['01:00:5e:00:00:fb'], ['52:54:00:12:34:56'], 'a multicast MAC address like 01:00:5e:00:00:fb'],
    ['macAddr', ['52:54:00:AB:cd:EF'], ['52:54:00:12:34:5g'], 'a MAC address like 52:54:00:12:34:56'],
    ['cpuset', ['0-3,^2', '1', '0-1,4-5,^5'], ['', '0-', '^', '0,,1', '0 - 3'], 'a CPU list like 0-3,^2'],
    ['hexuint', ['0x1f', '1f'], ['0x1F', '0x'], 'a hexadecimal number like 0x1f'],
    ['ipv4Addr', ['192.168.122.1', '0.0.0.0'], ['256.1.1.1', '1.2.3', '01.2.3.4'], 'an IPv4 address like 192.168.122.1'],
    ['ipv6Addr', ['fe80::1', '::', '2001:db8::ff00:42:8329', '::ffff:192.0.2.1'], ['fe80:::1', '1:2:3:4:5:6:7:8:9', 'g::1'], 'an IPv6 address like fe80::1'],
    ['absFilePath', ['/var/lib/x.img', 'C:\\x'], ['rel/x', '/'], 'an absolute path like /var/lib/libvirt/images/vm.qcow2'],
  ];
  for (const [define, good, bad, words] of expectations) {
    const patterns = byDefine.get(define);
    assert.ok(patterns && patterns.length === 1, `${define} holds one pattern`);
    const dt = xsd('string', { pattern: patterns[0] });
    check(dt, good, bad);
    assert.equal(english(dt.describe({ define, place: { element: 'vcpupin', attribute: 'cpuset' } })), words, define);
  }
  const uuid = byDefine.get('UUID') ?? [];
  assert.deepEqual(uuid.map((p) => english(xsd('string', { pattern: p }).describe())), ['a UUID written as 32 hexadecimal digits', 'a UUID like c7a5fdbd-edaf-9455-926a-d65c16db1809']);
  check(xsd('string', { pattern: uuid[1] }), ['c7a5fdbd-edaf-9455-926a-d65c16db1809'], ['c7a5fdbd-edaf-9455-926a-d65c16db180', 'c7a5fdbdedaf9455926ad65c16db1809']);
  assert.deepEqual(byDefine.get('unsignedInt'), ['[0-9]+']);
});
