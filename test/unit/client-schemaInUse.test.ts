import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaStatusText } from '../../client/src/schemaInUse';

test('the status names the bundled schema, or the user directory with its version when known', () => {
  assert.deepEqual(schemaStatusText({ description: 'libvirt 12.8.0 (bundled)', libvirt: '12.8.0', location: 'bundled' }), {
    text: 'libvirt 12.8.0 schema (bundled)',
    detail: '',
    warning: false,
  });
  assert.deepEqual(schemaStatusText({ description: 'libvirt 10.0.0 (/usr/share/libvirt/schemas)', libvirt: '10.0.0', location: '/usr/share/libvirt/schemas' }), {
    text: 'libvirt 10.0.0 schema',
    detail: '/usr/share/libvirt/schemas',
    warning: false,
  });
  assert.deepEqual(schemaStatusText({ description: 'libvirt schema from /home/me/schemas', libvirt: 'unknown', location: '/home/me/schemas' }), {
    text: 'libvirt schema',
    detail: '/home/me/schemas',
    warning: false,
  });
});

test('a schema that failed, or none at all, is a warning that gives the reason, beside the schema used instead', () => {
  const error = '/home/me/schemas has no domain.rng';
  assert.deepEqual(schemaStatusText({ description: 'libvirt 12.8.0 (bundled)', libvirt: '12.8.0', location: 'bundled', error }), {
    text: 'libvirt 12.8.0 schema (bundled)',
    detail: `your schema is not used: ${error}`,
    warning: true,
  });
  assert.deepEqual(schemaStatusText({ description: 'no schema: well-formedness is checked only', libvirt: 'unknown', location: 'none', error }), {
    text: 'No libvirt schema',
    detail: `your schema is not used: ${error}`,
    warning: true,
  });
  assert.deepEqual(schemaStatusText({ description: 'no schema: well-formedness is checked only', libvirt: 'unknown', location: 'none' }), {
    text: 'No libvirt schema',
    detail: 'well-formedness is checked only',
    warning: true,
  });
});
