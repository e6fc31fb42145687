/**
 * The datatypes RELAX NG `data` and `value` patterns name: W3C XML Schema datatypes (the library
 * libvirt's schemas declare) and RELAX NG's built-in `string` and `token`.
 *
 * A datatype is compiled once, with its params, when the schema is compiled, so an unknown type,
 * a misplaced param or a bad pattern fails there; `allows` then runs on every attribute value
 * and text of a validated document, so it avoids allocating on the common paths (no whitespace
 * to collapse, integers that fit a double).
 *
 * Following the RELAX NG guidelines for XSD datatypes: the params are XSD's facets except
 * `enumeration` and `whiteSpace`; `pattern` may be repeated and the value must match every one;
 * each other param may be given once. Facets apply to the value after the type's whitespace
 * handling (`string` keeps it, `normalizedString` turns tabs and newlines into spaces, every other
 * type collapses it, so " 12 " is an int).
 */
import { MessageKey } from '../messages/en';
import { Words, andList, words } from '../messages/words';
import { PatternContext, patternWords } from './datatypeWords';
import { XsdMatcher, compileXsdRegex } from './xsdMatcher';

export const XSD_DATATYPE_LIBRARY = 'http://www.w3.org/2001/XMLSchema-datatypes';
/** RELAX NG's own library (`datatypeLibrary=""`): `string` and `token`, without params. */
export const BUILTIN_DATATYPE_LIBRARY = '';

export interface DatatypeParam {
  readonly name: string;
  readonly value: string;
}

export interface DatatypeError {
  readonly error: string;
}

export interface CompiledDatatype {
  readonly library: string;
  readonly type: string;
  /** Whether the text (as it appears in the document) is a valid value of this datatype. */
  allows(value: string): boolean;
  /**
   * What is expected, in words, e.g. "an integer from 0 to 65535"; `context` (the define holding
   * the pattern, where the value stands) names the pattern (datatypeWords.ts).
   */
  describe(context?: PatternContext): Words;
}

/** A `<value type="...">`: equality in the datatype's value space ("01" equals "1" for int). */
export interface CompiledValue {
  readonly library: string;
  readonly type: string;
  /** The schema's value after whitespace handling. */
  readonly value: string;
  matches(value: string): boolean;
}

export function isDatatypeError<T extends object>(result: T | DatatypeError): result is DatatypeError {
  return 'error' in result;
}

// ---------------------------------------------------------------------------------------------
// Whitespace

const enum WhiteSpace {
  Preserve,
  Replace,
  Collapse,
}

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The value after XSD whitespace handling; returns `value` itself when nothing changes. */
function normalizeSpace(value: string, ws: WhiteSpace): string {
  if (ws === WhiteSpace.Preserve) return value;
  let clean = true;
  let afterSpace = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) {
      clean = false;
      break;
    }
    if (ws === WhiteSpace.Collapse && c === 0x20) {
      if (afterSpace) {
        clean = false;
        break;
      }
      afterSpace = true;
    } else {
      afterSpace = false;
    }
  }
  if (ws === WhiteSpace.Replace) return clean ? value : value.replace(/[\t\n\r]/g, ' ');
  if (clean && (!afterSpace || value.length === 0)) return value;
  let start = 0;
  let end = value.length;
  while (start < end && isXmlSpace(value.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end).replace(/[\t\n\r ]+/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Lexical forms

/** One of our own XSD patterns, compiled when first tested (a check meets few of these types, and each compile costs a start ~0.5 ms). */
function xsdRegex(pattern: string): Pick<RegExp, 'test'> {
  let matcher: XsdMatcher | undefined;
  return {
    test(value: string): boolean {
      if (!matcher) {
        const re = compileXsdRegex(pattern);
        if (!(re instanceof XsdMatcher)) throw new Error(re.error);
        matcher = re;
      }
      return matcher.test(value);
    },
  };
}

// Name-like types in XSD's own terms (XML Schema Part 2, 3.3), through the pattern translator.
const NCNAME = '[\\i-[:]][\\c-[:]]*';
const NAME_RE = xsdRegex('\\i\\c*');
const NCNAME_RE = xsdRegex(NCNAME);
const NCNAMES_RE = xsdRegex(`${NCNAME}( ${NCNAME})*`);
const QNAME_RE = xsdRegex(`(${NCNAME}:)?${NCNAME}`);
const NMTOKEN_RE = xsdRegex('\\c+');
const NMTOKENS_RE = xsdRegex('\\c+( \\c+)*');
const LANGUAGE_RE = xsdRegex('[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*');
const HEX_BINARY_RE = /^(?:[0-9a-fA-F]{2})*$/;
// After dropping the optional single spaces: quads, with the padding XSD permits at the end
// (the bits the padding leaves unused must be zero, hence the short lists before '=').
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)?$/;
const DOUBLE_RE = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NaN)$/;

