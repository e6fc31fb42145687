/**
 * Bench "peers" (issue 15): `domxml check` as a user runs it (dist/cli.js, a process of its own)
 * beside the other RELAX NG validators of libvirt's schema, over ../shared/corpus:
 *
 * - `xmllint --noout --relaxng domain.rng` (libxml2, C: what libvirt's own tools use);
 * - `jing domain.rng` (Java), when installed (Debian's `jing`);
 * - `node -e 0`, the floor of any Node process: the baseline of domxml's start-up.
 *
 * Batched: one process for every file of the corpus (`domxml check DIR`, `xmllint FILES...`);
 * its figure per file, and per file once started (less that tool's one-file process). One
 * process per file: a sample of the corpus from small to large, each file checked by each tool in
 * its own process. The start-up row: `domxml check` on the corpus's median-sized file (about 1 KB)
 * beside `node -e 0`. Rounds are interleaved (each round runs every tool, in a rotating order) so
 * that each sees the same load on a shared machine; min and median of the rounds.
 * `domxml check` runs as a user runs it, with its default threads (one per two cores for many
 * files); `domxml --jobs 1` is the same batched run in one thread, as xmllint and jing check.
 * Targets: start-up <= 1.5x `node -e 0`; batched per file <= 1.0x xmllint's.
 * Skips without ../shared's corpus and schema, or without xmllint.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { SHARED, xmlFilesUnder } from '../unit/helpers/corpus';
import { fmt, median } from './measure';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.join(SHARED, 'corpus');
const RNG = path.join(SHARED, 'libvirt-schemas', '12.8.0', 'domain.rng');
/** PEERS_DOMXML: another build's dist/cli.js, to compare builds in one run. */
const CLI = process.env.PEERS_DOMXML ?? path.join(ROOT, 'dist', 'cli.js');
/** Rounds of the batched runs and of the per-file runs (PEERS_ROUNDS overrides both). */
const BATCH_ROUNDS = Number(process.env.PEERS_ROUNDS ?? 5);
const PROCESS_ROUNDS = Number(process.env.PEERS_ROUNDS ?? 5);
/** Files of the corpus checked one process each, spread over its sizes. */
const SAMPLE = 8;

interface Tool {
  label: string;
  /** The command checking `files` (all of them, or one). */
  command(files: string[], batch: boolean): [string, string[]];
  /** Only batched: one file in its own process would run as this tool does, whose start-up it shares. */
  startsAs?: Tool;
}

function installed(command: string, args: string[]): boolean {
  const run = spawnSync(command, args, { stdio: 'ignore' });
  return !run.error;
}

