/**
 * No rule throws, whatever the document: libvirt's test documents, and each of them broken by
 * random edits (half-typed values, stray tags, numbers that are not numbers). runRules would skip
 * a rule that throws, silently losing what it finds; here that fails the test.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { runRules } from '../../server/src/rules';
import { Domain } from '../../server/src/rules/domain';
import { bigDecimal, unsignedLongLong } from '../../server/src/rules/cpu/facts';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { random, randomEdit } from './helpers/randomEdits';
import { kvmDomain } from './helpers/rules';

const CORPUS = path.join(SHARED, 'corpus', 'valid');

function failuresOf(text: string): string[] {
  const domain = Domain.of(text, ParsedDocument.parse(text).tree);
  const failures: string[] = [];
  if (domain) runRules(domain, undefined, (rule, error) => failures.push(`${rule.code}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  return failures;
}

test('no rule throws on a domain broken by thousands of random edits', () => {
  const base = kvmDomain(`    <disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <interface type='network'><source network='default'/><address type='pci' bus='0x01' slot='0x00'/></interface>
    <controller type='usb' index='0' model='qemu-xhci' ports='4'/>
    <input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input>
    <memory model='dimm'><target><size unit='MiB'>512</size><node>0</node></target></memory>`, { head: "  <cpu><numa><cell id='0' cpus='0-1' memory='1' unit='GiB'/></numa></cpu>\n" });
  for (let seed = 1; seed <= 80; seed++) {
    const next = random(seed);
    let text = base;
    for (let step = 0; step < 60; step++) {
      const { start, end, inserted } = randomEdit(text, next);
      text = text.slice(0, start) + inserted + text.slice(end);
      const failures = failuresOf(text);
      assert.deepEqual(failures, [], `seed ${seed}, step ${step}`);
    }
  }
});

test("no rule throws on libvirt's test documents, nor on each of them after random edits", (t) => {
  if (!fs.existsSync(CORPUS)) {
    t.skip(`${CORPUS} not present`);
    return;
  }
  const next = random(7);
  for (const file of xmlFilesUnder(CORPUS)) {
    let text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(failuresOf(text), [], file);
    for (let round = 0; round < 4; round++) {
      for (let step = 0; step < 3; step++) {
        const { start, end, inserted } = randomEdit(text, next);
        text = text.slice(0, start) + inserted + text.slice(end);
      }
      assert.deepEqual(failuresOf(text), [], `${file} after edits (round ${round})`);
    }
  }
});

test('a pasted run of a million digits is not read as a number: no 64-bit value is that long', () => {
  const digits = '9'.repeat(1_000_000);
  assert.equal(bigDecimal(digits), undefined);
  assert.equal(unsignedLongLong(digits), undefined);
  assert.equal(bigDecimal('9'.repeat(20)), 99999999999999999999n, 'a value past 64 bits is still read, for the rules to say it is too large');
  const text = kvmDomain(`    <memory model='dimm'><target><size unit='KiB'>${digits}</size><node>0</node></target></memory>`, {
    head: `  <cpu><numa><cell id='0' cpus='0-1' memory='${digits}'/></numa></cpu>\n  <cputune><shares>${digits}</shares></cputune>\n`,
  });
  assert.deepEqual(failuresOf(text), []);
});