/**
 * anyURI is lenient, like libxml2: XSD accepts any string that becomes a URI once disallowed
 * characters are %-escaped, so only a malformed %-escape or a second '#' is wrong.
 */
function isAnyUri(s: string): boolean {
  let hashes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x23 && ++hashes > 1) return false;
    if (c === 0x25 && !(isHexDigit(s.charCodeAt(i + 1)) && isHexDigit(s.charCodeAt(i + 2)))) return false;
  }
  return true;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function countItems(s: string): number {
  if (s.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x20) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Dates and times: lexical checks plus a key for equality (the instant, when there is a zone).

const TZ = '(Z|[+-]\\d\\d:\\d\\d)?';
const YEAR = '(-?)(\\d{4,})';
const DATE_TIME_RE = new RegExp(`^${YEAR}-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?${TZ}$`);
const DATE_RE = new RegExp(`^${YEAR}-(\\d\\d)-(\\d\\d)${TZ}$`);
const TIME_RE = new RegExp(`^(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?${TZ}$`);
const G_YEAR_MONTH_RE = new RegExp(`^${YEAR}-(\\d\\d)${TZ}$`);
const G_YEAR_RE = new RegExp(`^${YEAR}${TZ}$`);
const G_MONTH_DAY_RE = new RegExp(`^--(\\d\\d)-(\\d\\d)${TZ}$`);
const G_DAY_RE = new RegExp(`^---(\\d\\d)${TZ}$`);
const G_MONTH_RE = new RegExp(`^--(\\d\\d)${TZ}$`);
const DURATION_RE = /^(-?)P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Year text valid for XSD 1.0: no year 0000, no leading zero beyond four digits. */
function validYear(digits: string): boolean {
  return !(digits.length > 4 && digits[0] === '0') && !/^0+$/.test(digits);
}

function daysInMonth(month: number, year: number | undefined): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Minutes east of UTC, or undefined without a zone; NaN when the zone is out of range. */
function zoneMinutes(tz: string | undefined): number | undefined {
  if (tz === undefined) return undefined;
  if (tz === 'Z') return 0;
  const h = Number(tz.slice(1, 3));
  const m = Number(tz.slice(4, 6));
  if (h > 14 || m > 59 || (h === 14 && m !== 0)) return NaN;
  return (tz[0] === '-' ? -1 : 1) * (h * 60 + m);
}

/** Days from 0001-01-01 in the proleptic Gregorian calendar (XSD 1.0 has no year 0). */
function dayNumber(year: number, month: number, day: number): number {
  const y0 = (year < 0 ? year + 1 : year) - (month <= 2 ? 1 : 0);
  const era = Math.floor(y0 / 400);
  const yoe = y0 - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
}

function fractionKey(digits: string | undefined): string {
  const trimmed = (digits ?? '').replace(/0+$/, '');
  return trimmed ? '.' + trimmed : '';
}

/** Shared check and key for dateTime, date and time; `undefined` when invalid. */
function instantKey(
  year: number | undefined,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  tz: string | undefined,
): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year)) return undefined;
  if (minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || fractionKey(fraction) !== ''))) return undefined;
  const zone = zoneMinutes(tz);
  if (Number.isNaN(zone)) return undefined;
  let seconds = hour * 3600 + minute * 60 + second - (zone ?? 0) * 60;
  if (year !== undefined) seconds += dayNumber(year, month, day) * 86400;
  else seconds = ((seconds % 86400) + 86400) % 86400;
  return `${zone === undefined ? 'local' : 'utc'} ${seconds}${fractionKey(fraction)}`;
}

function signedYear(sign: string, digits: string): number | undefined {
  return validYear(digits) ? (sign ? -1 : 1) * Number(digits) : undefined;
}

function dateTimeKey(s: string): string | undefined {
  const m = DATE_TIME_RE.exec(s);
  if (!m) return undefined;
  const year = signedYear(m[1], m[2]);
  if (year === undefined) return undefined;
  return instantKey(year, +m[3], +m[4], +m[5], +m[6], +m[7], m[8], m[9]);
}

function dateKey(s: string): string | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const year = signedYear(m[1], m[2]);
  if (year === undefined) return undefined;
  return instantKey(year, +m[3], +m[4], 0, 0, 0, undefined, m[5]);
}

function timeKey(s: string): string | undefined {
  const m = TIME_RE.exec(s);
  return m ? instantKey(undefined, 1, 1, +m[1], +m[2], +m[3], m[4], m[5]) : undefined;
}

