import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageChoices } from '../../client/src/languageChoice';

test('an XML document may be detected, a libvirt-xml one needs no detection', () => {
  const choices = new LanguageChoices();
  assert.equal(choices.mayDetect('file:///a.xml', 'xml'), true);
  assert.equal(choices.mayDetect('file:///b.xml', 'libvirt-xml'), false);
});

test('a document switched back to XML by the user stays XML until it is closed', () => {
  const choices = new LanguageChoices();
  const key = 'file:///tmp/virsh123456.xml';
  assert.equal(choices.mayDetect(key, 'xml'), true);
  // Detection switched it: it reappears as libvirt-xml.
  assert.equal(choices.mayDetect(key, 'libvirt-xml'), false);
  // The user picks XML (or plain text) in the language picker.
  assert.equal(choices.mayDetect(key, 'xml'), false);
  assert.equal(choices.mayDetect(key, 'plaintext'), false);
  // Saving it later does not switch it back either.
  assert.equal(choices.mayDetect(key, 'xml'), false);
  // Closed and opened again: detection applies afresh.
  choices.forget(key);
  assert.equal(choices.mayDetect(key, 'xml'), true);
});

test('a document opened as libvirt-xml by its path and switched to XML is not switched back', () => {
  const choices = new LanguageChoices();
  const key = 'file:///etc/libvirt/qemu/vm.xml';
  assert.equal(choices.mayDetect(key, 'libvirt-xml'), false);
  assert.equal(choices.mayDetect(key, 'xml'), false);
});

test('choices are kept per document', () => {
  const choices = new LanguageChoices();
  choices.mayDetect('file:///a.xml', 'libvirt-xml');
  choices.mayDetect('file:///a.xml', 'xml');
  assert.equal(choices.mayDetect('file:///b.xml', 'xml'), true);
  choices.forget('file:///b.xml');
  assert.equal(choices.mayDetect('file:///a.xml', 'xml'), false);
});
