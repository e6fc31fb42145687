/**
 * What validation says of a document must not depend on what the engine validated before: the
 * engine numbers patterns as it makes them, and alternatives ordered by those numbers came out in
 * another order after other documents (the editor's warm-up, a batched `domxml check`).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { documentFindings } from '../../server/src/features/diagnostics';
import { Finding } from '../../server/src/finding';
import { fromModel } from '../../server/src/schema/model';
import { Schema, loadModelFile } from '../../server/src/schema/schema';
import { analysisOf } from './helpers/documents';

const MODEL = loadModelFile(path.resolve(__dirname, '..', '..', '..', 'schemas', 'libvirt-domain.json'));

/** A schema whose engine has validated nothing yet. */
const freshSchema = (): Schema => Schema.fromModel(MODEL, 'bundled');

/** Validated first, it made the values `network`, `usb`, `sata` and `cdrom` before `<boot>`'s and `<controller>`'s. */
const EARLIER = `<domain type='kvm'>
  <name>earlier</name>
  <memory>1048576</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <interface type='network'><source network='default'/></interface>
    <input type='tablet' bus='usb'/>
    <disk type='file' device='cdrom'><source file='/a.iso'/><target dev='sda' bus='sata'/><address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>
  </devices>
</domain>
`;

const BROKEN = `<domain type='kvm'>
  <name>broken</name>
  <memory>1048576</memory>
  <os><type arch='x86_64'>hvm</type><boot/></os>
  <devices>
    <controller index='0'/>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend><bogus/></rng>
    <graphics type='vnc' prot='-1'/>
  </devices>
</domain>
`;

/** Each finding's message and its fixes' edits, as a user sees them. */
function said(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.start}-${f.end} ${f.message}${(f.fixes ?? []).map((fix) => ` | ${fix.title}: ${JSON.stringify(fix.snippet ?? fix.newText)}`).join('')}`);
}

test('a broken document gets the same messages and fixes from a fresh engine as from one that validated other documents first', () => {
  const fresh = said(documentFindings(analysisOf(BROKEN, freshSchema())));
  const schema = freshSchema();
  assert.deepEqual(documentFindings(analysisOf(EARLIER, schema)), []);
  const afterOthers = said(documentFindings(analysisOf(BROKEN, schema)));
  assert.deepEqual(afterOthers, fresh);
  // And what they say: the values libvirt's documents give most first, the rest in the grammar's order.
  assert.equal(fresh.length, 4);
  assert.match(fresh[0], /`<boot>` needs the attribute `dev`\. \| Add `dev`: " dev='\$\{1\|hd,network,cdrom,fd\|\}'"/);
  assert.match(fresh[1], /`<controller>` needs the attribute `type`\. \| Add `type`: " type='\$\{1\|pci,usb,/);
  assert.match(fresh[2], /allowed here: `<alias>`, `<acpi>`, `<address>`, `<driver>`, `<rate>`/);
});

test('a batch of documents each checked after the others says of each what a fresh engine says', () => {
  const documents = [EARLIER, BROKEN, EARLIER.replace("type='network'", "type='bridge'").replace("network='default'", "bridge='br0'"), BROKEN.replace('<boot/>', "<boot dev='cdrom'/>")];
  const shared = freshSchema();
  for (const text of documents) assert.deepEqual(said(documentFindings(analysisOf(text, shared))), said(documentFindings(analysisOf(text, freshSchema()))));
});

test("a model's rows give the grammar's order as a reading of its patterns does (a compiled grammar has no rows)", () => {
  const grammar = fromModel(MODEL);
  const withoutRows = new Schema({ start: grammar.start, elements: grammar.elements }, { libvirt: 'unknown', location: 'test' });
  const text = BROKEN.replace('<devices>', "<devices>\n    <interface type='network' bogus='1'><source network='default'/><model/></interface>");
  assert.deepEqual(said(documentFindings(analysisOf(text, withoutRows))), said(documentFindings(analysisOf(text, freshSchema()))));
});
