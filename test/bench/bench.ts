/**
 * `npm run bench`: parser and server figures beside baselines measured in the same run.
 *
 * - full parse vs a bare charCodeAt loop over the same string (the floor for anything that
 *   reads every character), as a ratio, from 1 KB to 10 MB, with the tree's memory per character
 *   and the bench's peak resident memory;
 * - re-parse after a one-character edit in the middle (inside an attribute value), alone and
 *   with the text update (string splice + line index) the server also does;
 * - didChange -> publishDiagnostics through the real server over stdio, beside the same
 *   round trip on the smallest generated document (mostly the protocol's own cost);
 * - the server's resident memory with the 10 MB document open;
 * - loading the bundled schema at start, beside a bare JSON.parse of the same file, and the
 *   first check of a document after it (the engine derives lazily, so the first one pays).
 * The machine is shared: compare ratios, not absolute times. Medians of repeated runs.
 */
import { applyEdit } from '../../server/src/parser/incremental';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { parseDocument } from '../../server/src/parser/parse';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentFindings } from '../../server/src/features/diagnostics';
import { Schema, loadModelFile } from '../../server/src/schema/schema';
import { LspClient } from '../lsp/lspClient';
import { generateDomain } from './generateDomain';
import { runRules } from '../../server/src/rules';
import { Domain } from '../../server/src/rules/domain';
import { fmt, median, timeMs } from './measure';
import { Analysis } from '../../server/src/features/analysis';

const SIZES: [string, number][] = [
  ['5 KB', 5 * 1024],
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
  ['10 MB', 10 * 1024 * 1024],
];

/** The parse's target holds at every size up to 10 MB (the smallest domain generated is 1.4 KB). */
const PARSE_SIZES: [string, number][] = [['1 KB', 1024], SIZES[0], ['10 KB', 10 * 1024], ...SIZES.slice(1)];

let sink = 0;
function characterLoop(text: string): void {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  sink ^= sum;
}

function repetitions(bytes: number): number {
  return bytes <= 10 * 1024 ? 200 : bytes <= 200 * 1024 ? 40 : bytes <= 2 * 1024 * 1024 ? 10 : 5;
}

/** An offset inside the disk path nearest the middle (or the title, when there is no disk). */
function middleEditOffset(text: string): number {
  const path = text.indexOf("file='", text.length >> 1);
  return path >= 0 ? path + 8 : text.indexOf('<title>') + 9;
}

interface Row {
  size: string;
  loopMs: number;
  parseMs: number;
  /** The fastest parse ÷ the fastest loop: the two with the least interference from the machine. */
  minRatio: number;
  mbPerSecond: number;
  editMs: number;
  editWithTextMs: number;
}

function measureParser(label: string, bytes: number): Row {
  const text = generateDomain(bytes);
  const runs = repetitions(bytes);
  // Small texts are timed in batches of about 64 KB, so a sample is not the timer's own cost.
  const batch = Math.max(1, Math.round((64 * 1024) / text.length));
  const loop: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    // Interleaved so both see the same machine load.
    const l = timeMs(() => {
      for (let k = 0; k < batch; k++) characterLoop(text);
    }) / batch;
    const p = timeMs(() => {
      for (let k = 0; k < batch; k++) parseDocument(text);
    }) / batch;
    if (i >= 2) {
      loop.push(l);
      parse.push(p);
    }
  }
  globalThis.gc?.();
  // One-character edit: insert 'x' then delete it, alternately, at the same place.
  const at = middleEditOffset(text);
  const withX = text.slice(0, at) + 'x' + text.slice(at);
  withX.charCodeAt(0); // flatten before timing: this figure is the parser's alone
  let tree = parseDocument(text);
  const edits: number[] = [];
  for (let i = 0; i < 40; i++) {
    edits.push(timeMs(() => (tree = applyEdit(tree, withX, { start: at, end: at, insertedLength: 1 }))));
    edits.push(timeMs(() => (tree = applyEdit(tree, text, { start: at, end: at + 1, insertedLength: 0 }))));
  }
  const document = ParsedDocument.parse(text);
  const withText: number[] = [];
  for (let i = 0; i < 40; i++) {
    withText.push(timeMs(() => document.replace(at, at, 'x')));
    withText.push(timeMs(() => document.replace(at, at + 1, '')));
  }
  const parseMs = median(parse);
  return {
    size: label,
    loopMs: median(loop),
    parseMs,
    minRatio: Math.min(...parse) / Math.min(...loop),
    mbPerSecond: text.length / 1048576 / (parseMs / 1000),
    editMs: median(edits),
    editWithTextMs: median(withText),
  };
}

