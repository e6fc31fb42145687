/**
 * A definition libvirt refuses, shown where it belongs: the client saves a live definition with
 * `virsh define` and tells the server what libvirt said; the server shows it on the token it is
 * about. Here libvirt is the real test driver through virsh (skipped where virsh is absent).
 */
import assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { VirshError, VirshSession } from '../../server/src/libvirt/virsh';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { DEFINE_RESULT_NOTIFICATION, DefineResult } from '../../server/src/protocol';
import { serverForTests } from './lspClient';

const skip = cp.spawnSync('virsh', ['--version']).status === 0 ? false : 'virsh is not installed (Debian: libvirt-clients)';
const CONNECTION = 'test:///default';
const URI = 'libvirt:/test/default/web01.xml';

const TWO_DISKS = `<domain type='test'>
  <name>web01</name>
  <memory>1048576</memory>
  <vcpu>2</vcpu>
  <os><type>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><source file='/b.img'/><target dev='vdb' bus='virtio'/></disk>
  </devices>
</domain>
`;

const server = serverForTests();

/** What libvirt says to `virsh define` of `text`; undefined when it accepts it. */
async function defineRefusal(session: VirshSession, text: string): Promise<string | undefined> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'define-test-'));
  try {
    const file = path.join(directory, 'domain.xml');
    fs.writeFileSync(file, text, { mode: 0o600 });
    await session.run(['define', file]);
    return undefined;
  } catch (error) {
    if (error instanceof VirshError && error.failure === 'refused') return error.message;
    throw error;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

test("libvirt's refusal lands on the token it names, and goes once a define succeeds", { skip }, async () => {
  const session = new VirshSession(CONNECTION);
  try {
    const broken = TWO_DISKS.replace("dev='vdb'", "dev='vda'");
    const opened = await server.client.open(URI, broken, 1);
    assert.deepEqual(opened.diagnostics.filter((d) => d.code === 'libvirt-refused'), []);
    const refusal = await defineRefusal(session, broken);
    assert.match(refusal ?? '', /target 'vda' duplicated/);
    const result: DefineResult = { textDocument: { uri: URI, version: 1 }, connection: CONNECTION, refusal: refusal! };
    const waiting = server.client.waitForDiagnostics(URI, (p) => p.diagnostics.some((d) => d.code === 'libvirt-refused'));
    await server.client.connection.sendNotification(DEFINE_RESULT_NOTIFICATION, result);
    const [shown] = (await waiting).diagnostics.filter((d) => d.code === 'libvirt-refused');
    const lines = new LineIndex(broken);
    const vda = broken.indexOf("vda'");
    assert.deepEqual(shown.range, { start: lines.positionAt(vda, broken), end: lines.positionAt(vda + 3, broken) });
    assert.equal(shown.severity, 1);
    assert.match(String(shown.message), /^libvirt on test:\/\/\/default refused this definition: XML error: target 'vda' duplicated for disk sources '\/a\.img' and '\/b\.img'$/);

    // Fixed and defined: the refusal goes.
    assert.equal(await defineRefusal(session, TWO_DISKS), undefined);
    await server.client.change(URI, 2, [{ text: TWO_DISKS }]);
    const cleared = server.client.waitForDiagnostics(URI, (p) => !p.diagnostics.some((d) => d.code === 'libvirt-refused'));
    await server.client.connection.sendNotification(DEFINE_RESULT_NOTIFICATION, { ...result, textDocument: { uri: URI, version: 2 }, refusal: null });
    await cleared;
  } finally {
    session.dispose();
    await server.client.close(URI);
  }
});

test("a refusal that reads like one of our rules' messages lands where that rule's finding is", { skip }, async () => {
  const session = new VirshSession(CONNECTION);
  const uri = 'libvirt:/test/default/pins.xml';
  const pinned = TWO_DISKS.replace('<name>web01</name>', '<name>pins</name>').replace(
    '<os>',
    "<cputune>\n    <vcpupin vcpu='1' cpuset='0'/>\n    <vcpupin vcpu='1' cpuset='1'/>\n  </cputune>\n  <os>",
  );
  try {
    const opened = await server.client.open(uri, pinned, 1);
    const rule = opened.diagnostics.find((d) => d.code === 'vcpupin-duplicate');
    assert.ok(rule, JSON.stringify(opened.diagnostics));
    const refusal = await defineRefusal(session, pinned);
    assert.match(refusal ?? '', /duplicate vcpupin for vcpu '1'/);
    const waiting = server.client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'libvirt-refused'));
    await server.client.connection.sendNotification(DEFINE_RESULT_NOTIFICATION, { textDocument: { uri, version: 1 }, connection: CONNECTION, refusal });
    const [shown] = (await waiting).diagnostics.filter((d) => d.code === 'libvirt-refused');
    assert.deepEqual(shown.range, rule.range);
  } finally {
    session.dispose();
    await server.client.close(uri);
  }
});
