import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectionRangesAt } from '../../server/src/features/selectionRanges';
import { analysisOf } from './helpers/documents';

const DOMAIN = `<domain type='kvm'>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
    </disk>
  </devices>
  <description>A web server</description>
  <!-- kept for later -->
</domain>
`;

/** What each selection step selects, innermost first, with the cursor `shift` characters into `needle`. */
function steps(text: string, needle: string, shift: number): string[] {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  const [chain] = selectionRangesAt(analysisOf(text), [offset + shift]);
  for (let i = 1; i < chain.length; i++) {
    assert.ok(chain[i].from <= chain[i - 1].from && chain[i].to >= chain[i - 1].to, 'each span holds the one before');
  }
  return chain.map((span) => text.slice(span.from, span.to));
}

const SOURCE = "<source file='/var/lib/libvirt/images/web01.qcow2'/>";
const DISK = DOMAIN.slice(DOMAIN.indexOf('<disk'), DOMAIN.indexOf('</disk>') + 7);
const DEVICES = DOMAIN.slice(DOMAIN.indexOf('<devices>'), DOMAIN.indexOf('</devices>') + 10);
const ROOT = DOMAIN.slice(0, DOMAIN.indexOf('</domain>') + 9);
/** What lies between an element's start and end tags. */
const content = (element: string) => element.slice(element.indexOf('>') + 1, element.lastIndexOf('</'));

test('in an attribute value: word, value, quoted value, attribute, start tag, element, then outwards', () => {
  assert.deepEqual(steps(DOMAIN, 'web01.qcow2', 2), [
    'web01.qcow2',
    '/var/lib/libvirt/images/web01.qcow2',
    "'/var/lib/libvirt/images/web01.qcow2'",
    "file='/var/lib/libvirt/images/web01.qcow2'",
    SOURCE,
    content(DISK),
    DISK,
    content(DEVICES),
    DEVICES,
    content(ROOT),
    ROOT,
    DOMAIN,
  ]);
});

test('on an attribute name, a start tag name and an end tag name', () => {
  assert.deepEqual(steps(DOMAIN, "device='disk'", 2).slice(0, 4), ['device', "device='disk'", "<disk type='file' device='disk'>", DISK]);
  assert.deepEqual(steps(DOMAIN, '<disk', 3).slice(0, 3), ['disk', "<disk type='file' device='disk'>", DISK]);
  assert.deepEqual(steps(DOMAIN, '</disk>', 4).slice(0, 4), ['disk', '</disk>', DISK, content(DEVICES)]);
});

test('in text: the word, the text, the element', () => {
  assert.deepEqual(steps(DOMAIN, 'web server', 1).slice(0, 4), ['web', 'A web server', '<description>A web server</description>', content(ROOT)]);
});

test('in a comment, and between elements', () => {
  assert.deepEqual(steps(DOMAIN, 'kept', 1).slice(0, 3), ['kept for later', '<!-- kept for later -->', content(ROOT)]);
  assert.deepEqual(steps(DOMAIN, '\n    </disk>', 1).slice(0, 2), [content(DISK), DISK]);
});

test('one chain per offset, in order; offsets past the end are clamped', () => {
  const chains = selectionRangesAt(analysisOf(DOMAIN), [DOMAIN.indexOf('kvm'), DOMAIN.length + 10]);
  assert.equal(chains.length, 2);
  assert.equal(DOMAIN.slice(chains[0][0].from, chains[0][0].to), 'kvm');
  assert.deepEqual(chains[1], [{ from: 0, to: DOMAIN.length }]);
});

test('half-typed and unclosed markup, self-closing and same-name nesting, CRLF', () => {
  const halfTyped = "<domain>\n  <devices>\n    <disk type='fi";
  assert.deepEqual(steps(halfTyped, 'fi', 1).slice(0, 3), ['fi', "'fi", "type='fi"]);
  const nested = '<disk><backingStore><backingStore/></backingStore></disk>';
  assert.deepEqual(steps(nested, '<backingStore/>', 3).slice(0, 3), ['backingStore', '<backingStore/>', '<backingStore><backingStore/></backingStore>']);
  const crlf = DOMAIN.replace(/\n/g, '\r\n');
  assert.deepEqual(steps(crlf, 'web01.qcow2', 2).slice(0, 5), steps(DOMAIN, 'web01.qcow2', 2).slice(0, 5));
});
