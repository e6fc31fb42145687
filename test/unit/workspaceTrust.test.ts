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
  // the hosts and runs the virsh the next two name; the server checks documents against the
  // host the last one names, with that virsh.
  assert.deepEqual(trust.restrictedConfigurations, [
    'libvirtXml.schema.path',
    'libvirtXml.schema.useSystemSchemas',
    'libvirtXml.connections',
    'libvirtXml.virsh.path',
    'libvirtXml.host.connection',
  ]);
  for (const key of trust.restrictedConfigurations ?? []) {
    assert.ok(key in manifest.contributes.configuration.properties, `${key} is a setting`);
    assert.ok(trust.description.includes(key), `the description names ${key}`);
  }
});

test('the settings that name a libvirt host or the virsh to run are application settings: a workspace cannot set them', () => {
  const properties = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
  for (const key of ['libvirtXml.connections', 'libvirtXml.virsh.path', 'libvirtXml.host.connection']) assert.equal(properties[key]?.scope, 'application', key);
});
