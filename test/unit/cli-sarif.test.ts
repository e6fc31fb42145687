import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { Problem } from '../../server/src/cli/check';
import { SarifLog, formatSarif } from '../../server/src/cli/sarifFormat';

const problem = (file: string, severity: Problem['severity'], code: string): Problem => ({ file, line: 2, column: 3, endLine: 2, endColumn: 7, severity, code, message: `${code} here` });
const root = path.resolve('/srv/guests');

function sarif(problems: Problem[], failures: string[] = []): SarifLog {
  return JSON.parse(formatSarif(problems, { toolName: 'domxml', toolVersion: '1.2.3', workingDirectory: root, failures })) as SarifLog;
}

test('paths under the working directory are relative to %SRCROOT%; others, and stdin, are whole URIs', () => {
  const log = sarif([problem('web/a b.xml', 'error', 'x'), problem(path.join(root, 'db.xml'), 'error', 'x'), problem('/etc/libvirt/qemu/c.xml', 'error', 'x'), problem('<stdin>', 'error', 'x')]);
  assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, 'file:///srv/guests/');
  assert.deepEqual(
    log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation),
    [{ uri: 'web/a%20b.xml', uriBaseId: '%SRCROOT%' }, { uri: 'db.xml', uriBaseId: '%SRCROOT%' }, { uri: 'file:///etc/libvirt/qemu/c.xml' }, { uri: '%3Cstdin%3E' }],
  );
});

test('one rule per code, sorted, each result pointing at its rule; info and hint are notes', () => {
  const log = sarif([problem('a.xml', 'info', 'zeta'), problem('a.xml', 'error', 'alpha'), problem('b.xml', 'hint', 'zeta'), problem('b.xml', 'warning', 'mid')]);
  const { rules } = log.runs[0].tool.driver;
  assert.deepEqual(rules, [{ id: 'alpha' }, { id: 'mid' }, { id: 'zeta' }]);
  assert.deepEqual(
    log.runs[0].results.map((r) => [r.ruleId, rules[r.ruleIndex].id, r.level]),
    [['zeta', 'zeta', 'note'], ['alpha', 'alpha', 'error'], ['zeta', 'zeta', 'note'], ['mid', 'mid', 'warning']],
  );
  assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 7 });
});

test('files that could not be read make the invocation unsuccessful, with a notification each', () => {
  const log = sarif([], ['cannot read gone.xml: no such file or directory']);
  assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'cannot read gone.xml: no such file or directory' } }] }]);
  assert.deepEqual(log.runs[0].results, []);
  assert.equal(log.runs[0].tool.driver.version, '1.2.3');
});

test("a libvirt rule's entry has its description and libvirt.org help; its results link the other party", () => {
  const twice: Problem = {
    ...problem('a.xml', 'error', 'vcpupin-duplicate'),
    related: [{ line: 1, column: 5, endLine: 1, endColumn: 6, message: 'The first `<vcpupin>` of vCPU 1' }],
    help: 'Each vCPU takes at most one `<vcpupin>`. Merge them.',
    helpUri: 'https://libvirt.org/formatdomain.html#cpu-tuning',
  };
  const log = sarif([twice, problem('a.xml', 'error', 'bad-attribute-value')]);
  assert.deepEqual(log.runs[0].tool.driver.rules, [
    { id: 'bad-attribute-value' },
    {
      id: 'vcpupin-duplicate',
      shortDescription: { text: 'Each vCPU takes at most one `<vcpupin>`.' },
      fullDescription: { text: twice.help },
      help: { text: twice.help, markdown: twice.help },
      helpUri: twice.helpUri,
    },
  ]);
  assert.deepEqual(log.runs[0].results[0].relatedLocations, [
    {
      id: 0,
      physicalLocation: { artifactLocation: { uri: 'a.xml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 6 } },
      message: { text: 'The first `<vcpupin>` of vCPU 1' },
    },
  ]);
  assert.equal(log.runs[0].results[1].relatedLocations, undefined);
});
