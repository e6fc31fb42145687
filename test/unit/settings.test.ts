import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/settings';

test('settings are read from the nested libvirtXml section', () => {
  const section = {
    language: 'zh',
    diagnostics: { maxProblems: 50.7 },
    analysis: { maxFileSizeMB: 64 },
    schema: { path: ' /usr/local/share/libvirt/schemas ', useSystemSchemas: true },
    host: { checks: false, cpus: ' 0-63 ', numaNodes: '0-3', connection: ' qemu+ssh://root@kvm01/system ' },
    virsh: { path: '/opt/libvirt/bin/virsh' },
    format: { quotes: 'single' },
  };
  assert.deepEqual(readSettings(section), {
    language: 'zh',
    maxProblems: 50,
    maxFileSizeMB: 64,
    schemaPath: '/usr/local/share/libvirt/schemas',
    useSystemSchemas: true,
    hostChecks: false,
    hostCpus: '0-63',
    hostNumaNodes: '0-3',
    hostConnection: 'qemu+ssh://root@kvm01/system',
    virshPath: '/opt/libvirt/bin/virsh',
    formatQuotes: 'single',
  });
});

test('missing or bad values fall back to the defaults', () => {
  for (const section of [undefined, null, 'x', {}, { docs: 'zh' }, { docs: { language: 'fr' }, diagnostics: { maxProblems: -1 }, analysis: { maxFileSizeMB: 'big' }, schema: { path: 3, useSystemSchemas: 'yes' }, host: { checks: 'no', cpus: 16, numaNodes: [0], connection: 1 }, virsh: { path: false }, format: { quotes: 'backtick' } }]) {
    assert.deepEqual(readSettings(section), DEFAULT_SETTINGS, JSON.stringify(section));
  }
});

test('libvirtXml.language wins; the older libvirtXml.docs.language still counts while the new one is auto', () => {
  const language = (section: Record<string, unknown>) => readSettings(section).language;
  assert.equal(language({ language: 'en', docs: { language: 'zh' } }), 'en');
  assert.equal(language({ language: 'auto', docs: { language: 'zh' } }), 'zh');
  assert.equal(language({ docs: { language: 'zh' } }), 'zh');
  assert.equal(language({ language: 'fr', docs: { language: 'en' } }), 'en');
  assert.equal(language({ language: 'auto' }), 'auto');
});
