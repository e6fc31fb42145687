/** The rules over a tree kept in step with edits find what they find over a fresh parse. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { runRules } from '../../server/src/rules';
import { Domain } from '../../server/src/rules/domain';
import { kvmDomain } from './helpers/rules';
import { random, randomEdit } from './helpers/randomEdits';

const pci = (slot: number) => `<address type='pci' domain='0x0000' bus='0x00' slot='0x0${slot}' function='0x0'/>`;
const BASE = kvmDomain(`    <disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda' bus='virtio'/>${pci(3)}</disk>
    <disk type='file' device='disk'><source file='/b.qcow2'/><target dev='vda' bus='virtio'/>${pci(3)}</disk>
    <interface type='network'><source network='default'/><model type='virtio'/>${pci(4)}</interface>
    <video><model type='vga' primary='yes'/></video>
    <video><model type='qxl' primary='yes'/></video>
    <controller type='usb' index='0' model='none'/>
    <input type='tablet' bus='usb'/>`);

const findings = (document: ParsedDocument) => {
  const domain = Domain.of(document.text, document.tree);
  return domain ? runRules(domain) : [];
};

test('the base document breaks several rules', () => {
  assert.ok(new Set(findings(ParsedDocument.parse(BASE)).map((f) => f.code)).size >= 4);
});

test('rules over an incrementally kept tree find exactly what they find over a fresh parse, edit after edit', () => {
  let edits = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const next = random(seed);
    let document = ParsedDocument.parse(BASE);
    findings(document);
    for (let step = 0; step < 40; step++) {
      const { start, end, inserted } = randomEdit(document.text, next);
      document.replace(start, end, inserted);
      edits++;
      const actual = JSON.stringify(findings(document));
      const expected = JSON.stringify(findings(ParsedDocument.parse(document.text)));
      if (actual !== expected) assert.equal(actual, expected, `seed ${seed}, step ${step}: ${JSON.stringify({ start, end, inserted })}`);
      if (document.text.length > 4000 || document.text.length < 300) document = ParsedDocument.parse(BASE);
    }
  }
  assert.ok(edits >= 1200);
});
