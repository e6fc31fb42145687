/**
 * Formatting (issue 10: ≤ 150 ms at 1 MB), on generated domain documents of 5 KB, 100 KB and 1 MB,
 * each beside a full parse of the same text in the same run:
 *
 * - Format Document on the document as generated, already in libvirt's layout (no edit: the
 *   usual format-on-save), and on the same document re-indented and re-quoted at random (an edit
 *   for most gaps and quotes), with the well-formedness memo filled as the server's diagnostics
 *   leave it;
 * - a parse and Format Document on it, which also gathers well-formedness from nothing;
 * - Format Selection of ten lines in the middle.
 * The machine is shared: compare ratios, not absolute times. Medians.
 */
import { Analysis } from '../../server/src/features/analysis';
import { FormatOptions, formatDocument, formatRange } from '../../server/src/features/formatting';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { messUp, seededRandom } from '../unit/helpers/formatting';
import { generateDomain } from './generateDomain';
import { fmt, median, timed } from './measure';

const SIZES: [string, number][] = [
  ['5 KB', 5 * 1024],
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
];
const OPTIONS: FormatOptions = { tabSize: 2, insertSpaces: true, quotes: 'single' };
const LIMITS = { schema: undefined, host: undefined, limits: { maxProblems: Infinity, maxFileSizeMB: Infinity } };

/** Medians of each run's time, the runs taken in turn so that all see the same load on the machine. */
function interleavedMedians(rounds: number, runs: (() => unknown)[]): number[] {
  const samples: number[][] = runs.map(() => []);
  for (let round = 0; round < rounds + 2; round++) {
    runs.forEach((run, k) => {
      const [ms] = timed(run);
      if (round >= 2) samples[k].push(ms);
    });
  }
  return samples.map(median);
}

function measure(label: string, text: string, rounds: number): string {
  const document = ParsedDocument.parse(text);
  const edits = formatDocument(new Analysis(document, LIMITS), OPTIONS).edits.length;
  const middle = text.indexOf('\n', text.length >> 1) + 1;
  let tenLinesEnd = middle;
  for (let k = 0; k < 10; k++) tenLinesEnd = text.indexOf('\n', tenLinesEnd) + 1;
  const [parseMs, formatMs, freshMs, rangeMs] = interleavedMedians(rounds, [
    () => ParsedDocument.parse(text),
    // As the server does: one analysis per version, the well-formedness memo filled by diagnostics.
    () => formatDocument(new Analysis(document, LIMITS), OPTIONS),
    () => formatDocument(Analysis.ofText(text, LIMITS), OPTIONS),
    () => formatRange(new Analysis(document, LIMITS), middle, tenLinesEnd, OPTIONS),
  ]);
  return `| ${label} | ${edits} | ${fmt(formatMs)} | ${fmt(freshMs)} | ${fmt(rangeMs)} | ${fmt(parseMs)} | ${fmt(formatMs / parseMs, 2)} |`;
}

function main(): void {
  console.log('Formatting (medians; target ≤ 150 ms at 1 MB)\n');
  console.log('| size | document | edits | formatDocument ms | parse + formatDocument, nothing remembered ms | formatRange, 10 lines ms | full parse ms (baseline) | formatDocument / parse |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [label, bytes] of SIZES) {
    const text = generateDomain(bytes);
    const runs = bytes <= 100 * 1024 ? 40 : 10;
    console.log(measure(`${label} | in libvirt's layout`, text, runs));
    console.log(measure(`${label} | re-indented and re-quoted`, messUp(text, seededRandom(bytes)), runs));
  }
}

main();
