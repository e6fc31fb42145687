/**
 * virsh as we run it, against libvirt's test driver (`test:///default`: a host with one running
 * domain, `test`, whose state lives in the virsh process that opened it). Skipped where virsh is
 * not installed (CI installs Debian's libvirt-clients).
 */
import assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { VirshError, VirshSession, libvirtMessage, oneShotVirsh, virshQuote } from '../../server/src/libvirt/virsh';

const HAVE_VIRSH = cp.spawnSync('virsh', ['--version']).status === 0;
const skip = HAVE_VIRSH ? false : 'virsh is not installed (Debian: libvirt-clients)';
const TEST_URI = 'test:///default';

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'virsh-test-'));
}

async function refusal(promise: Promise<unknown>): Promise<VirshError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VirshError, String(error));
    return error;
  }
  assert.fail('expected virsh to fail');
}

test('virshQuote: single quotes, a quote escaped, no line breaks', () => {
  assert.equal(virshQuote('web01'), `'web01'`);
  assert.equal(virshQuote("it's"), `'it'\\''s'`);
  assert.throws(() => virshQuote('a\nb'), VirshError);
});

test("libvirtMessage keeps virsh's error lines, libvirt's reason last", () => {
  assert.equal(libvirtMessage('error: Failed to define domain from /tmp/x.xml\nerror: unsupported configuration: no boot\n\n'), 'Failed to define domain from /tmp/x.xml\nunsupported configuration: no boot');
  assert.equal(libvirtMessage('something else\n'), 'something else');
});

test('a session keeps one connection: a define is seen by the next dumpxml, and refusals carry libvirt’s words', { skip }, async () => {
  const dir = scratch();
  const session = new VirshSession(TEST_URI);
  try {
    assert.deepEqual((await session.run(['list', '--all', '--name'])).split('\n').filter(Boolean), ['test']);
    const file = path.join(dir, "it's web.xml");
    fs.writeFileSync(file, "<domain type='test'><name>web 01</name><memory>1024</memory><os><type>hvm</type></os></domain>");
    await session.run(['define', file]);
    assert.deepEqual((await session.run(['list', '--all', '--name'])).split('\n').filter(Boolean), ['test', 'web 01']);
    const xml = await session.run(['dumpxml', '--inactive', '--security-info', 'web 01']);
    assert.match(xml, /^<domain type='test'>\n {2}<name>web 01<\/name>/);
    assert.match(xml, /<\/domain>\n$/);
    const missing = await refusal(session.run(['dumpxml', "no'such"]));
    assert.equal(missing.failure, 'refused');
    assert.equal(missing.message, "failed to get domain 'no'such'");
    // The session goes on after a refusal.
    assert.equal((await session.run(['domstate', 'test'])).trim(), 'running');
  } finally {
    session.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a process per command: output, refusal', { skip }, async () => {
  const virsh = oneShotVirsh(TEST_URI);
  assert.match(await virsh.run(['capabilities']), /<capabilities>/);
  const missing = await refusal(virsh.run(['dumpxml', 'nosuch']));
  assert.equal(missing.failure, 'refused');
  assert.equal(missing.message, "failed to get domain 'nosuch'");
});

test('no virsh: a clear message naming the package, from both ways of running it', async () => {
  const absent = path.join(os.tmpdir(), 'no-such-dir', 'virsh');
  for (const virsh of [oneShotVirsh(TEST_URI, { virshPath: absent }), new VirshSession(TEST_URI, { virshPath: absent })]) {
    const error = await refusal(virsh.run(['list']));
    assert.equal(error.failure, 'missing');
    assert.match(error.message, /libvirt-clients/);
    if (virsh instanceof VirshSession) virsh.dispose();
  }
});

test('a virsh that never answers is killed at the timeout, and the session starts afresh', async () => {
  const dir = scratch();
  const stuck = path.join(dir, 'virsh');
  // Reads its commands and answers none; records its pid so the test can see it is gone.
  fs.writeFileSync(stuck, `#!/bin/sh\necho $$ >> "${dir}/pids"\nexec sleep 60\n`, { mode: 0o755 });
  const session = new VirshSession(TEST_URI, { virshPath: stuck });
  try {
    for (let round = 0; round < 2; round++) {
      const error = await refusal(session.run(['list'], 200));
      assert.equal(error.failure, 'timeout');
    }
    const pids = fs.readFileSync(path.join(dir, 'pids'), 'utf8').trim().split('\n').map(Number);
    assert.equal(pids.length, 2, 'one process per round');
    for (const pid of pids) {
      // exec'd sleep has the shell's pid; killed with SIGKILL, it is gone once reaped.
      await waitUntil(() => !alive(pid));
    }
    const oneShot = await refusal(oneShotVirsh(TEST_URI, { virshPath: stuck }).run(['list'], 200));
    assert.equal(oneShot.failure, 'timeout');
  } finally {
    session.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition());
}