/** The Gregorian fragments compare by their fields; the zone is kept as written (Z = +00:00). */
function gregorianKey(re: RegExp, check: (m: RegExpExecArray) => boolean): (s: string) => string | undefined {
  return (s) => {
    const m = re.exec(s);
    if (!m || !check(m)) return undefined;
    const tz = m[m.length - 1];
    if (Number.isNaN(zoneMinutes(tz))) return undefined;
    return tz === '+00:00' || tz === '-00:00' ? s.slice(0, -6) + 'Z' : s;
  };
}

const gYearMonthKey = gregorianKey(G_YEAR_MONTH_RE, (m) => validYear(m[2]) && +m[3] >= 1 && +m[3] <= 12);
const gYearKey = gregorianKey(G_YEAR_RE, (m) => validYear(m[2]));
const gMonthDayKey = gregorianKey(G_MONTH_DAY_RE, (m) => +m[1] >= 1 && +m[1] <= 12 && +m[2] >= 1 && +m[2] <= daysInMonth(+m[1], undefined));
const gDayKey = gregorianKey(G_DAY_RE, (m) => +m[1] >= 1 && +m[1] <= 31);
const gMonthKey = gregorianKey(G_MONTH_RE, (m) => +m[1] >= 1 && +m[1] <= 12);

/** Durations are equal when their months and their seconds are equal (P1D = PT24H). */
function durationKey(s: string): string | undefined {
  const m = DURATION_RE.exec(s);
  if (!m || s.endsWith('T')) return undefined;
  if (m[2] === undefined && m[3] === undefined && m[4] === undefined && m[5] === undefined && m[6] === undefined && m[7] === undefined) {
    return undefined;
  }
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const months = n(2) * 12 + n(3);
  const seconds = n(4) * 86400 + n(5) * 3600 + n(6) * 60 + n(7);
  if (months === 0 && seconds === 0) return '0';
  return `${m[1]}${months}M${seconds}S`;
}

// ---------------------------------------------------------------------------------------------
// The types

const LENGTH_FACETS = ['length', 'minLength', 'maxLength', 'pattern'];
const ORDER_FACETS = ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'pattern'];
const DECIMAL_FACETS = [...ORDER_FACETS, 'totalDigits', 'fractionDigits'];

/** A string-valued type: its lexical check, how its length counts, and its equality key. */
interface TextType {
  readonly family: 'text';
  readonly ws: WhiteSpace;
  readonly noun: MessageKey;
  readonly lexical?: (s: string) => boolean;
  readonly unit?: 'byte' | 'item';
  readonly length?: (s: string) => number;
  readonly key?: (s: string) => string;
}

type Bound = number | bigint;

interface IntegerType {
  readonly family: 'integer';
  readonly min?: Bound;
  readonly max?: Bound;
}

interface OtherType {
  readonly family: 'decimal' | 'double' | 'float' | 'boolean';
}

/** Dates, times and durations: checked and compared, but no ordering facets (see compile). */
interface TemporalType {
  readonly family: 'temporal';
  readonly noun: MessageKey;
  readonly key: (s: string) => string | undefined;
}

type TypeInfo = TextType | IntegerType | OtherType | TemporalType;

const text = (noun: MessageKey, lexical?: (s: string) => boolean, ws = WhiteSpace.Collapse): TextType => ({
  family: 'text',
  ws,
  noun,
  lexical,
});
const list = (noun: MessageKey, re: Pick<RegExp, 'test'>): TextType => ({
  family: 'text',
  ws: WhiteSpace.Collapse,
  noun,
  lexical: (s) => re.test(s),
  unit: 'item',
  length: countItems,
});
const temporal = (noun: MessageKey, key: (s: string) => string | undefined): TemporalType => ({ family: 'temporal', noun, key });
const integer = (min?: Bound, max?: Bound): IntegerType => ({ family: 'integer', min, max });
const matches = (re: Pick<RegExp, 'test'>) => (s: string) => re.test(s);

