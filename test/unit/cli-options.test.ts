import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArguments, UsageError } from '../../server/src/cli/options';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

test('check takes paths, - and options in any order; the defaults are the server settings', () => {
  const defaults = { kind: 'check', format: 'text', maxProblems: DEFAULT_SETTINGS.maxProblems, schemaDirectory: undefined };
  assert.deepEqual(parseArguments(['check', 'a.xml', '-', 'dir']), { ...defaults, paths: ['a.xml', '-', 'dir'] });
  assert.deepEqual(parseArguments(['check', '--format=sarif', 'a.xml', '--max-problems', '5']), { ...defaults, paths: ['a.xml'], format: 'sarif', maxProblems: 5 });
  assert.deepEqual(parseArguments(['check', '--format', 'json', '--', '--odd-name.xml', '-']), { ...defaults, paths: ['--odd-name.xml', '-'], format: 'json' });
  assert.deepEqual(parseArguments(['check', '--schema', '/usr/share/libvirt/schemas', 'a.xml']), { ...defaults, paths: ['a.xml'], schemaDirectory: '/usr/share/libvirt/schemas' });
});

test('help and version', () => {
  assert.deepEqual(parseArguments(['--help']), { kind: 'help' });
  assert.deepEqual(parseArguments(['check', 'a.xml', '-h']), { kind: 'help' });
  assert.deepEqual(parseArguments(['--version']), { kind: 'version' });
});

test('what cannot be used is a usage error that says why', () => {
  const cases: [string[], RegExp][] = [
    [[], /no command/],
    [['validate', 'a.xml'], /unknown command "validate"/],
    [['check'], /at least one FILE/],
    [['check', '--format'], /--format needs a value/],
    [['check', '--format', 'html', 'a.xml'], /--format must be text, json, sarif, not "html"/],
    [['check', '--max-problems', '-3', 'a.xml'], /--max-problems must be a whole number/],
    [['check', '--max-problems=1.5', 'a.xml'], /--max-problems must be a whole number/],
    [['check', 'a.xml', '--schema'], /--schema needs a value/],
    [['check', '--color', 'a.xml'], /unknown option --color/],
  ];
  for (const [args, message] of cases) assert.throws(() => parseArguments(args), (error: unknown) => error instanceof UsageError && message.test(error.message), args.join(' '));
});
