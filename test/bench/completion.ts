/**
 * Completion latency (issue 3, 8c: targets ≤ 1 ms at 5 KB, ≤ 5 ms at 1 MB), on generated domain
 * documents with a bare `<` typed in the middle of `<devices>`:
 *
 * - completeAt alone, as the server calls it: on the parsed document with validation's memo
 *   filled (validation runs after every change), at four points: the elements after that `<`
 *   (thousands of siblings before and after it), the attributes of a `<source>` start tag, the
 *   values of a disk's type (both in the middle), and `<on_poweroff>`'s text values;
 * - the same right after a one-character edit in the middle disk's path, before validation has
 *   run again (the edited disk misses the memo);
 * - over stdio against the bundled server, with the client capabilities VS Code declares for
 *   completion, beside a hover on plain text in the same run (it answers null: what the protocol
 *   costs by itself).
 * The first request after the schema loads also interns the patterns it meets: shown apart, in
 * process and over stdio. Over stdio, each round starts a server as an editor does (initialize,
 * initialized, the document opened at once, the settings answered when asked, or in a third kind
 * of round 30 ms later, as an editor still starting answers), times the first
 * document's diagnostics and the first completion in it (`<` typed: at once, or in other rounds
 * half a second after the diagnostics, as a person who reads them first), then the same for a
 * second document in the same server: what they cost once the server is warm.
 * The machine is shared: compare ratios, not absolute times. Medians.
 */
import * as path from 'node:path';
import { CompletionSuggestion, completeAt } from '../../server/src/features/completion';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { Schema, loadModelFile } from '../../server/src/schema/schema';
import { ElementValidation, validateTree } from '../../server/src/schema/validate';
import { ClientCapabilities } from 'vscode-languageserver-protocol';
import { LspClient, TEST_HOST } from '../lsp/lspClient';
import { generateDomain } from './generateDomain';
import { fmt, median, timed } from './measure';
import { Analysis } from '../../server/src/features/analysis';

const MODEL = path.resolve(__dirname, '..', '..', '..', 'schemas', 'libvirt-domain.json');
const SIZES: [string, number, string][] = [
  ['5 KB', 5 * 1024, '≤ 1'],
  ['1 MB', 1024 * 1024, '≤ 5'],
];

/** The generated document with `<` typed on a line of its own before the middle device. */
function documentWithCursor(bytes: number): { text: string; points: [string, number][]; editAt: number } {
  const generated = generateDomain(bytes);
  const middle = generated.indexOf('    <interface', generated.length >> 1);
  const text = `${generated.slice(0, middle)}    <\n${generated.slice(middle)}`;
  const after = (needle: string, from: number, shift: number): number => {
    const found = text.indexOf(needle, from);
    if (found < 0) throw new Error(`${needle} not in the generated document`);
    return found + shift;
  };
  return {
    text,
    points: [
      ['elements in <devices>, after `<`', middle + 5],
      ['attributes of <source network=…>', after("<source network='default'", middle, "<source network='default'".length)],
      ["values of <disk type='…'>", after("<disk type='file'", middle, "<disk type='".length)],
      ['values of <on_poweroff>', after('<on_poweroff>', 0, '<on_poweroff>'.length)],
    ],
    editAt: after("file='", middle, "file='".length + 2),
  };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

interface Row {
  size: string;
  point: string;
  items: number;
  functionMs: number;
  afterEditMs: number;
}

function measureFunction(schema: Schema, label: string, bytes: number): Row[] {
  const { text, points, editAt } = documentWithCursor(bytes);
  const document = ParsedDocument.parse(text);
  const context = { schema, host: undefined, limits: { maxProblems: Infinity, maxFileSizeMB: Infinity } };
  const validate = () => validateTree(schema.derivatives, schema.datatypes, document.text, document.tree, Infinity, document.memo<ElementValidation>(schema));
  validate();
  // As the server does: one analysis per document version.
  const view = () => new Analysis(document, context);
  const runs = bytes <= 10 * 1024 ? 200 : 40;
  return points.map(([point, offset]) => {
    let items: CompletionSuggestion[] = [];
    const samples: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const [ms, result] = timed(() => completeAt(view(), offset));
      items = result;
      if (i >= 3) samples.push(ms);
    }
    // Insert a character in the middle disk's path, ask, then take it out and validate again.
    const edited: number[] = [];
    for (let i = 0; i < 20; i++) {
      const shifted = offset > editAt ? offset + 1 : offset;
      document.replace(editAt, editAt, 'x');
      edited.push(timed(() => completeAt(view(), shifted))[0]);
      document.replace(editAt, editAt + 1, '');
      validate();
    }
    return { size: label, point, items: items.length, functionMs: median(samples), afterEditMs: median(edited) };
  });
}