const XSD_TYPES: ReadonlyMap<string, TypeInfo> = new Map<string, TypeInfo>([
  ['string', text('schema.type.string', undefined, WhiteSpace.Preserve)],
  ['normalizedString', text('schema.type.normalizedString', undefined, WhiteSpace.Replace)],
  ['token', text('schema.type.token')],
  ['language', text('schema.type.language', matches(LANGUAGE_RE))],
  ['Name', text('schema.type.Name', matches(NAME_RE))],
  ['NCName', text('schema.type.NCName', matches(NCNAME_RE))],
  ['ID', text('schema.type.ID', matches(NCNAME_RE))],
  ['IDREF', text('schema.type.ID', matches(NCNAME_RE))],
  ['ENTITY', text('schema.type.ENTITY', matches(NCNAME_RE))],
  ['IDREFS', list('schema.type.IDREFS', NCNAMES_RE)],
  ['ENTITIES', list('schema.type.ENTITIES', NCNAMES_RE)],
  ['NMTOKEN', text('schema.type.NMTOKEN', matches(NMTOKEN_RE))],
  ['NMTOKENS', list('schema.type.NMTOKENS', NMTOKENS_RE)],
  // Compared as written: the namespace context that would resolve the prefix is not at hand.
  ['QName', text('schema.type.QName', matches(QNAME_RE))],
  ['anyURI', text('schema.type.anyURI', isAnyUri)],
  ['hexBinary', { family: 'text', ws: WhiteSpace.Collapse, noun: 'schema.type.hexBinary', lexical: matches(HEX_BINARY_RE), unit: 'byte', length: (s) => s.length / 2, key: (s) => s.toUpperCase() }],
  ['base64Binary', { family: 'text', ws: WhiteSpace.Collapse, noun: 'schema.type.base64Binary', lexical: (s) => BASE64_RE.test(s.replace(/ /g, '')), unit: 'byte', length: base64Octets, key: (s) => s.replace(/ /g, '') }],
  ['boolean', { family: 'boolean' }],
  ['decimal', { family: 'decimal' }],
  ['float', { family: 'float' }],
  ['double', { family: 'double' }],
  ['integer', integer()],
  ['nonPositiveInteger', integer(undefined, 0)],
  ['negativeInteger', integer(undefined, -1)],
  ['nonNegativeInteger', integer(0)],
  ['positiveInteger', integer(1)],
  ['long', integer(-(2n ** 63n), 2n ** 63n - 1n)],
  ['int', integer(-(2 ** 31), 2 ** 31 - 1)],
  ['short', integer(-32768, 32767)],
  ['byte', integer(-128, 127)],
  ['unsignedLong', integer(0, 2n ** 64n - 1n)],
  ['unsignedInt', integer(0, 2 ** 32 - 1)],
  ['unsignedShort', integer(0, 65535)],
  ['unsignedByte', integer(0, 255)],
  ['dateTime', temporal('schema.type.dateTime', dateTimeKey)],
  ['date', temporal('schema.type.date', dateKey)],
  ['time', temporal('schema.type.time', timeKey)],
  ['duration', temporal('schema.type.duration', durationKey)],
  ['gYearMonth', temporal('schema.type.gYearMonth', gYearMonthKey)],
  ['gYear', temporal('schema.type.gYear', gYearKey)],
  ['gMonthDay', temporal('schema.type.gMonthDay', gMonthDayKey)],
  ['gDay', temporal('schema.type.gDay', gDayKey)],
  ['gMonth', temporal('schema.type.gMonth', gMonthKey)],
]);

function base64Octets(s: string): number {
  const t = s.replace(/ /g, '');
  const pad = t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0;
  return (t.length / 4) * 3 - pad;
}

const BUILTIN_TYPES: ReadonlyMap<string, TextType> = new Map([
  ['string', text('schema.type.string', undefined, WhiteSpace.Preserve)],
  ['token', text('schema.type.token')],
]);

function allowedParams(info: TypeInfo): readonly string[] {
  switch (info.family) {
    case 'text':
      return LENGTH_FACETS;
    case 'integer':
    case 'decimal':
      return DECIMAL_FACETS;
    case 'double':
    case 'float':
    case 'temporal':
      return ORDER_FACETS;
    case 'boolean':
      return ['pattern'];
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** An integer's value: a double while exact, a bigint beyond; undefined if not an integer. */
function parseInteger(s: string): Bound | undefined {
  const n = s.length;
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === 0x2b || first === 0x2d) {
    negative = first === 0x2d;
    i = 1;
  }
  if (i === n) return undefined;
  const digits = i;
  let value = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    value = value * 10 + (c - 0x30);
  }
  if (value <= Number.MAX_SAFE_INTEGER) return negative && value !== 0 ? -value : value;
  const big = BigInt(s.slice(digits));
  return negative ? -big : big;
}

/** A decimal as sign, integer digits without leading zeros and fraction digits without trailing. */
interface Decimal {
  readonly negative: boolean;
  readonly whole: string;
  readonly fraction: string;
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return false;
  return true;
}

