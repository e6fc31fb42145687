/**
 * XSD pattern matching (issue 11, item 4): the bundled schema's patterns on typical values, V8's
 * backtracking RegExp (the old matcher) against the automaton (xsdMatcher.ts), and on values
 * built to make a backtracking matcher work hard. The RegExp gets the adversarial values at a
 * tenth of the length only: at 100k characters its quadratic patterns take seconds each.
 * The machine is shared: compare ratios, not absolute times. Medians of runs.
 */
import { XsdMatcher, compileXsdRegex } from '../../server/src/schema/xsdMatcher';
import { translateXsdRegex } from '../../server/src/schema/xsdRegex';
import { seededRandom } from '../unit/helpers/formatting';
import { adversarialValues, bundledPatterns, generateMatch, mutate } from '../unit/helpers/xsdPatterns';
import { fmt, median, timeMs } from './measure';

const VALUES_PER_PATTERN = 50;
const RUNS = 7;

interface Matchers {
  pattern: string;
  regex: RegExp;
  automaton: XsdMatcher;
}

const matchers: Matchers[] = bundledPatterns().map((pattern) => ({
  pattern,
  regex: new RegExp(translateXsdRegex(pattern), 'u'),
  automaton: compileXsdRegex(pattern) as XsdMatcher,
}));

// Typical values: half match (as most in a real document do), half are a few edits away.
const random = seededRandom(2026);
const typical = matchers.map((m) =>
  Array.from({ length: VALUES_PER_PATTERN }, (_, i) => {
    const match = generateMatch(m.pattern, random);
    return i % 2 ? mutate(match, m.pattern, random) : match;
  }),
);
const count = typical.reduce((n, values) => n + values.length, 0);

function typicalNs(test: (m: Matchers, value: string) => boolean): number {
  const ms = median(
    Array.from({ length: RUNS }, () =>
      timeMs(() => {
        matchers.forEach((m, i) => typical[i].forEach((v) => test(m, v)));
      }),
    ),
  );
  return (ms * 1e6) / count;
}

console.log(`## XSD patterns: ${matchers.length} bundled patterns`);
console.log('| case | RegExp (old) | automaton (new) |');
console.log('| --- | --- | --- |');
const regexNs = typicalNs((m, v) => m.regex.test(v));
const automatonNs = typicalNs((m, v) => m.automaton.test(v));
console.log(`| typical values (${count}), per value | ${fmt(regexNs, 0)} ns | ${fmt(automatonNs, 0)} ns |`);

/** The slowest adversarial value of each matcher's kind: [ms, pattern, value name], and the total. */
function adversarial(length: number, test: (m: Matchers, value: string) => boolean): { worst: [number, string, string]; total: number; values: number } {
  let worst: [number, string, string] = [0, '', ''];
  let total = 0;
  let values = 0;
  for (const m of matchers) {
    for (const { name, value } of adversarialValues(m.pattern, length)) {
      const ms = timeMs(() => test(m, value));
      total += ms;
      values++;
      if (ms > worst[0]) worst = [ms, m.pattern, name];
    }
  }
  return { worst, total, values };
}

for (const [label, length, test] of [
  ['RegExp (old)', 10_000, (m: Matchers, v: string) => m.regex.test(v)],
  ['automaton (new)', 10_000, (m: Matchers, v: string) => m.automaton.test(v)],
  ['automaton (new)', 100_000, (m: Matchers, v: string) => m.automaton.test(v)],
] as const) {
  const { worst, total, values } = adversarial(length, test);
  console.log(`| ${label}: ${values} adversarial values of ${length} characters | total ${fmt(total, 1)} ms | slowest ${fmt(worst[0], 2)} ms: ${worst[1].slice(0, 40)} on ${worst[2]} |`);
}
