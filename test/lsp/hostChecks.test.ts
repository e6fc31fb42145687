/**
 * Checks against a real libvirt host: libvirt's test driver (`test:///default`: 16 CPUs in 2
 * NUMA cells, `test` guests on i686 only, no domcapabilities), through the bundled checker
 * (`domxml check --connect`) and the bundled server (libvirtXml.host.connection, and a
 * connection chosen for one document). Skipped where virsh is not installed (CI installs
 * Debian's libvirt-clients).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { DOCUMENT_CONNECTION_NOTIFICATION, DocumentConnection, WORKSPACE_TRUST_NOTIFICATION, WorkspaceTrust } from '../../server/src/protocol';
import { runDomxml } from './domxmlProcess';
import { LspClient } from './lspClient';

const HAVE_VIRSH = spawnSync('virsh', ['--version']).status === 0;
const skip = HAVE_VIRSH ? false : 'virsh is not installed (Debian: libvirt-clients)';
const TEST_URI = 'test:///default';
/** How findings name the test host: its URI, and the name `virsh hostname` gives (the machine's). */
const TEST_HOST = /test:\/\/\/default(?: \([^)\s]+\))?/;

/** Pinned to a CPU and a NUMA node the test host lacks. */
const PINNED = `<domain type='test'>
  <name>pinned</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>2</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='20'/>
  </cputune>
  <numatune>
    <memory nodeset='3'/>
  </numatune>
  <os><type>hvm</type></os>
</domain>
`;
/** A KVM guest on a host that offers only `test` on i686. */
const KVM = `<domain type='kvm'>
  <name>kvm</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
`;

let workDir: string;
before(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-host-'));
  fs.writeFileSync(path.join(workDir, 'pinned.xml'), PINNED);
  fs.writeFileSync(path.join(workDir, 'kvm.xml'), KVM);
});
after(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

const domxml = (args: string[]) => runDomxml(args, { cwd: workDir });

test("domxml check --connect test:///default: the CPU and node the host lacks, the kvm guest it does not offer; domcapabilities skipped with a note", { skip }, () => {
  const run = domxml(['check', '--connect', TEST_URI, 'pinned.xml', 'kvm.xml']);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.lines.length, 4, run.stdout);
  assert.match(run.lines[0], new RegExp(`^pinned\\.xml:6:31: error: CPU 20 is not on ${TEST_HOST.source}, which has CPUs 0-15: the guest will not start there\\. \\[cpuset-beyond-host\\]$`));
  assert.match(run.lines[1], new RegExp(`^pinned\\.xml:9:22: error: node 3 is not on ${TEST_HOST.source}, which has nodes 0-1: the guest will not start there\\. \\[cpuset-beyond-host\\]$`));
  assert.match(run.lines[2], new RegExp(`^kvm\\.xml:1:15: error: ${TEST_HOST.source} offers no \`kvm\` guests, only \`test\` on i686: libvirt rejects the domain\\. \\[host-guest-unsupported\\]$`));
  assert.match(run.lines[3], /^ {2}help: libvirt looks the domain's os type/);
  assert.match(run.stderr, new RegExp(`^domxml: note: ${TEST_HOST.source} has no domcapabilities \\(this function is not supported by the connection driver: virConnectGetDomainCapabilities\\): the checks of CPU models, devices and firmware against it are skipped\\.$`, 'm'));
  assert.equal(run.stderr.match(/note:/g)?.length, 1, 'said once');
  assert.match(run.stderr, /checked 2 documents: 3 errors in 2 documents/);
});

test('--connect in JSON and SARIF: the same findings; the note on standard error, and in SARIF a notification', { skip }, () => {
  const json = domxml(['check', '--format', 'json', '--connect', TEST_URI, 'pinned.xml', 'kvm.xml']);
  const problems = JSON.parse(json.stdout) as { code: string; severity: string; message: string }[];
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity]),
    [
      ['cpuset-beyond-host', 'error'],
      ['cpuset-beyond-host', 'error'],
      ['host-guest-unsupported', 'error'],
    ],
  );
  assert.match(json.stderr, /note: .*has no domcapabilities/);
  const sarif = domxml(['check', '--format', 'sarif', '--connect', TEST_URI, 'kvm.xml']);
  const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] };
  assert.deepEqual(
    log.runs[0].results.map((r) => r.ruleId),
    ['host-guest-unsupported'],
  );
  assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  assert.deepEqual(log.runs[0].invocations[0].toolExecutionNotifications, [], 'the kvm guest resolves to no host guest: nothing was skipped');
  const noted = JSON.parse(domxml(['check', '--format', 'sarif', '--connect', TEST_URI, 'pinned.xml']).stdout) as typeof log;
  assert.deepEqual(
    noted.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.level),
    ['note'],
  );
  assert.match(noted.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /has no domcapabilities/);
});

test('--connect with a virsh that is not there: said plainly, the documents still checked without the host, exit 2', () => {
  const run = domxml(['check', '--connect', TEST_URI, '--virsh', path.join(workDir, 'no-virsh'), 'kvm.xml']);
  assert.equal(run.status, 2);
  assert.deepEqual(run.lines, []);
  assert.match(run.stderr, /^domxml: cannot check against test:\/\/\/default: virsh was not found \(.*no-virsh\): install libvirt's client tools/m);
});

// ---------------------------------------------------------------------------------------------
// The server

const hasCode = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);