/** A scan rather than a RegExp: trimming zeros by backtracking took time quadratic in the length. */
function parseDecimal(s: string): Decimal | undefined {
  const sign = s.charCodeAt(0) === 0x2b || s.charCodeAt(0) === 0x2d ? 1 : 0;
  const dot = s.indexOf('.', sign);
  const wholeEnd = dot < 0 ? s.length : dot;
  const fractionStart = dot < 0 ? s.length : dot + 1;
  if (!allDigits(s, sign, wholeEnd) || !allDigits(s, fractionStart, s.length)) return undefined;
  if (wholeEnd === sign && fractionStart === s.length) return undefined;
  let wholeStart = sign;
  while (wholeStart < wholeEnd && s.charCodeAt(wholeStart) === 0x30) wholeStart++;
  let fractionEnd = s.length;
  while (fractionEnd > fractionStart && s.charCodeAt(fractionEnd - 1) === 0x30) fractionEnd--;
  const whole = s.slice(wholeStart, wholeEnd);
  const fraction = s.slice(fractionStart, fractionEnd);
  return { negative: sign === 1 && s[0] === '-' && (whole !== '' || fraction !== ''), whole, fraction };
}

function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.whole.length !== b.whole.length) return sign * (a.whole.length - b.whole.length);
  if (a.whole !== b.whole) return sign * (a.whole < b.whole ? -1 : 1);
  if (a.fraction !== b.fraction) return sign * (a.fraction < b.fraction ? -1 : 1);
  return 0;
}

function decimalText(d: Decimal): string {
  return `${d.negative ? '-' : ''}${d.whole || '0'}${d.fraction ? '.' + d.fraction : ''}`;
}

function parseDouble(s: string, single: boolean): number | undefined {
  if (!DOUBLE_RE.test(s)) return undefined;
  const value = s === 'INF' ? Infinity : s === '-INF' ? -Infinity : Number(s);
  return single ? Math.fround(value) : value;
}

// ---------------------------------------------------------------------------------------------
// Compiled datatypes


abstract class Datatype implements CompiledDatatype {
  constructor(
    readonly library: string,
    readonly type: string,
    readonly ws: WhiteSpace,
    private readonly patterns: readonly XsdMatcher[],
  ) {}

  allows(value: string): boolean {
    const v = normalizeSpace(value, this.ws);
    if (!this.accepts(v)) return false;
    for (let i = 0; i < this.patterns.length; i++) if (!this.patterns[i].test(v)) return false;
    return true;
  }

  /** The equality key of a value already normalized and allowed. */
  abstract key(normalized: string): string;

  /** Lexical form and facets other than pattern, on the normalized value. */
  protected abstract accepts(normalized: string): boolean;

  /** The type and its facets other than pattern. */
  protected abstract noun(): Words;

  /** Whether the type says nothing beyond "some text", so a known pattern can name it alone. */
  protected plainText(): boolean {
    return false;
  }

  describe(context?: PatternContext): Words {
    const noun = this.noun();
    if (this.patterns.length === 0) return noun;
    const said = this.patterns.map((p) => patternWords(p.source, context));
    // A string restricted by one known pattern is best named by that pattern alone.
    const only = this.patterns.length === 1 ? said[0] : undefined;
    if (only && !only.form && (this.plainText() || only.whole)) return only.words;
    // A pattern no words are known for (a user's schema) is quoted, as code.
    const clauses = this.patterns.map((p, i) => {
      const known = said[i];
      return known ? words('schema.data.writtenAs', { words: known.words }) : words('schema.data.matching', { pattern: p.source });
    });
    return words('schema.data.restricted', { noun, clauses: andList(clauses) });
  }
}

class TextDatatype extends Datatype {
  constructor(
    library: string,
    type: string,
    private readonly info: TextType,
    private readonly minLength: number,
    private readonly maxLength: number,
    patterns: readonly XsdMatcher[],
  ) {
    super(library, type, info.ws, patterns);
  }

  protected accepts(v: string): boolean {
    if (this.info.lexical && !this.info.lexical(v)) return false;
    if (this.minLength === 0 && this.maxLength === Infinity) return true;
    const length = (this.info.length ?? codePointLength)(v);
    return length >= this.minLength && length <= this.maxLength;
  }

  key(v: string): string {
    return this.info.key ? this.info.key(v) : v;
  }

  protected override plainText(): boolean {
    return !this.info.lexical && this.minLength === 0 && this.maxLength === Infinity;
  }

  protected noun(): Words {
    const unit = this.info.unit ?? 'character';
    const count = (n: number) => words(`schema.count.${unit}.${n === 1 ? 'one' : 'other'}`, { n });
    const { minLength: min, maxLength: max } = this;
    const noun = words(this.info.noun);
    if (min === max) return words('schema.length.exactly', { noun, count: count(min) });
    if (min > 0 && max < Infinity) return words('schema.length.between', { noun, min, count: count(max) });
    if (min > 0) return words('schema.length.atLeast', { noun, count: count(min) });
    if (max < Infinity) return words('schema.length.atMost', { noun, count: count(max) });
    return noun;
  }
}

