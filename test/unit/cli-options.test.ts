import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError, localeLanguage, parseArguments, takeLanguage, usage } from '../../server/src/cli/options';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const DEFAULTS = { maxProblems: DEFAULT_SETTINGS.maxProblems, schemaDirectory: undefined, host: undefined };

test('check takes paths, - and options in any order; the defaults are the server settings', () => {
  const defaults = { kind: 'check', format: 'text', connect: undefined, jobs: undefined, ...DEFAULTS };
  assert.deepEqual(parseArguments(['check', 'a.xml', '-', 'dir']), { ...defaults, paths: ['a.xml', '-', 'dir'] });
  assert.deepEqual(parseArguments(['check', '--jobs', '4', 'dir', '--jobs=1']), { ...defaults, paths: ['dir'], jobs: 1 });
  assert.deepEqual(parseArguments(['check', '--format=sarif', 'a.xml', '--max-problems', '5']), { ...defaults, paths: ['a.xml'], format: 'sarif', maxProblems: 5 });
  assert.deepEqual(parseArguments(['check', '--format', 'json', '--', '--odd-name.xml', '-']), { ...defaults, paths: ['--odd-name.xml', '-'], format: 'json' });
  assert.deepEqual(parseArguments(['check', '--schema', '/usr/share/libvirt/schemas', 'a.xml']), { ...defaults, paths: ['a.xml'], schemaDirectory: '/usr/share/libvirt/schemas' });
});

test('fix takes files, directories or - alone, and --dry-run', () => {
  const defaults = { kind: 'fix', dryRun: false, ...DEFAULTS };
  assert.deepEqual(parseArguments(['fix', 'a.xml', 'dir']), { ...defaults, paths: ['a.xml', 'dir'] });
  assert.deepEqual(parseArguments(['fix', 'a.xml', '--dry-run']), { ...defaults, paths: ['a.xml'], dryRun: true });
  assert.deepEqual(parseArguments(['fix', '-']), { ...defaults, paths: ['-'] });
  assert.deepEqual(parseArguments(['fix', '--schema=s', '--max-problems', '3', '--', '--odd.xml']), { ...defaults, paths: ['--odd.xml'], schemaDirectory: 's', maxProblems: 3 });
});

test('--host-cpus and --host-nodes read cpuset lists as libvirt does; without them there is no host', () => {
  assert.deepEqual(parseArguments(['check', '--host-cpus', '0-15', 'a.xml']), { kind: 'check', format: 'text', connect: undefined, jobs: undefined, ...DEFAULTS, paths: ['a.xml'], host: { cpus: [[0, 15]] } });
  const both = parseArguments(['fix', '--host-nodes=0-1', '--host-cpus', '0-7,16-23,^5', 'a.xml']);
  assert.ok(both.kind === 'fix');
  assert.deepEqual(both.host, { cpus: [[0, 4], [6, 7], [16, 23]], nodes: [[0, 1]] });
  const nodesOnly = parseArguments(['check', '--host-nodes', '0', 'a.xml']);
  assert.ok(nodesOnly.kind === 'check');
  assert.deepEqual(nodesOnly.host, { nodes: [[0, 0]] });
});

test('--connect names the libvirt host check reads (with --virsh, the virsh to read it with)', () => {
  const checked = parseArguments(['check', '--connect', 'test:///default', 'a.xml']);
  assert.ok(checked.kind === 'check');
  assert.deepEqual(checked.connect, { uri: 'test:///default', virshPath: undefined });
  assert.equal(checked.host, undefined);
  const withVirsh = parseArguments(['check', '--virsh=/opt/bin/virsh', '--connect=qemu+ssh://root@kvm01/system', 'a.xml']);
  assert.ok(withVirsh.kind === 'check');
  assert.deepEqual(withVirsh.connect, { uri: 'qemu+ssh://root@kvm01/system', virshPath: '/opt/bin/virsh' });
});

test('help and version', () => {
  assert.deepEqual(parseArguments(['--help']), { kind: 'help' });
  assert.deepEqual(parseArguments(['check', 'a.xml', '-h']), { kind: 'help' });
  assert.deepEqual(parseArguments(['fix', '--help']), { kind: 'help' });
  assert.deepEqual(parseArguments(['--version']), { kind: 'version' });
});

