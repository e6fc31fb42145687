/**
 * The cache of what virsh says of each host (libvirt/hostFacts.ts), with a virsh of our own: a
 * lookup never waits, an answer says which connection it is for, a failure is said once and
 * tried again only later, old answers are read again, and both tables stay bounded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostFactsCache, domainCapabilitiesArgs } from '../../server/src/libvirt/hostFacts';
import { Virsh, VirshError } from '../../server/src/libvirt/virsh';
import { fixture } from './helpers/hostFixtures';

interface Call {
  uri: string;
  args: readonly string[];
  finish: () => void;
}

/** A virsh whose answers come from `answer` when the test says (`settle`), or at once with `auto`. */
function fakeVirsh(answer: (uri: string, args: readonly string[]) => string | VirshError, auto = false) {
  const calls: Call[] = [];
  const pending: Call[] = [];
  const virsh = (uri: string): Virsh => ({
    run: (args) =>
      new Promise((resolve, reject) => {
        const call: Call = {
          uri,
          args,
          finish: () => {
            const said = answer(uri, args);
            if (said instanceof VirshError) reject(said);
            else resolve(said);
          },
        };
        calls.push(call);
        if (auto) call.finish();
        else pending.push(call);
      }),
  });
  /** Answers every virsh run waiting, and those they start, until none waits. */
  const settle = async (): Promise<void> => {
    for (let round = 0; round < 20; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (pending.length === 0) return;
      for (const call of pending.splice(0)) call.finish();
    }
  };
  return { virsh, calls, settle, pending };
}

const CAPS = fixture('test-default.capabilities.xml');
const DOMCAPS = fixture('qemu_2.11.0-q35.x86_64.xml');

function answers(uri: string, args: readonly string[]): string | VirshError {
  if (uri === 'qemu:///refused') return new VirshError('refused', 'failed to connect to the hypervisor\nFailed to connect socket');
  if (args[0] === 'capabilities') return CAPS;
  if (args[0] === 'hostname') return 'kvm01\n';
  if (uri === 'test:///default') return new VirshError('refused', 'failed to get emulator capabilities\nthis function is not supported by the connection driver: virConnectGetDomainCapabilities');
  if (args.includes('/no/such/qemu')) return new VirshError('refused', 'failed to get emulator capabilities\nCannot check QEMU binary /no/such/qemu: No such file or directory');
  return DOMCAPS;
}

test('domcapabilities are asked with what the domain gives and nothing else', () => {
  assert.deepEqual(domainCapabilitiesArgs({ virttype: 'kvm' }), ['domcapabilities', '--virttype', 'kvm']);
  assert.deepEqual(domainCapabilitiesArgs({ virttype: 'kvm', arch: 'x86_64', machine: 'q35', emulator: '/usr/bin/qemu-kvm' }), [
    'domcapabilities',
    '--virttype',
    'kvm',
    '--arch',
    'x86_64',
    '--machine',
    'q35',
    '--emulator',
    '/usr/bin/qemu-kvm',
  ]);
});

test('a lookup never waits: pending first, the answer once read, with the host name; onChange says which connection', async () => {
  const fake = fakeVirsh(answers);
  const changed: string[] = [];
  const cache = new HostFactsCache({ virsh: fake.virsh, onChange: (uri) => changed.push(uri) });
  assert.deepEqual(cache.host('qemu:///system'), { state: 'pending' });
  assert.deepEqual(cache.host('qemu:///system'), { state: 'pending' }, 'asked again while reading: no second read');
  await fake.settle();
  const answer = cache.host('qemu:///system');
  assert.equal(answer.state, 'ready');
  assert.ok(answer.state === 'ready');
  assert.equal(answer.host.hostname, 'kvm01');
  assert.equal(answer.host.capabilities.cpus?.length, 16);
  assert.deepEqual(
    fake.calls.map((call) => call.args[0]),
    ['capabilities', 'hostname'],
  );
  assert.deepEqual(changed, ['qemu:///system']);
  assert.equal(cache.host('qemu:///system'), answer, 'the same answer while it is fresh');
  assert.equal(fake.calls.length, 2);
});

test('a failure is reported once and tried again only after retryMs, however often it is asked for', async () => {
  let now = 0;
  const fake = fakeVirsh(answers);
  const failures: string[] = [];
  const cache = new HostFactsCache({ virsh: fake.virsh, now: () => now, retryMs: 60_000, onFailure: (uri, message) => failures.push(`${uri}: ${message}`) });
  cache.host('qemu:///refused');
  await fake.settle();
  for (let i = 0; i < 100; i++) assert.equal(cache.host('qemu:///refused').state, 'failed');
  assert.equal(fake.calls.length, 1, 'no retry per keystroke');
  assert.deepEqual(failures, ['qemu:///refused: failed to connect to the hypervisor\nFailed to connect socket']);
  now = 61_000;
  assert.equal(cache.host('qemu:///refused').state, 'failed', 'the old answer stands while the retry runs');
  await fake.settle();
  assert.equal(fake.calls.length, 2, 'tried again once');
  assert.equal(failures.length, 1, 'the same failure is not said again');
});

