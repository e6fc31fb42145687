/** The Libvirt view's pure parts: virsh's domain list read, and live definitions' URIs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isActive, parseDomainList } from '../../client/src/libvirt/domainList';
import { liveDomainOf, liveUriParts } from '../../client/src/libvirt/liveUri';

test('virsh list --all: ids, names with spaces, every state word', () => {
  const output = [
    ' Id   Name            State',
    '----------------------------------',
    ' 1    test            running',
    ' 12   web 01 running  paused',
    ' -    db-02           shut off',
    ' -    win11           in shutdown',
    ' 3    x               pmsuspended',
    '',
  ].join('\n');
  assert.deepEqual(parseDomainList(output), [
    { id: 1, name: 'test', state: 'running' },
    { id: 12, name: 'web 01 running', state: 'paused' },
    { id: undefined, name: 'db-02', state: 'shut off' },
    { id: undefined, name: 'win11', state: 'in shutdown' },
    { id: 3, name: 'x', state: 'pmsuspended' },
  ]);
  assert.deepEqual(parseDomainList(''), []);
  assert.equal(isActive('running'), true);
  assert.equal(isActive('paused'), true);
  assert.equal(isActive('shut off'), false);
});

test('a live definition URI names its connection and domain, and reads back', () => {
  const cases: [string, string, { authority: string; path: string; query: string }][] = [
    ['qemu:///system', 'web01', { authority: '', path: '/qemu/system/web01.xml', query: '' }],
    ['test:///default', 'test', { authority: '', path: '/test/default/test.xml', query: '' }],
    ['qemu+ssh://root@kvm01/system', 'db 02', { authority: 'root@kvm01', path: '/qemu+ssh/system/db 02.xml', query: '' }],
    ['qemu+ssh://kvm01:2222/system?keyfile=/root/.ssh/id', 'a/b%c', { authority: 'kvm01:2222', path: '/qemu+ssh/system/a%2Fb%25c.xml', query: 'keyfile=/root/.ssh/id' }],
    ['test:///srv/hosts/node.xml', 'vm', { authority: '', path: '/test/srv/hosts/node.xml/vm.xml', query: '' }],
  ];
  for (const [connection, name, parts] of cases) {
    assert.deepEqual(liveUriParts({ connection, name }), { scheme: 'libvirt', ...parts }, connection);
    assert.deepEqual(liveDomainOf({ scheme: 'libvirt', ...parts }), { connection, name }, connection);
  }
  assert.equal(liveDomainOf({ scheme: 'file', authority: '', path: '/etc/libvirt/qemu/web01.xml', query: '' }), undefined);
  assert.equal(liveDomainOf({ scheme: 'libvirt', authority: '', path: '/qemu/system', query: '' }), undefined);
  assert.throws(() => liveUriParts({ connection: 'not a uri', name: 'x' }));
});