class IntegerDatatype extends Datatype {
  constructor(
    type: string,
    private readonly min: Bound | undefined,
    private readonly max: Bound | undefined,
    private readonly totalDigits: number,
    patterns: readonly XsdMatcher[],
  ) {
    super(XSD_DATATYPE_LIBRARY, type, WhiteSpace.Collapse, patterns);
  }

  protected accepts(v: string): boolean {
    const n = parseInteger(v);
    if (n === undefined) return false;
    if (this.min !== undefined && n < this.min) return false;
    if (this.max !== undefined && n > this.max) return false;
    return this.totalDigits === Infinity || String(n < 0 ? -n : n).length <= this.totalDigits;
  }

  key(v: string): string {
    return String(parseInteger(v));
  }

  protected noun(): Words {
    const digits = this.totalDigits === Infinity ? '' : words('schema.integer.digits', { n: this.totalDigits });
    const { min, max } = this;
    if (min !== undefined && max !== undefined) return words('schema.integer.between', { min: String(min), max: String(max), digits });
    if (min !== undefined) return words('schema.integer.atLeast', { min: String(min), digits });
    if (max !== undefined) return words('schema.integer.atMost', { max: String(max), digits });
    return words('schema.integer', { digits });
  }
}

/** One end of a range on decimal, float or double values. */
interface Limit<T> {
  readonly value: T;
  readonly text: string;
  readonly inclusive: boolean;
}

/** "from 0 to 1", "greater than 0 and at most 1"; undefined without bounds. */
function rangeWords(min: Limit<unknown> | undefined, max: Limit<unknown> | undefined): Words | undefined {
  if (min?.inclusive && max?.inclusive) return words('schema.range.between', { min: min.text, max: max.text });
  const low = min && words(min.inclusive ? 'schema.range.atLeast' : 'schema.range.greaterThan', { n: min.text });
  const high = max && words(max.inclusive ? 'schema.range.atMost' : 'schema.range.lessThan', { n: max.text });
  return low && high ? words('schema.range.both', { low, high }) : (low ?? high);
}

class DecimalDatatype extends Datatype {
  constructor(
    private readonly min: Limit<Decimal> | undefined,
    private readonly max: Limit<Decimal> | undefined,
    private readonly totalDigits: number,
    private readonly fractionDigits: number,
    patterns: readonly XsdMatcher[],
  ) {
    super(XSD_DATATYPE_LIBRARY, 'decimal', WhiteSpace.Collapse, patterns);
  }

  protected accepts(v: string): boolean {
    const d = parseDecimal(v);
    if (!d) return false;
    if (this.min && compareDecimal(d, this.min.value) < (this.min.inclusive ? 0 : 1)) return false;
    if (this.max && compareDecimal(d, this.max.value) > (this.max.inclusive ? 0 : -1)) return false;
    if (d.fraction.length > this.fractionDigits) return false;
    return d.whole.length + d.fraction.length <= this.totalDigits;
  }

  key(v: string): string {
    return decimalText(parseDecimal(v)!);
  }

  protected noun(): Words {
    const range = rangeWords(this.min, this.max);
    const noun = range ? words('schema.decimal.ranged', { range }) : words('schema.decimal');
    const total = this.totalDigits !== Infinity ? words('schema.decimal.digits.total', { n: this.totalDigits }) : undefined;
    const fraction = this.fractionDigits !== Infinity ? words('schema.decimal.digits.fraction', { n: this.fractionDigits }) : undefined;
    const digits = total && fraction ? words('schema.decimal.digits.both', { total, fraction }) : (total ?? fraction);
    return digits ? words('schema.decimal.withDigits', { noun, digits }) : noun;
  }
}

class DoubleDatatype extends Datatype {
  constructor(
    type: 'float' | 'double',
    private readonly min: Limit<number> | undefined,
    private readonly max: Limit<number> | undefined,
    patterns: readonly XsdMatcher[],
  ) {
    super(XSD_DATATYPE_LIBRARY, type, WhiteSpace.Collapse, patterns);
  }

  protected accepts(v: string): boolean {
    const n = parseDouble(v, this.type === 'float');
    if (n === undefined) return false;
    // NaN is unordered, so any bound excludes it (every comparison below is false).
    if (this.min && !(this.min.inclusive ? n >= this.min.value : n > this.min.value)) return false;
    if (this.max && !(this.max.inclusive ? n <= this.max.value : n < this.max.value)) return false;
    return true;
  }

