import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: unknown; description: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

test('in Restricted Mode the settings that make us read files or run virsh come from user settings only', () => {
  const trust = manifest.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, 'limited');
  // VS Code gives the extension only the user's value of a restricted setting in an untrusted
  // workspace: the server reads the schema directory the first two name; the client connects to
  // the hosts and runs the virsh the last two name.
  assert.deepEqual(trust.restrictedConfigurations, ['libvirtXml.schema.path', 'libvirtXml.schema.useSystemSchemas', 'libvirtXml.connections', 'libvirtXml.virsh.path']);
  for (const key of trust.restrictedConfigurations ?? []) {
    assert.ok(key in manifest.contributes.configuration.properties, `${key} is a setting`);
    assert.ok(trust.description.includes(key), `the description names ${key}`);
  }
});
