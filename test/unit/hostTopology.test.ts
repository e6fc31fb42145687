import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ONLINE_CPUS, ONLINE_NODES, hostTopology } from '../../server/src/hostTopology';

const machine = (files: Record<string, string>) => (file: string): string => {
  if (file in files) return files[file];
  throw new Error(`ENOENT: ${file}`);
};
const ON = { hostChecks: true, hostCpus: '', hostNumaNodes: '' };

test("without settings, the machine's online CPUs and nodes", () => {
  assert.deepEqual(hostTopology(ON, machine({ [ONLINE_CPUS]: '0-3,8-11\n', [ONLINE_NODES]: '0-1\n' })), {
    topology: { cpus: [[0, 3], [8, 11]], nodes: [[0, 1]] },
    problems: [],
  });
  assert.deepEqual(hostTopology(ON, machine({ [ONLINE_CPUS]: '0\n' })), { topology: { cpus: [[0, 0]] }, problems: [] }, 'no NUMA in sysfs: nodes unknown');
});

test('the settings win over the machine, and a bad one is said and skipped', () => {
  const files = machine({ [ONLINE_CPUS]: '0-3\n', [ONLINE_NODES]: '0\n' });
  assert.deepEqual(hostTopology({ ...ON, hostCpus: '0-63', hostNumaNodes: '0-3' }, files).topology, { cpus: [[0, 63]], nodes: [[0, 3]] });
  const bad = hostTopology({ ...ON, hostCpus: '0 - 63' }, files);
  assert.deepEqual(bad.topology, { nodes: [[0, 0]] });
  assert.match(bad.problems[0], /libvirtXml.host.cpus "0 - 63" is not a list/);
});

test('switched off: no topology, nothing read', () => {
  assert.deepEqual(hostTopology({ ...ON, hostChecks: false }, () => assert.fail('read')), { topology: undefined, problems: [] });
});