/** Heap the tree of a generated document holds, per character of it. */
function treeBytesPerCharacter(bytes: number): number {
  const text = generateDomain(bytes);
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const tree = parseDocument(text);
  globalThis.gc?.();
  const held = process.memoryUsage().heapUsed - before;
  return tree.length > 0 ? held / text.length : NaN;
}

interface ServerRow {
  size: string;
  keystrokeMs: number;
  /** didChange → diagnostics when an element of <domain> (its `<title>`) is removed and put back, alternately. */
  elementMs: number;
  rssMB?: number;
}

/** `oneLine`: the document minified onto a single line (16 MB on one line is the hard case for positions). */
async function measureServer(client: LspClient, label: string, bytes: number, uri: string, oneLine = false): Promise<ServerRow> {
  const text = oneLine ? generateDomain(bytes).replace(/\n\s*/g, '') : generateDomain(bytes);
  await client.open(uri, text, 1);
  let version = 1;
  /** Medians of 30 edits at `at` (the first 4 left out): `written` replaced by `other`, then put back, alternately. */
  const timeEdits = async (at: number, written: string, other: string): Promise<number> => {
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    const character = at - (before.lastIndexOf('\n') + 1);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const [from, to] = i % 2 === 0 ? [written, other] : [other, written];
      const start = process.hrtime.bigint();
      await client.change(uri, ++version, [{ range: { start: { line, character }, end: { line, character: character + from.length } }, text: to }]);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(samples.slice(4));
  };
  const title = text.indexOf('<title>');
  const row: ServerRow = {
    size: label,
    // A character typed in a disk's path and taken out again.
    keystrokeMs: await timeEdits(middleEditOffset(text), '', 'x'),
    elementMs: await timeEdits(title, text.slice(title, text.indexOf('</title>', title) + '</title>'.length), ''),
  };
  if (bytes >= 10 * 1024 * 1024) {
    // The server collects garbage once edits pause for a second; measure after that.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    row.rssMB = client.memoryMB('current');
  }
  await client.close(uri);
  return row;
}

const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schemas', 'libvirt-domain.json');

