/**
 * Folding, tag names and selection ranges (issue 10: folding ≤ 10 ms at 1 MB, highlight ≤ 5 ms at
 * 1 MB), on generated domain documents of 5 KB, 100 KB and 1 MB, each beside a full parse of the
 * same text in the same run:
 *
 * - foldingRanges alone (every fold), and what the server answers: at most 5000 folds (VS Code's
 *   limit), turned into lines, those on one line dropped;
 * - at 1 MB: document highlight and linked editing on the middle `<disk>` name and on `</devices>`
 *   (its element holds thousands of children), and the selection ranges in the middle disk's path;
 * - over stdio at 1 MB: foldingRange and documentHighlight beside a hover on plain text (it
 *   answers null: what the protocol costs by itself).
 * The machine is shared: compare ratios, not absolute times. Medians.
 */
import { Analysis } from '../../server/src/features/analysis';
import { foldingRanges } from '../../server/src/features/folding';
import { selectionRangesAt } from '../../server/src/features/selectionRanges';
import { linkedTagNamesAt, tagNamesAt } from '../../server/src/features/tagPairs';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { LspClient } from '../lsp/lspClient';
import { generateDomain } from './generateDomain';
import { fmt, median, timeMs, timed } from './measure';

const SIZES: [string, number][] = [
  ['5 KB', 5 * 1024],
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
];
const CONTEXT = { schema: undefined, host: undefined, limits: { maxProblems: Infinity, maxFileSizeMB: Infinity } };
const SERVER_LIMIT = 5000;

function medianOf(runs: number, run: () => void): number {
  for (let i = 0; i < 3; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(timeMs(run));
  return median(samples);
}

/** As server.ts answers textDocument/foldingRange. */
function foldingAnswer(document: ParsedDocument): { startLine: number; endLine: number }[] {
  const ranges: { startLine: number; endLine: number }[] = [];
  for (const fold of foldingRanges(new Analysis(document, CONTEXT), SERVER_LIMIT)) {
    const startLine = document.positionAt(fold.start).line;
    const endLine = document.positionAt(fold.end).line;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  return ranges;
}

function middleOf(text: string, needle: string): number {
  const found = text.indexOf(needle, text.length >> 1);
  if (found < 0) throw new Error(`${needle} not in the second half of the generated document`);
  return found;
}

async function overStdio(text: string): Promise<{ foldingMs: number; highlightMs: number; floorMs: number }> {
  const client = await LspClient.start();
  try {
    const uri = 'file:///bench-structure.xml';
    await client.open(uri, text, 1);
    const document = ParsedDocument.parse(text);
    const textDocument = { uri };
    const onDisk = document.positionAt(middleOf(text, '<disk') + 2);
    const onText = document.positionAt(text.indexOf('bench01') + 2);
    const folding: number[] = [];
    const highlight: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 33; i++) {
      // Interleaved so all three see the same machine load.
      const [foldingMs, ranges] = await timedAsync(() => client.request<unknown[]>('textDocument/foldingRange', { textDocument }));
      const [highlightMs, highlights] = await timedAsync(() => client.request<unknown[] | null>('textDocument/documentHighlight', { textDocument, position: onDisk }));
      const [floorMs] = await timedAsync(() => client.hover(uri, onText));
      if (ranges.length !== SERVER_LIMIT || highlights?.length !== 2) throw new Error('unexpected answers over stdio');
      if (i >= 3) {
        folding.push(foldingMs);
        highlight.push(highlightMs);
        floor.push(floorMs);
      }
    }
    return { foldingMs: median(folding), highlightMs: median(highlight), floorMs: median(floor) };
  } finally {
    await client.stop();
  }
}

async function timedAsync<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await run();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

async function main(): Promise<void> {
  console.log('Folding, tag names and selection ranges (medians; targets: folding ≤ 10 ms, highlight ≤ 5 ms at 1 MB)\n');
  console.log(`| size | full parse ms | folds | foldingRanges ms | ÷ parse | server's answer (≤ ${SERVER_LIMIT} folds, in lines) ms | ÷ parse | target |`);
  console.log('|---|---|---|---|---|---|---|---|');
  let largest = '';
  for (const [label, bytes] of SIZES) {
    const text = generateDomain(bytes);
    largest = text;
    const runs = bytes <= 10 * 1024 ? 200 : 30;
    const document = ParsedDocument.parse(text);
    const folds = foldingRanges(new Analysis(document, CONTEXT)).length;
    // Folding first: the garbage of 30 full parses would otherwise be collected during it.
    const foldMs = medianOf(runs, () => foldingRanges(new Analysis(document, CONTEXT)));
    const answerMs = medianOf(runs, () => foldingAnswer(document));
    const parseMs = medianOf(runs, () => ParsedDocument.parse(text).tree);
    const target = bytes === 1024 * 1024 ? '≤ 10' : '–';
    console.log(`| ${label} | ${fmt(parseMs)} | ${folds} | ${fmt(foldMs)} | ${fmt(foldMs / parseMs, 4)} | ${fmt(answerMs)} | ${fmt(answerMs / parseMs, 4)} | ${target} |`);
  }

  const document = ParsedDocument.parse(largest);
  const analysis = new Analysis(document, CONTEXT);
  const parseMs = medianOf(30, () => ParsedDocument.parse(largest).tree);
  const onDisk = middleOf(largest, '<disk') + 2;
  const onDevices = largest.lastIndexOf('</devices') + 4;
  const inPath = middleOf(largest, '.qcow2') - 2;
  const rows: [string, () => unknown][] = [
    ['highlight on the middle <disk> name', () => tagNamesAt(analysis, onDisk)],
    ['highlight on </devices> (thousands of children)', () => tagNamesAt(analysis, onDevices)],
    ['linked editing on the middle <disk> name', () => linkedTagNamesAt(analysis, onDisk)],
    ["selection ranges in the middle disk's path", () => selectionRangesAt(analysis, [inPath])],
  ];
  console.log(`\nAt 1 MB, beside a full parse of the same text (${fmt(parseMs)} ms)\n`);
  console.log('| request | ms | ÷ parse | target |');
  console.log('|---|---|---|---|');
  for (const [label, run] of rows) {
    const [, result] = timed(run);
    if (!result) throw new Error(`${label}: no answer`);
    const ms = medianOf(200, run);
    console.log(`| ${label} | ${fmt(ms, 4)} | ${fmt(ms / parseMs, 5)} | ${label.startsWith('highlight') ? '≤ 5' : '–'} |`);
  }

  const stdio = await overStdio(largest);
  console.log('\nOver stdio at 1 MB, beside a hover on text (answers null: the protocol floor)\n');
  console.log('| request | ms | hover on text ms (floor) | − floor ms |');
  console.log('|---|---|---|---|');
  console.log(`| foldingRange | ${fmt(stdio.foldingMs)} | ${fmt(stdio.floorMs)} | ${fmt(stdio.foldingMs - stdio.floorMs)} |`);
  console.log(`| documentHighlight | ${fmt(stdio.highlightMs)} | ${fmt(stdio.floorMs)} | ${fmt(stdio.highlightMs - stdio.floorMs)} |`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