async function measureServer(client: LspClient, label: string, bytes: number): Promise<{ size: string; completionMs: number; floorMs: number }> {
  const { text, points } = documentWithCursor(bytes);
  const uri = `file:///bench-completion-${bytes}.xml`;
  await client.open(uri, text, 1);
  const position = positionAt(text, points[0][1]);
  const onText = positionAt(text, text.indexOf('bench01') + 2);
  const completion: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 33; i++) {
    // Interleaved so both see the same machine load.
    const start = process.hrtime.bigint();
    const items = await client.completion(uri, position);
    const completionMs = Number(process.hrtime.bigint() - start) / 1e6;
    const hoverStart = process.hrtime.bigint();
    await client.hover(uri, onText);
    const floorMs = Number(process.hrtime.bigint() - hoverStart) / 1e6;
    if (items.length === 0) throw new Error('no completion items over stdio');
    if (i >= 3) {
      completion.push(completionMs);
      floor.push(floorMs);
    }
  }
  await client.close(uri);
  return { size: label, completionMs: median(completion), floorMs: median(floor) };
}

/** As VS Code declares it: it takes a completion list's item defaults (the shared range and insert format). */
const VS_CODE_COMPLETION: ClientCapabilities = {
  textDocument: { completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } },
};

const FIRST_ROUNDS = 7;
/** Between the first diagnostics and the first `<` typed, in the rounds of a person who reads them first. */
const READING_MS = 500;

interface FirstRound {
  startMs: number;
  firstDiagnosticsMs: number;
  firstCompletionMs: number;
  warmDiagnosticsMs: number;
  warmCompletionMs: number;
}

/** Milliseconds since `start` (process.hrtime.bigint()). */
function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** didOpen → its diagnostics, then (after `pauseMs`) `<` typed in <devices> and a completion there → its answer. */
async function openAndComplete(client: LspClient, uri: string, text: string, pauseMs = 0): Promise<[diagnosticsMs: number, completionMs: number]> {
  const opened = process.hrtime.bigint();
  await client.open(uri, text, 1);
  const diagnosticsMs = since(opened);
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const middle = text.indexOf('    <interface', text.length >> 1);
  const { line } = positionAt(text, middle);
  const typed = client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '    <\n' }]);
  const asked = process.hrtime.bigint();
  const items = await client.completion(uri, { line, character: 5 });
  const completionMs = since(asked);
  await typed;
  if (items.length === 0) throw new Error('no completion items in the first request');
  return [diagnosticsMs, completionMs];
}

/** An editor still starting answers the server's first workspace/configuration this late, in the rounds that measure it. */
const LATE_SETTINGS_MS = 30;

/**
 * A fresh server, as an editor starts it: its first document and completion (`pauseMs` after the
 * diagnostics), then a second document's; the settings answered `settingsDelayMs` after asked.
 */
async function measureFirstRequests(text: string, pauseMs: number, settingsDelayMs = 0): Promise<FirstRound> {
  const spawned = process.hrtime.bigint();
  const settings = () => new Promise<unknown[]>((resolve) => setTimeout(() => resolve([{ host: TEST_HOST }]), settingsDelayMs));
  const client = await LspClient.start({}, [], undefined, { ...VS_CODE_COMPLETION, workspace: { configuration: true } }, settings);
  const startMs = since(spawned);
  try {
    const [firstDiagnosticsMs, firstCompletionMs] = await openAndComplete(client, 'file:///bench-first.xml', text, pauseMs);
    const [warmDiagnosticsMs, warmCompletionMs] = await openAndComplete(client, 'file:///bench-second.xml', text);
    return { startMs, firstDiagnosticsMs, firstCompletionMs, warmDiagnosticsMs, warmCompletionMs };
  } finally {
    await client.stop();
  }
}