function measureSchemaLoad(): void {
  const bytes = fs.statSync(SCHEMA_FILE).size;
  const parseMs: number[] = [];
  const loadMs: number[] = [];
  const firstCheckMs: number[] = [];
  const document = ParsedDocument.parse(generateDomain(5 * 1024));
  for (let i = 0; i < 7; i++) {
    parseMs.push(timeMs(() => JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'))));
    let schema: Schema | undefined;
    loadMs.push(timeMs(() => (schema = Schema.fromModel(loadModelFile(SCHEMA_FILE), 'bundled'))));
    firstCheckMs.push(timeMs(() => documentFindings(new Analysis(ParsedDocument.parse(document.text), { limits: { maxProblems: 1000, maxFileSizeMB: 16 }, schema: schema, host: undefined }))));
  }
  console.log(`\nBundled schema: ${fmt(bytes / 1024, 0)} KB; load ${fmt(median(loadMs), 1)} ms (target ≤ 50) beside a bare read + JSON.parse of it ${fmt(median(parseMs), 1)} ms (${fmt(median(loadMs) / median(parseMs), 1)}×); first check of a 5 KB document after loading ${fmt(median(firstCheckMs), 1)} ms`);
}

async function main(): Promise<void> {
  measureSchemaLoad();
  // The parser's code warm, as in a server that has parsed anything: the first parse of all is cold.
  const warmUp = generateDomain(100 * 1024);
  for (let i = 0; i < 20; i++) parseDocument(warmUp);
  console.log('\nParser (medians, after 20 parses of 100 KB; loop = bare charCodeAt over the same string; ratio: of the medians, and of the fastest of each)\n');
  console.log('| size | loop ms | parse ms | parse MB/s | parse ÷ loop (target ≤ 5) | fastest ÷ fastest | 1-char edit re-parse ms (target ≤ 1 at 10 MB) | edit + text update ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [label, bytes] of PARSE_SIZES) {
    const row = measureParser(label, bytes);
    const size = bytes < 100 * 1024 ? `${label} (${fmt(generateDomain(bytes).length / 1024, 1)} KB)` : row.size;
    console.log(
      `| ${size} | ${fmt(row.loopMs, 4)} | ${fmt(row.parseMs, 4)} | ${fmt(row.mbPerSecond, 1)} | ${fmt(row.parseMs / row.loopMs, 2)} | ${fmt(row.minRatio, 2)} | ${fmt(row.editMs, 4)} | ${fmt(row.editWithTextMs, 4)} |`,
    );
    globalThis.gc?.();
  }
  console.log(`\nThe tree of the 10 MB document: ${fmt(treeBytesPerCharacter(10 * 1024 * 1024), 2)} bytes of heap per character; the bench's peak resident memory so far ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB`);

  console.log("\nlibvirt's rules alone (every rule over one version of the document, in process; medians), beside a full parse of the same text\n");
  console.log('| size | rules ms | parse ms | rules ÷ parse |');
  console.log('|---|---|---|---|');
  for (const [label, bytes] of SIZES) {
    const text = generateDomain(bytes);
    const parseMs: number[] = [];
    const rulesMs: number[] = [];
    for (let i = 0; i < (bytes >= 10 * 1024 * 1024 ? 3 : 9); i++) {
      let tree = parseDocument(text);
      parseMs.push(timeMs(() => (tree = parseDocument(text))));
      rulesMs.push(timeMs(() => runRules(Domain.of(text, tree)!)));
    }
    console.log(`| ${label} | ${fmt(median(rulesMs))} | ${fmt(median(parseMs))} | ${fmt(median(rulesMs) / median(parseMs), 2)} |`);
    globalThis.gc?.();
  }

  const client = await LspClient.start();
  try {
    // Twice: the first run also warms up the server and the connection.
    await measureServer(client, 'smallest', 0, 'file:///bench-warm-up.xml');
    const floor = await measureServer(client, 'smallest', 0, 'file:///bench-floor.xml');
    console.log("\nServer over stdio: didChange -> publishDiagnostics (well-formedness, schema, set values and libvirt's rules; over 64 KB the rules' last findings, moved, the rules running again after a 150 ms pause), no debounce (medians of 26): a character typed in a disk's path and taken out again; the domain's `<title>` element taken out and put back\n");
    console.log(`| size | keystroke -> diagnostics ms | target | beside the same on a ${(generateDomain(0).length / 1024).toFixed(1)} KB document (${fmt(floor.keystrokeMs)} ms) | <title> out and in ms |`);
    console.log('|---|---|---|---|---|');
    const targets: Record<string, string> = { '5 KB': '≤ 2', '1 MB': '≤ 30', '10 MB': '≤ 15' };
    let rss: number | undefined;
    for (const [label, bytes] of SIZES) {
      const row = await measureServer(client, label, bytes, `file:///bench-${bytes}.xml`);
      rss = row.rssMB ?? rss;
      console.log(`| ${row.size} | ${fmt(row.keystrokeMs)} | ${targets[label] ?? '-'} | ${fmt(row.keystrokeMs / floor.keystrokeMs, 1)}× | ${fmt(row.elementMs)} |`);
    }
    console.log(`\nServer resident memory with the 10 MB document open, after 30 edits and a 2 s pause: ${fmt(rss ?? NaN, 0)} MB (target ≤ 300 MB); peak during the run ${fmt(client.memoryMB('peak'), 0)} MB`);
    // Just under the default 16 MB analysis limit once minified; after the memory figures, which are the 10 MB document's.
    const oneLine = await measureServer(client, '15 MB on one line', 17.5 * 1024 * 1024, 'file:///bench-one-line.xml', true);
    console.log(`\nThe same edits in a domain minified onto one line, 15 MB: keystroke -> diagnostics ${fmt(oneLine.keystrokeMs)} ms (target ≤ 100), ${fmt(oneLine.keystrokeMs / floor.keystrokeMs, 1)}× the 1.1 KB document's`);
  } finally {
    await client.stop();
  }
  if (sink === 42) console.log('');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
