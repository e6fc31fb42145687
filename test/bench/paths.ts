/**
 * Document links and path completion (issue 10, item 7):
 *
 * - documentLinks on generated domains of 5 KB, 100 KB and 1 MB (one link per disk's source
 *   file), beside a full parse of the same text in the same run;
 * - pathQueryAt in the middle disk's `<source file>` of the 1 MB domain, beside the same full parse;
 * - completePath over the local file system, in temporary folders of 10,000 and 100,000 empty
 *   files, beside `fs.promises.readdir` of the same folder: with nothing typed (it stops at the
 *   500 entries it keeps) and with a name no entry has (it reads its limit of 20,000 entries).
 * The machine is shared: compare ratios, not absolute times. Medians.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analysis } from '../../server/src/features/analysis';
import { documentLinks } from '../../server/src/features/documentLinks';
import { PathQuery, completePath, pathQueryAt } from '../../server/src/features/pathCompletion';
import { readLocalDirectory } from '../../server/src/localDirectories';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { generateDomain } from './generateDomain';
import { fmt, median, timed } from './measure';

const CONTEXT = { schema: undefined, host: undefined, limits: { maxProblems: Infinity, maxFileSizeMB: Infinity } };
const SIZES: [string, number][] = [
  ['5 KB', 5 * 1024],
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
];

function medianOf(runs: number, run: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const [ms] = timed(run);
    if (i >= 3) samples.push(ms);
  }
  return median(samples);
}

async function medianOfAsync(runs: number, run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    await run();
    if (i >= 2) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

function linksAndQuery(): void {
  console.log('Document links and the path at the cursor, beside a full parse of the same text (medians)\n');
  console.log('| size | links | documentLinks ms | full parse ms | ratio | pathQueryAt ms (middle disk) |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, bytes] of SIZES) {
    const text = generateDomain(bytes);
    const runs = bytes <= 10 * 1024 ? 200 : 30;
    const document = ParsedDocument.parse(text);
    const cursor = text.indexOf("file='", text.length >> 1) + "file='/var/lib/libvirt/im".length;
    const links = documentLinks(new Analysis(document, CONTEXT)).length;
    // A fresh analysis each time, as the server makes one per version.
    const linksMs = medianOf(runs, () => documentLinks(new Analysis(document, CONTEXT)));
    const parseMs = medianOf(runs, () => ParsedDocument.parse(text));
    const queryMs = medianOf(runs, () => pathQueryAt(new Analysis(document, CONTEXT), cursor, '/'));
    console.log(`| ${label} | ${links} | ${fmt(linksMs)} | ${fmt(parseMs)} | ${fmt(linksMs / parseMs, 2)} | ${fmt(queryMs)} |`);
  }
}

async function localFolders(): Promise<void> {
  console.log('\nPath completion over the local file system, beside a bare readdir of the same folder (medians)\n');
  console.log('| folder | typed | items | incomplete | completePath ms | fs.promises.readdir ms | ratio |');
  console.log('|---|---|---|---|---|---|---|');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-paths-'));
  try {
    for (const count of [10_000, 100_000]) {
      const folder = path.join(root, String(count));
      fs.mkdirSync(folder);
      for (let i = 0; i < count; i++) fs.closeSync(fs.openSync(path.join(folder, `disk-${i}.qcow2`), 'w'));
      const readdirMs = await medianOfAsync(10, () => fs.promises.readdir(folder));
      for (const partial of ['', 'zz']) {
        const query: PathQuery = { directory: folder, partial, insertDirectory: `${folder}/`, typedDirectory: `${folder}/`, replaceStart: 0, replaceEnd: 0, quote: "'", slashFollows: false };
        const result = await completePath(query, readLocalDirectory);
        const ms = await medianOfAsync(10, () => completePath(query, readLocalDirectory));
        console.log(`| ${count.toLocaleString('en')} entries | ${partial === '' ? 'nothing' : `\`${partial}\``} | ${result.suggestions.length} | ${result.incomplete} | ${fmt(ms)} | ${fmt(readdirMs)} | ${fmt(ms / readdirMs, 2)} |`);
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  linksAndQuery();
  await localFolders();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