test('virsh missing is a failure with its words; an answer that is not a capabilities document is one too', async () => {
  const missing = fakeVirsh(() => new VirshError('missing', 'virsh was not found (virsh): install libvirt-clients'));
  const said: string[] = [];
  const cache = new HostFactsCache({ virsh: missing.virsh, onFailure: (_uri, message) => said.push(message) });
  cache.host('qemu:///system');
  await missing.settle();
  assert.deepEqual(cache.host('qemu:///system'), { state: 'failed', message: 'virsh was not found (virsh): install libvirt-clients' });
  assert.deepEqual(said, ['virsh was not found (virsh): install libvirt-clients']);
  const garbage = fakeVirsh(() => 'hello', true);
  const other = new HostFactsCache({ virsh: garbage.virsh });
  assert.equal((await other.loadHost('qemu:///system')).state, 'failed');
});

test('old answers are read again in the background; the old one serves meanwhile', async () => {
  let now = 0;
  const fake = fakeVirsh(answers, true);
  const cache = new HostFactsCache({ virsh: fake.virsh, now: () => now, maxAgeMs: 1000 });
  const first = await cache.loadHost('qemu:///system');
  now = 2000;
  const during = cache.host('qemu:///system');
  assert.equal(during, first, 'the old answer while the new one is read');
  const second = await cache.loadHost('qemu:///system');
  assert.notEqual(second, first);
  assert.equal(second.state, 'ready');
  cache.refresh('qemu:///system');
  assert.deepEqual(cache.host('qemu:///system'), { state: 'pending' }, 'refresh forgets');
});

test("domcapabilities: per query; a driver without them is said once per connection, a refused query is that query's answer", async () => {
  const fake = fakeVirsh(answers, true);
  const failures: string[] = [];
  const cache = new HostFactsCache({ virsh: fake.virsh, onFailure: (uri) => failures.push(uri) });
  const ready = await cache.loadDomainCapabilities('qemu:///system', { virttype: 'kvm', arch: 'x86_64' });
  assert.equal(ready.state, 'ready');
  assert.ok(ready.state === 'ready');
  assert.equal(ready.capabilities.machine, 'pc-q35-2.11');
  const missing = await cache.loadDomainCapabilities('qemu:///system', { virttype: 'kvm', arch: 'x86_64', emulator: '/no/such/qemu' });
  assert.deepEqual(missing, { state: 'refused', message: 'Cannot check QEMU binary /no/such/qemu: No such file or directory' });
  const none = await cache.loadDomainCapabilities('test:///default', { virttype: 'test', arch: 'i686' });
  assert.deepEqual(none, { state: 'unsupported', message: 'this function is not supported by the connection driver: virConnectGetDomainCapabilities' });
  const calls = fake.calls.length;
  assert.equal(cache.domainCapabilities('test:///default', { virttype: 'test', arch: 'i686', machine: 'other' }).state, 'unsupported', 'any query of that connection');
  assert.equal(fake.calls.length, calls, 'without asking virsh again');
  assert.deepEqual(failures, [], 'neither is a failure');
});

test('the tables are bounded, least recently used out; at most `concurrency` virsh processes run at once', async () => {
  const fake = fakeVirsh(answers);
  const cache = new HostFactsCache({ virsh: fake.virsh, maxConnections: 2, maxDomainCapabilities: 3, concurrency: 2 });
  for (const uri of ['qemu+ssh://a/system', 'qemu+ssh://b/system', 'qemu+ssh://c/system']) cache.host(uri);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(fake.pending.length, 2, 'two at a time');
  await fake.settle();
  assert.equal(cache.host('qemu+ssh://c/system').state, 'ready');
  assert.deepEqual(cache.host('qemu+ssh://a/system'), { state: 'pending' }, 'the oldest was dropped and is read again');
  await fake.settle();
  for (let i = 0; i < 10; i++) cache.domainCapabilities('qemu+ssh://a/system', { virttype: 'kvm', machine: `pc-${i}` });
  await fake.settle();
  const before = fake.calls.length;
  assert.equal(cache.domainCapabilities('qemu+ssh://a/system', { virttype: 'kvm', machine: 'pc-9' }).state, 'ready', 'a recent one is kept');
  assert.deepEqual(cache.domainCapabilities('qemu+ssh://a/system', { virttype: 'kvm', machine: 'pc-0' }), { state: 'pending' }, 'an old one is not');
  assert.equal(fake.calls.length, before + 1);
});