  key(v: string): string {
    return String(parseDouble(v, this.type === 'float'));
  }

  protected noun(): Words {
    const range = rangeWords(this.min, this.max);
    return range ? words('schema.number.ranged', { range }) : words('schema.number');
  }
}

class BooleanDatatype extends Datatype {
  constructor(patterns: readonly XsdMatcher[]) {
    super(XSD_DATATYPE_LIBRARY, 'boolean', WhiteSpace.Collapse, patterns);
  }

  protected accepts(v: string): boolean {
    return v === 'true' || v === 'false' || v === '1' || v === '0';
  }

  key(v: string): string {
    return v === 'true' || v === '1' ? 'true' : 'false';
  }

  protected noun(): Words {
    return words('schema.type.boolean');
  }
}

class TemporalDatatype extends Datatype {
  constructor(
    type: string,
    private readonly info: TemporalType,
    patterns: readonly XsdMatcher[],
  ) {
    super(XSD_DATATYPE_LIBRARY, type, WhiteSpace.Collapse, patterns);
  }

  protected accepts(v: string): boolean {
    return this.info.key(v) !== undefined;
  }

  key(v: string): string {
    return this.info.key(v)!;
  }

  protected noun(): Words {
    return words(this.info.noun);
  }
}

// ---------------------------------------------------------------------------------------------
// Compilation

class CompileError extends Error {}

function nonNegative(param: DatatypeParam, positive = false): number {
  const n = parseInteger(param.value.trim());
  if (typeof n !== 'number' || n < (positive ? 1 : 0)) {
    throw new CompileError(`param ${param.name} must be a ${positive ? 'positive' : 'non-negative'} integer, not "${param.value}"`);
  }
  return n;
}

/** A facet value, read with the type itself: "minInclusive 1.5" is wrong for an int. */
function bound<T>(type: string, param: DatatypeParam, parse: (s: string) => T | undefined, check?: Datatype): T {
  const text = normalizeSpace(param.value, WhiteSpace.Collapse);
  const value = parse(text);
  if (value === undefined || (check && !check.allows(text))) {
    throw new CompileError(`param ${param.name} "${param.value}" is not a valid ${type}`);
  }
  return value;
}

/** The stricter of two lower (sign 1) or upper (sign -1) integer bounds. */
function tighter(a: Bound | undefined, b: Bound, sign: 1 | -1): Bound {
  if (a === undefined) return b;
  return sign === 1 ? (a > b ? a : b) : a < b ? a : b;
}

function adjust(n: Bound, delta: 1 | -1): Bound {
  if (typeof n === 'bigint') return n + BigInt(delta);
  const m = n + delta;
  return Number.isSafeInteger(m) ? m : BigInt(n) + BigInt(delta);
}

