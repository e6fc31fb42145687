/**
 * The edit soak's figures (issue 11: p99 ≤ 100 ms): request latency during an unpaced burst of
 * edits with requests and cancels (test/lsp/editBurst.ts), over stdio against the bundled server,
 * on a 4.6 KB example (all at once, and 1 ms apart) and a generated 1 MB domain (at a fast
 * typist's 20 ms), and the server's peak resident memory.
 * Cancelled requests are left out of the latencies. The machine is shared: figures vary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BurstOptions, percentile, runBurst } from '../lsp/editBurst';
import { LspClient } from '../lsp/lspClient';
import { generateDomain } from './generateDomain';
import { fmt } from './measure';

const TARGET_P99_MS = 100;
const EXAMPLE = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'web01.xml'), 'utf8');

/** [what, text, burst]: one request after about three edits, one request in three cancelled. */
const RUNS: [string, string, BurstOptions][] = [
  ['web01.xml (4.6 KB), 2000 edits at once', EXAMPLE, { seed: 7, edits: 2000, requestEvery: 3, cancelEvery: 3 }],
  ['web01.xml (4.6 KB), 2000 edits 1 ms apart', EXAMPLE, { seed: 7, edits: 2000, requestEvery: 3, cancelEvery: 3, editIntervalMs: 1 }],
  ['generated 1 MB, 200 edits 20 ms apart', generateDomain(1024 * 1024), { seed: 7, edits: 200, requestEvery: 3, cancelEvery: 3, editIntervalMs: 20 }],
];

interface RunFigures {
  answered: number[];
  cancelled: number;
  failed: number;
  seconds: number;
}

async function runOn(client: LspClient, index: number, text: string, options: BurstOptions): Promise<RunFigures> {
  const uri = `file:///soak-bench-${index}.xml`;
  await client.open(uri, text);
  const started = process.hrtime.bigint();
  const burst = await runBurst(client, uri, text, options);
  // The floor may have published the final version before its answers all came.
  if (client.latest.get(uri)?.version !== burst.finalVersion) await client.waitForDiagnostics(uri, (p) => p.version === burst.finalVersion, 120000);
  await client.close(uri);
  return {
    answered: burst.requests.filter((r) => !r.cancelled && !r.error).map((r) => r.latencyMs),
    cancelled: burst.requests.filter((r) => r.cancelled).length,
    failed: burst.requests.filter((r) => r.error).length,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

const latencies = (answered: number[]): string =>
  `p50 ${fmt(percentile(answered, 0.5), 1)} ms, p99 ${fmt(percentile(answered, 0.99), 1)} ms, max ${fmt(Math.max(...answered), 1)} ms`;

async function main(): Promise<void> {
  const client = await LspClient.startWith();
  const floor = await LspClient.start({}, [], path.join(__dirname, 'protocolFloor.js'));
  try {
    console.log('Edit soak over stdio: request latency during unpaced edits (the client never waits for the server)');
    console.log('  floor: the same burst against a server that does no work (test/bench/protocolFloor.ts)');
    for (const [index, [name, text, options]] of RUNS.entries()) {
      const base = await runOn(floor, index, text, options);
      const ours = await runOn(client, index, text, options);
      const p99 = percentile(ours.answered, 0.99);
      console.log(
        `  ${name}: ${ours.answered.length} answered, ${ours.cancelled} cancelled, ${ours.failed} failed, final diagnostics after ${fmt(ours.seconds, 1)} s; ` +
          `latency ${latencies(ours.answered)} (target p99 ≤ ${TARGET_P99_MS} ms${p99 <= TARGET_P99_MS ? '' : ': missed'}); floor ${latencies(base.answered)}`,
      );
    }
    console.log(`  server memory peak ${fmt(client.memoryMB('peak'), 0)} MB`);
  } finally {
    await Promise.all([client.stop(), floor.stop()]);
  }
}

void main();