async function printFirstRequests(): Promise<void> {
  const text = generateDomain(5 * 1024);
  const atOnce: FirstRound[] = [];
  const reading: FirstRound[] = [];
  const lateSettings: FirstRound[] = [];
  // Interleaved, so every kind of round sees the same machine load.
  for (let i = 0; i < FIRST_ROUNDS; i++) {
    atOnce.push(await measureFirstRequests(text, 0));
    reading.push(await measureFirstRequests(text, READING_MS));
    lateSettings.push(await measureFirstRequests(text, 0, LATE_SETTINGS_MS));
  }
  const cell = (rounds: FirstRound[], pick: (round: FirstRound) => number) => {
    const values = rounds.map(pick);
    return `${fmt(Math.min(...values), 1)} / ${fmt(median(values), 1)}`;
  };
  const all = [...atOnce, ...reading];
  console.log(`\nOver stdio, a fresh server per round (${FIRST_ROUNDS} rounds of each kind, min / median ms): the first requests beside the same on a second document\n`);
  console.log('| 5 KB | first (target ≤ 15) | second document, same server |');
  console.log('|---|---|---|');
  console.log(`| didOpen → diagnostics | ${cell(all, (r) => r.firstDiagnosticsMs)} | ${cell(all, (r) => r.warmDiagnosticsMs)} |`);
  console.log(`| didOpen → diagnostics, the settings answered ${LATE_SETTINGS_MS} ms after asked (an editor still starting) | ${cell(lateSettings, (r) => r.firstDiagnosticsMs)} | |`);
  console.log(`| completion after \`<\`, typed at once | ${cell(atOnce, (r) => r.firstCompletionMs)} | ${cell(all, (r) => r.warmCompletionMs)} |`);
  console.log(`| completion after \`<\`, typed ${READING_MS} ms after the diagnostics | ${cell(reading, (r) => r.firstCompletionMs)} | |`);
  console.log(`\nStart-up (spawn → initialize answered): ${cell(all, (r) => r.startMs)} ms; spawn → first diagnostics: ${cell(all, (r) => r.startMs + r.firstDiagnosticsMs)} ms`);
}

async function main(): Promise<void> {
  const [loadMs, schema] = timed(() => Schema.fromModel(loadModelFile(MODEL), 'bundled'));
  const first = documentWithCursor(5 * 1024);
  const firstDocument = ParsedDocument.parse(first.text);
  const [firstMs] = timed(() => completeAt(new Analysis(firstDocument, { schema, host: undefined, limits: { maxProblems: Infinity, maxFileSizeMB: Infinity } }), first.points[0][1]));
  console.log(`Completion (medians; targets ≤ 1 ms at 5 KB, ≤ 5 ms at 1 MB)\n`);
  console.log(`First request after the schema loads (${fmt(loadMs, 1)} ms), elements in <devices> of 5 KB, no memo: ${fmt(firstMs, 1)} ms\n`);
  console.log('| size | point | items | completeAt ms | target | right after a 1-char edit, before validation ms |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, bytes, target] of SIZES) {
    for (const row of measureFunction(schema, label, bytes)) {
      console.log(`| ${row.size} | ${row.point} | ${row.items} | ${fmt(row.functionMs)} | ${target} | ${fmt(row.afterEditMs)} |`);
    }
  }
  const client = await LspClient.start({}, [], undefined, VS_CODE_COMPLETION);
  try {
    await measureServer(client, 'warm-up', 5 * 1024);
    console.log('\nOver stdio: completion in <devices> after `<` beside a hover on text (answers null) in the same run\n');
    console.log('| size | completion ms | target | hover on text ms (protocol floor) | completion − floor ms |');
    console.log('|---|---|---|---|---|');
    for (const [label, bytes, target] of SIZES) {
      const row = await measureServer(client, label, bytes);
      console.log(`| ${row.size} | ${fmt(row.completionMs)} | ${target} | ${fmt(row.floorMs)} | ${fmt(row.completionMs - row.floorMs)} |`);
    }
  } finally {
    await client.stop();
  }
  await printFirstRequests();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