function compile(library: string, type: string, info: TypeInfo, params: readonly DatatypeParam[]): Datatype {
  const allowed = allowedParams(info);
  const single = new Map<string, DatatypeParam>();
  const patterns: XsdMatcher[] = [];
  for (const param of params) {
    if (!allowed.includes(param.name)) {
      const what = allowed.length ? `allowed: ${allowed.join(', ')}` : 'it takes no params';
      throw new CompileError(`param "${param.name}" does not apply to datatype ${type} (${what})`);
    }
    if (param.name === 'pattern') {
      const matcher = compileXsdRegex(param.value);
      if (!(matcher instanceof XsdMatcher)) throw new CompileError(matcher.error);
      patterns.push(matcher);
    } else if (single.has(param.name)) {
      throw new CompileError(`param "${param.name}" is given twice`);
    } else {
      single.set(param.name, param);
    }
  }
  const get = (name: string) => single.get(name);
  if (get('minInclusive') && get('minExclusive')) throw new CompileError('minInclusive and minExclusive cannot both be given');
  if (get('maxInclusive') && get('maxExclusive')) throw new CompileError('maxInclusive and maxExclusive cannot both be given');

  switch (info.family) {
    case 'text': {
      const length = get('length');
      const minParam = get('minLength');
      const maxParam = get('maxLength');
      if (length && (minParam || maxParam)) throw new CompileError('length cannot be combined with minLength or maxLength');
      const min = length ? nonNegative(length) : minParam ? nonNegative(minParam) : 0;
      const max = length ? min : maxParam ? nonNegative(maxParam) : Infinity;
      if (min > max) throw new CompileError(`minLength ${min} is greater than maxLength ${max}`);
      return new TextDatatype(library, type, info, min, max, patterns);
    }
    case 'integer': {
      const base = new IntegerDatatype(type, info.min, info.max, Infinity, []);
      const read = (name: string) => {
        const p = get(name);
        return p && bound(type, p, parseInteger, base);
      };
      let min = info.min;
      let max = info.max;
      const minInclusive = read('minInclusive');
      const minExclusive = read('minExclusive');
      const maxInclusive = read('maxInclusive');
      const maxExclusive = read('maxExclusive');
      if (minInclusive !== undefined) min = tighter(min, minInclusive, 1);
      if (minExclusive !== undefined) min = tighter(min, adjust(minExclusive, 1), 1);
      if (maxInclusive !== undefined) max = tighter(max, maxInclusive, -1);
      if (maxExclusive !== undefined) max = tighter(max, adjust(maxExclusive, -1), -1);
      if (min !== undefined && max !== undefined && min > max) throw new CompileError(`no ${type} lies between the given minimum and maximum`);
      const total = get('totalDigits');
      const fraction = get('fractionDigits');
      if (fraction) nonNegative(fraction);
      return new IntegerDatatype(type, min, max, total ? nonNegative(total, true) : Infinity, patterns);
    }
    case 'decimal': {
      const limit = (name: string, inclusive: boolean): Limit<Decimal> | undefined => {
        const p = get(name);
        return p && { value: bound(type, p, parseDecimal), text: normalizeSpace(p.value, WhiteSpace.Collapse), inclusive };
      };
      const min = limit('minInclusive', true) ?? limit('minExclusive', false);
      const max = limit('maxInclusive', true) ?? limit('maxExclusive', false);
      if (min && max && compareDecimal(min.value, max.value) > 0) throw new CompileError('the minimum is greater than the maximum');
      const total = get('totalDigits');
      const fraction = get('fractionDigits');
      return new DecimalDatatype(min, max, total ? nonNegative(total, true) : Infinity, fraction ? nonNegative(fraction) : Infinity, patterns);
    }
    case 'double':
    case 'float': {
      const single = info.family === 'float';
      const limit = (name: string, inclusive: boolean): Limit<number> | undefined => {
        const p = get(name);
        return p && { value: bound(type, p, (s) => parseDouble(s, single)), text: normalizeSpace(p.value, WhiteSpace.Collapse), inclusive };
      };
      const min = limit('minInclusive', true) ?? limit('minExclusive', false);
      const max = limit('maxInclusive', true) ?? limit('maxExclusive', false);
      return new DoubleDatatype(info.family, min, max, patterns);
    }
    case 'boolean':
      return new BooleanDatatype(patterns);
    case 'temporal':
      // Dates order only partially across time zones; no schema we read bounds them.
      if (single.size) throw new CompileError(`params ${[...single.keys()].join(', ')} on ${type} are not supported (only pattern is)`);
      return new TemporalDatatype(type, info, patterns);
  }
}

function lookup(library: string, type: string): TypeInfo | DatatypeError {
  if (library === XSD_DATATYPE_LIBRARY) {
    return XSD_TYPES.get(type) ?? { error: `unknown XML Schema datatype "${type}"` };
  }
  if (library === BUILTIN_DATATYPE_LIBRARY) {
    return BUILTIN_TYPES.get(type) ?? { error: `unknown datatype "${type}": RELAX NG's built-in library has only string and token` };
  }
  return { error: `unknown datatype library "${library}"` };
}

function compileChecked(library: string, type: string, params: readonly DatatypeParam[]): Datatype | DatatypeError {
  const info = lookup(library, type);
  if ('error' in info) return info;
  if (library === BUILTIN_DATATYPE_LIBRARY && params.length) return { error: `datatype ${type} of the built-in library takes no params` };
  try {
    return compile(library, type, info, params);
  } catch (e) {
    if (e instanceof CompileError) return { error: `${type}: ${e.message}` };
    throw e;
  }
}

/** A `<data type="...">` with its `<param>`s, or why the schema is wrong. */
export function compileDatatype(library: string, type: string, params: readonly DatatypeParam[]): CompiledDatatype | DatatypeError {
  return compileChecked(library, type, params);
}

/** A `<value type="...">`; an error when the type is unknown or the value is not one of its values. */
export function compileValue(library: string, type: string, value: string): CompiledValue | DatatypeError {
  const datatype = compileChecked(library, type, []);
  if ('error' in datatype) return datatype;
  if (!datatype.allows(value)) return { error: `value "${value}" is not a valid ${type}` };
  const normalized = normalizeSpace(value, datatype.ws);
  const key = datatype.key(normalized);
  return {
    library,
    type,
    value: normalized,
    matches(candidate: string): boolean {
      const v = normalizeSpace(candidate, datatype.ws);
      return v === normalized || (datatype.allows(v) && datatype.key(v) === key);
    },
  };
}