/** Milliseconds of one run of `command`, to its exit; its output thrown away. */
function runMs(command: string, args: string[], statuses: Set<string>, label: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { stdio: 'ignore', maxBuffer: 0 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.error) throw run.error;
  statuses.add(`${label} exit ${run.status}`);
  return ms;
}

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function main(): void {
  if (!fs.existsSync(CORPUS) || !fs.existsSync(RNG)) {
    console.log(`peers bench: skipped, ${fs.existsSync(CORPUS) ? RNG : CORPUS} is not here`);
    return;
  }
  if (!installed('xmllint', ['--version'])) {
    console.log('peers bench: skipped, xmllint is not installed (Debian libxml2-utils)');
    return;
  }
  if (!fs.existsSync(CLI)) {
    console.log(`peers bench: skipped, ${CLI} is not built (npm run build)`);
    return;
  }
  const files = xmlFilesUnder(CORPUS);
  const bySize = [...files].sort((a, b) => fs.statSync(a).size - fs.statSync(b).size || (a < b ? -1 : 1));
  const small = bySize[bySize.length >> 1];
  // The median-sized file first, then files from the smallest to the largest.
  const sample = [small, ...Array.from({ length: SAMPLE - 1 }, (_, i) => bySize[Math.round((i * (bySize.length - 1)) / (SAMPLE - 2))])];

  const domxml: Tool = { label: 'domxml check', command: (paths, batch) => [CLI, ['check', ...(batch ? [CORPUS] : paths)]] };
  const tools: Tool[] = [
    domxml,
    // One thread: the engine's own speed, beside what the default's threads add on this machine's cores.
    { label: 'domxml --jobs 1', command: () => [CLI, ['check', '--jobs', '1', CORPUS]], startsAs: domxml },
    { label: 'xmllint --relaxng', command: (paths) => ['xmllint', ['--noout', '--relaxng', RNG, ...paths]] },
  ];
  const jing = installed('jing', []) || fs.existsSync('/usr/bin/jing');
  if (jing) tools.push({ label: 'jing', command: (paths) => ['jing', [RNG, ...paths]] });
  const floor = 'node -e 0';
  const statuses = new Set<string>();

  // One process per file, and the start-up row.
  const perFile = new Map<string, number[]>([[floor, []], ...tools.map((t): [string, number[]] => [t.label, []])]);
  const onSmall = new Map<string, number[]>([[floor, []], ...tools.map((t): [string, number[]] => [t.label, []])]);
  const entries: { label: string; run: (file: string) => number }[] = [
    { label: floor, run: () => runMs(process.execPath, ['-e', '0'], statuses, floor) },
    ...tools
      .filter((tool) => !tool.startsAs)
      .map((tool) => ({
      label: tool.label,
      run: (file: string) => {
        const [command, args] = tool.command([file], false);
        return runMs(command, args, statuses, tool.label);
      },
    })),
  ];
  for (let round = 0; round < PROCESS_ROUNDS; round++) {
    sample.forEach((file, index) => {
      for (const entry of rotate(entries, round + index)) {
        const ms = entry.run(file);
        perFile.get(entry.label)!.push(ms);
        if (index === 0) onSmall.get(entry.label)!.push(ms);
      }
    });
  }

  // One process for all files.
  const batched = new Map<string, number[]>(tools.map((t) => [t.label, []]));
  for (let round = 0; round < BATCH_ROUNDS; round++) {
    for (const tool of rotate(tools, round)) {
      const [command, args] = tool.command(files, true);
      batched.get(tool.label)!.push(runMs(command, args, statuses, tool.label));
    }
  }

  const stat = (values: number[]) => ({ min: Math.min(...values), median: median(values) });
  const cell = (values: number[], per = 1): string => {
    const { min, median: med } = stat(values);
    return `${fmt(min / per)} / ${fmt(med / per)}`;
  };
  const node = stat(onSmall.get(floor)!);
  const domxmlSmall = stat(onSmall.get('domxml check')!);
  console.log(`\npeers over ${path.relative(process.cwd(), CORPUS) || CORPUS}: ${files.length} files; ms, min / median; libvirt ${path.basename(path.dirname(RNG))}'s domain.rng${jing ? '' : ' (jing not installed)'}`);
  console.log(
    `  start-up, ${path.basename(small)} (${fs.statSync(small).size} bytes): domxml check ${fmt(domxmlSmall.min, 1)} / ${fmt(domxmlSmall.median, 1)}, node -e 0 ${fmt(node.min, 1)} / ${fmt(node.median, 1)}: ` +
      `ratio ${fmt(domxmlSmall.min / node.min, 2)} / ${fmt(domxmlSmall.median / node.median, 2)} (target <= 1.5)`,
  );
  const xmllintBatch = stat(batched.get('xmllint --relaxng')!);
  console.log(`  ${'tool'.padEnd(20)} ${'batched, per file'.padEnd(22)} ${'ratio to xmllint'.padEnd(18)} ${'per file once started'.padEnd(24)} ${'one process per file'.padEnd(22)} ${'on the small file'}`);
  console.log(`  ${floor.padEnd(20)} ${'–'.padEnd(22)} ${'–'.padEnd(18)} ${'–'.padEnd(24)} ${cell(perFile.get(floor)!).padEnd(22)} ${cell(onSmall.get(floor)!)}`);
  for (const tool of tools) {
    const runs = batched.get(tool.label)!;
    const { min, median: med } = stat(runs);
    const startUp = stat(onSmall.get((tool.startsAs ?? tool).label)!);
    const ratio = tool.label.startsWith('xmllint') ? '–' : `${fmt(min / xmllintBatch.min, 2)} / ${fmt(med / xmllintBatch.median, 2)}`;
    const started = `${fmt(Math.max(0, min - startUp.min) / files.length)} / ${fmt(Math.max(0, med - startUp.median) / files.length)}`;
    const [oneProcessPerFile, onTheSmallFile] = tool.startsAs ? ['–', '–'] : [cell(perFile.get(tool.label)!), cell(onSmall.get(tool.label)!)];
    console.log(`  ${tool.label.padEnd(20)} ${cell(runs, files.length).padEnd(22)} ${ratio.padEnd(18)} ${started.padEnd(24)} ${oneProcessPerFile.padEnd(22)} ${onTheSmallFile}`);
  }
  console.log(`  (${BATCH_ROUNDS} batched rounds; ${PROCESS_ROUNDS} rounds of ${sample.length} files one process each; ${availableParallelism()} cores; ${[...statuses].sort().join(', ')})`);
}

main();