test('what cannot be used is a usage error that says why', () => {
  const cases: [string[], RegExp][] = [
    [[], /no command/],
    [['validate', 'a.xml'], /unknown command "validate"/],
    [['check'], /check needs at least one FILE/],
    [['fix', '--dry-run'], /fix needs at least one FILE/],
    [['check', '--format'], /--format needs a value/],
    [['check', '--format', 'html', 'a.xml'], /--format must be text, json, sarif, not "html"/],
    [['check', '--max-problems', '-3', 'a.xml'], /--max-problems must be a whole number/],
    [['check', '--max-problems=1.5', 'a.xml'], /--max-problems must be a whole number/],
    [['check', '--jobs', '0', 'a.xml'], /--jobs must be a whole number of at least 1, not "0"/],
    [['check', '--jobs=all', 'a.xml'], /--jobs must be a whole number/],
    [['check', 'a.xml', '--jobs'], /--jobs needs a value/],
    [['fix', '--jobs', '2', 'a.xml'], /--jobs is for check/],
    [['check', 'a.xml', '--schema'], /--schema needs a value/],
    [['check', '--color', 'a.xml'], /unknown option --color/],
    [['check', '--dry-run', 'a.xml'], /--dry-run is for fix/],
    [['fix', '--format', 'json', 'a.xml'], /--format is for check/],
    [['fix', '--dry-run=yes', 'a.xml'], /--dry-run takes no value/],
    [['fix', '-', 'a.xml'], /fix reads - \(standard input\) alone/],
    [['check', 'a.xml', '--host-cpus'], /--host-cpus needs a value/],
    [['check', 'a.xml', '--connect'], /--connect needs a value/],
    [['check', '--connect', ' ', 'a.xml'], /--connect needs a value/],
    [['fix', '--connect', 'test:///default', 'a.xml'], /--connect is for check/],
    [['check', '--virsh', '/usr/bin/virsh', 'a.xml'], /--virsh is for --connect/],
    [['check', '--connect', 'test:///default', '--host-cpus', '0-3', 'a.xml'], /--connect takes the host from libvirt/],
    [['check', '--host-cpus', '0-', 'a.xml'], /--host-cpus must be a list like 0-15 or 0-7,16-23, not "0-"/],
    [['check', '--host-cpus', '0, 1', 'a.xml'], /--host-cpus must be a list/],
    [['check', '--host-cpus', '4-1', 'a.xml'], /--host-cpus must be a list/],
    [['fix', '--host-nodes=^0', 'a.xml'], /--host-nodes must be a list like 0-1, not "\^0"/],
    [['fix', '--host-nodes', '16384', 'a.xml'], /--host-nodes must be a list/],
  ];
  for (const [args, message] of cases) assert.throws(() => parseArguments(args), (error: unknown) => error instanceof UsageError && message.test(error.message), args.join(' '));
});

test('--lang is taken out wherever it stands before --, and must be en or zh', () => {
  assert.deepEqual(takeLanguage(['check', '--lang', 'zh', 'a.xml']), { language: 'zh', rest: ['check', 'a.xml'] });
  assert.deepEqual(takeLanguage(['--lang=en', '--help']), { language: 'en', rest: ['--help'] });
  assert.deepEqual(takeLanguage(['check', 'a.xml']), { language: undefined, rest: ['check', 'a.xml'] });
  assert.deepEqual(takeLanguage(['check', '--', '--lang', 'zh']), { language: undefined, rest: ['check', '--', '--lang', 'zh'] }, 'after --, a path');
  assert.throws(() => takeLanguage(['check', '--lang', 'fr', 'a.xml']), (error: unknown) => error instanceof UsageError && error.message === '--lang must be en or zh, not "fr"');
  assert.throws(() => takeLanguage(['check', 'a.xml', '--lang']), (error: unknown) => error instanceof UsageError && error.message === '--lang needs a value');
});

test('without --lang, the language is the locale of messages: LC_ALL, then LC_MESSAGES, then LANG; zh… is Chinese', () => {
  assert.equal(localeLanguage({}), 'en');
  assert.equal(localeLanguage({ LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(localeLanguage({ LANG: 'zh_TW' }), 'zh');
  assert.equal(localeLanguage({ LANG: 'en_US.UTF-8' }), 'en');
  assert.equal(localeLanguage({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'C' }), 'en');
  assert.equal(localeLanguage({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(localeLanguage({ LC_ALL: 'C.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(localeLanguage({ LC_ALL: '', LANG: 'zh_CN.UTF-8' }), 'zh', 'an empty variable is not set');
});

test('--help in either language names every option', () => {
  const english = usage('en');
  const chinese = usage('zh');
  assert.match(chinese, /^用法：domxml check/);
  for (const option of english.match(/^ {2}(?:-h, )?--[a-z-]+/gm) ?? []) assert.ok(chinese.includes(option.trim()), option);
  assert.match(english, /--lang en\|zh/);
  assert.ok(english.includes(`(default ${DEFAULT_SETTINGS.maxProblems})`));
  assert.ok(chinese.includes(`（默认 ${DEFAULT_SETTINGS.maxProblems}）`));
});