test('with libvirtXml.host.connection = test:///default, the host findings appear once its capabilities are read; the root hover says what was checked; the note is logged once', { skip }, async () => {
  const client = await LspClient.startWith({ host: { connection: TEST_URI, cpus: '0-63' } });
  try {
    const pinnedUri = 'file:///host/pinned.xml';
    const kvmUri = 'file:///host/kvm.xml';
    const pinned = client.waitForDiagnostics(pinnedUri, hasCode('cpuset-beyond-host'));
    const kvm = client.waitForDiagnostics(kvmUri, hasCode('host-guest-unsupported'));
    // Said once domcapabilities answer (the test driver has none), after the capabilities' findings.
    const isNote = (p: { message: string }) => /has no domcapabilities/.test(p.message);
    const noted = client.waitForNotification<{ message: string }>('window/logMessage', isNote);
    await client.open(pinnedUri, PINNED);
    await client.open(kvmUri, KVM);
    const pins = (await pinned).diagnostics.filter((d) => d.code === 'cpuset-beyond-host');
    assert.deepEqual(
      pins.map((d) => [d.severity, d.range.start.line]),
      [
        [1, 5],
        [1, 8],
      ],
    );
    assert.match(String(pins[0].message), new RegExp(`^CPU 20 is not on ${TEST_HOST.source}, which has CPUs 0-15`));
    const [guest] = (await kvm).diagnostics.filter((d) => d.code === 'host-guest-unsupported');
    assert.match(String(guest.message), new RegExp(`^${TEST_HOST.source} offers no \`kvm\` guests, only \`test\` on i686: libvirt rejects the domain\\.$`));
    assert.deepEqual(guest.range, { start: { line: 0, character: 14 }, end: { line: 0, character: 17 } });

    await noted;
    const hover = await client.hover(pinnedUri, { line: 0, character: 3 });
    const markdown = (hover?.contents as MarkupContent).value;
    assert.match(markdown, new RegExp(`\\*\\*libvirt host:\\*\\* Checked against ${TEST_HOST.source}`));
    assert.match(markdown, /has no domcapabilities \(this function is not supported by the connection driver: virConnectGetDomainCapabilities\)/);

    // Edits check again with what is known: no waiting for virsh on a keystroke.
    const edited = await client.change(pinnedUri, 2, [{ range: { start: { line: 5, character: 31 }, end: { line: 5, character: 33 } }, text: '15' }]);
    assert.deepEqual(
      edited.diagnostics.filter((d) => d.code === 'cpuset-beyond-host').map((d) => d.range.start.line),
      [8],
    );
    const notes = client.notifications.filter((n) => n.method === 'window/logMessage' && isNote(n.params as { message: string }));
    assert.equal(notes.length, 1, 'logged once, not at every check');
  } finally {
    await client.stop();
  }
});

test('a connection chosen for one document (libvirtXml/documentConnection, before didOpen) checks that one only; none again with "", and none in an untrusted workspace', { skip }, async () => {
  const client = await LspClient.startWith({ host: { cpus: '0-63', numaNodes: '0-7' } });
  try {
    const chosenUri = 'file:///chosen/pinned.xml';
    const otherUri = 'file:///other/pinned.xml';
    const chosen: DocumentConnection = { textDocument: { uri: chosenUri }, connection: TEST_URI };
    await client.connection.sendNotification(DOCUMENT_CONNECTION_NOTIFICATION, chosen);
    const hostFindings = client.waitForDiagnostics(chosenUri, hasCode('cpuset-beyond-host'));
    await client.open(chosenUri, PINNED);
    const other = await client.open(otherUri, PINNED);
    const found = await hostFindings;
    assert.match(String(found.diagnostics.find((d) => d.code === 'cpuset-beyond-host')?.message), TEST_HOST);
    assert.deepEqual(
      other.diagnostics.filter((d) => d.code === 'cpuset-beyond-host'),
      [],
      'the other document is checked against the settings (CPUs 0-63, nodes 0-7)',
    );

    const cleared = client.waitForDiagnostics(chosenUri, (p) => !hasCode('cpuset-beyond-host')(p));
    await client.connection.sendNotification(DOCUMENT_CONNECTION_NOTIFICATION, { textDocument: { uri: chosenUri }, connection: '' } satisfies DocumentConnection);
    await cleared;

    const back = client.waitForDiagnostics(chosenUri, hasCode('cpuset-beyond-host'));
    await client.connection.sendNotification(DOCUMENT_CONNECTION_NOTIFICATION, chosen);
    await back;
    const untrusted = client.waitForDiagnostics(chosenUri, (p) => !hasCode('cpuset-beyond-host')(p));
    await client.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: false } satisfies WorkspaceTrust);
    await untrusted;
    const hover = await client.hover(chosenUri, { line: 0, character: 3 });
    assert.match((hover?.contents as MarkupContent).value, /\*\*libvirt host:\*\* Not checked against test:\/\/\/default: the workspace is not trusted\./);
  } finally {
    await client.stop();
  }
});
