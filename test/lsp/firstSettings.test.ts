/**
 * The first diagnostics use the client's settings: a server that pulls its settings
 * (workspace/configuration) validates nothing until they arrive, however late the client answers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspClient } from './lspClient';

const PINNED = `<domain type='kvm'>
  <name>pins</name>
  <memory unit='KiB'>524288</memory>
  <vcpu placement='static' cpuset='6'>1</vcpu>
  <os><type arch='x86_64' machine='pc-q35-9.0'>hvm</type></os>
</domain>
`;

test('a document opened before the settings arrive is first validated with them', async () => {
  let answer: (settings: unknown[]) => void = () => undefined;
  const answered = new Promise<unknown[]>((resolve) => (answer = resolve));
  let noteAsked: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (noteAsked = resolve));
  const client = await LspClient.start({}, [], undefined, { workspace: { configuration: true } }, () => {
    noteAsked();
    return answered;
  });
  try {
    const uri = 'file:///pins.xml';
    const first = client.waitForDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'libvirt-xml', version: 1, text: PINNED } });
    // The server asked and waits; the answer names a host with CPUs 0-3, so CPU 6 is beyond it.
    await asked;
    answer([{ host: { cpus: '0-3', numaNodes: '0' } }]);
    const published = await first;
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.message]),
      [['cpuset-beyond-host', 'CPU 6 is not on this host (it has CPUs 0-3): the guest will not start here.']],
    );
  } finally {
    await client.stop();
  }
});
