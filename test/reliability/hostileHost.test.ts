/**
 * A libvirt host that answers badly, through `domxml check --connect` with a `virsh` of our own
 * (`--virsh`, a shell script): a capabilities document of 4 million nested elements, one with
 * 150,000 CPUs and machines, plain garbage, a virsh that fails. Each run ends in seconds, the
 * documents are still checked, and what could not be read is said.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runDomxml } from '../lsp/domxmlProcess';

const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>2</vcpu>
  <cputune><vcpupin vcpu='0' cpuset='3'/></cputune>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
</domain>
`;

let workDir: string;
before(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-hostile-host-'));
  fs.writeFileSync(path.join(workDir, 'web01.xml'), DOMAIN);
});
after(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** A virsh that prints what `capabilities` writes for `capabilities`, and refuses the rest. */
function fakeVirsh(name: string, capabilities: string): string {
  const script = path.join(workDir, name);
  const generator = path.join(workDir, `${name}.gen.js`);
  fs.writeFileSync(generator, `process.stdout.write(${capabilities});\n`);
  fs.writeFileSync(
    script,
    `#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    capabilities) exec "${process.execPath}" "${generator}" ;;
    hostname) echo hostile; exit 0 ;;
  esac
done
echo "error: this function is not supported by the connection driver: virConnectGetDomainCapabilities" >&2
exit 1
`,
  );
  fs.chmodSync(script, 0o755);
  return script;
}

function check(virsh: string) {
  const started = Date.now();
  const run = runDomxml(['check', '--connect', 'qemu:///hostile', '--virsh', virsh, 'web01.xml'], { cwd: workDir });
  return { ...run, seconds: (Date.now() - started) / 1000 };
}

test('4 million nested elements in the capabilities: refused as too large or read in one pass, in seconds', () => {
  const run = check(fakeVirsh('deep', `'<capabilities>' + '<host>'.repeat(4_000_000) + '</capabilities>'`));
  assert.ok(run.seconds < 30, `${run.seconds} s`);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /cannot check against qemu:\/\/\/hostile: the <capabilities> document is \d+ MB, over the 8 MB read/);
});

test('150,000 CPUs and 150,000 machines: lists cut, the document checked against what was read', () => {
  const cpus = `"<cpu id='" + i + "'/>"`;
  const capabilities = `'<capabilities><host><cpu><arch>x86_64</arch></cpu><topology><cells><cell id="0"><cpus>' + Array.from({ length: 150000 }, (_, i) => ${cpus}).join('') + '</cpus></cell></cells></topology></host><guest><os_type>hvm</os_type><arch name="x86_64"><machine>pc</machine>' + Array.from({ length: 150000 }, (_, i) => '<machine>m' + i + '</machine>').join('') + '<domain type="kvm"/></arch></guest></capabilities>'`;
  const run = check(fakeVirsh('wide', capabilities));
  assert.ok(run.seconds < 30, `${run.seconds} s`);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stderr, /note: qemu:\/\/\/hostile \(hostile\) has no domcapabilities/);
});

test('garbage for capabilities, and a virsh that fails: said, the document checked without the host', () => {
  const garbage = check(fakeVirsh('garbage', `'\\u0000'.repeat(1000) + '<<<>>>&&&'`));
  assert.equal(garbage.status, 2);
  assert.match(garbage.stderr, /cannot check against qemu:\/\/\/hostile: the answer is not a <capabilities> document/);
  const failing = path.join(workDir, 'failing');
  fs.writeFileSync(failing, '#!/bin/sh\necho "error: failed to connect to the hypervisor" >&2\nexit 1\n');
  fs.chmodSync(failing, 0o755);
  const refused = check(failing);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /cannot check against qemu:\/\/\/hostile: failed to connect to the hypervisor/);
  assert.match(refused.stderr, /checked 1 document/);
});
