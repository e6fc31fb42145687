import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/settings';

test('settings are read from the nested libvirtXml section', () => {
  const section = {
    docs: { language: 'zh' },
    diagnostics: { maxProblems: 50.7 },
    analysis: { maxFileSizeMB: 64 },
    schema: { path: ' /usr/local/share/libvirt/schemas ', useSystemSchemas: true },
    host: { checks: false, cpus: ' 0-63 ', numaNodes: '0-3' },
    format: { quotes: 'single' },
  };
  assert.deepEqual(readSettings(section), {
    docsLanguage: 'zh',
    maxProblems: 50,
    maxFileSizeMB: 64,
    schemaPath: '/usr/local/share/libvirt/schemas',
    useSystemSchemas: true,
    hostChecks: false,
    hostCpus: '0-63',
    hostNumaNodes: '0-3',
    formatQuotes: 'single',
  });
});

test('missing or bad values fall back to the defaults', () => {
  for (const section of [undefined, null, 'x', {}, { docs: 'zh' }, { docs: { language: 'fr' }, diagnostics: { maxProblems: -1 }, analysis: { maxFileSizeMB: 'big' }, schema: { path: 3, useSystemSchemas: 'yes' }, host: { checks: 'no', cpus: 16, numaNodes: [0] }, format: { quotes: 'backtick' } }]) {
    assert.deepEqual(readSettings(section), DEFAULT_SETTINGS, JSON.stringify(section));
  }
});
