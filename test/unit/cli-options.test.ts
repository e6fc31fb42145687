import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArguments, UsageError } from '../../server/src/cli/options';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

test('check takes paths, - and options in any order; the defaults are the server settings', () => {
  assert.deepEqual(parseArguments(['check', 'a.xml', '-', 'dir']), { kind: 'check', paths: ['a.xml', '-', 'dir'], format: 'text', maxProblems: DEFAULT_SETTINGS.maxProblems });
  assert.deepEqual(parseArguments(['check', '--format=sarif', 'a.xml', '--max-problems', '5']), { kind: 'check', paths: ['a.xml'], format: 'sarif', maxProblems: 5 });
  assert.deepEqual(parseArguments(['check', '--format', 'json', '--', '--odd-name.xml', '-']), { kind: 'check', paths: ['--odd-name.xml', '-'], format: 'json', maxProblems: DEFAULT_SETTINGS.maxProblems });
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
    [['check', '--schema', 'dir', 'a.xml'], /unknown option --schema/],
  ];
  for (const [args, message] of cases) assert.throws(() => parseArguments(args), (error: unknown) => error instanceof UsageError && message.test(error.message), args.join(' '));
});
