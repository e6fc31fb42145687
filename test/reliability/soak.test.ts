/**
 * The edit soak (issue 11): seeded, unpaced bursts of edits with hover, completion, symbols and
 * definition requests in between, some cancelled. Every request gets an answer or RequestCancelled,
 * diagnostics are not computed for each version the burst passes through, and the last ones
 * published equal those a fresh server gives the final text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { runBurst } from '../lsp/editBurst';
import { LspClient, serverForTests } from '../lsp/lspClient';

const EXAMPLE = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'web01.xml'), 'utf8');
const SEEDS = [1, 2, 3, 4, 5, 6];
const EDITS = 400;

const server = serverForTests();

async function freshDiagnostics(text: string): Promise<PublishDiagnosticsParams['diagnostics']> {
  const fresh = await LspClient.startWith();
  try {
    return (await fresh.open('file:///fresh.xml', text)).diagnostics;
  } finally {
    await fresh.stop();
  }
}

for (const seed of SEEDS) {
  test(`seed ${seed}: ${EDITS} unpaced edits with requests and cancels end with a fresh parse's diagnostics`, async () => {
    const uri = `file:///soak-${seed}.xml`;
    await server.client.open(uri, EXAMPLE);
    const publishedVersions: number[] = [];
    let finalVersion = Number.POSITIVE_INFINITY;
    const last = server.client.waitForDiagnostics(uri, (p) => {
      publishedVersions.push(p.version!);
      return p.version === finalVersion;
    });
    const burst = await runBurst(server.client, uri, EXAMPLE, { seed, edits: EDITS, requestEvery: 3, cancelEvery: 3 });
    finalVersion = burst.finalVersion;
    // The final version may have been published before the burst's answers all came.
    const published = publishedVersions.includes(finalVersion) ? server.client.latest.get(uri)! : await last;
    assert.equal(published.version, finalVersion);

    const failed = burst.requests.filter((r) => r.error);
    assert.deepEqual(failed, [], 'every request is answered or cancelled');
    assert.ok(burst.requests.some((r) => r.cancelled), 'cancels take effect');
    assert.ok(
      publishedVersions.length <= EDITS / 10,
      `diagnostics were published for ${publishedVersions.length} of ${EDITS} versions: the burst's edits are validated together`,
    );
    assert.deepEqual(published.diagnostics, await freshDiagnostics(burst.finalText));
    await server.client.close(uri);
  });
}
