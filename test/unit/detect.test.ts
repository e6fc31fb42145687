import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDomainDocumentText, SNIFF_LIMIT } from '../../client/src/detect';

const accepted: Array<[string, string]> = [
  ['bare root', "<domain type='kvm'>\n  <name>vm</name>\n</domain>\n"],
  ['root without attributes', '<domain>'],
  ['empty root element', '<domain/>'],
  ['name ended by a tab', "<domain\ttype='kvm'>"],
  ['name ended by a newline', "<domain\n    type='kvm'>"],
  ['leading whitespace', '\n\n   \t<domain>'],
  ['byte order mark', '\ufeff<domain>'],
  ['XML declaration', "<?xml version='1.0' encoding='UTF-8'?>\n<domain type='qemu'>"],
  ['XML declaration and processing instruction', '<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><domain>'],
  ['CRLF line ends', '<?xml version="1.0"?>\r\n<!-- c -->\r\n<domain type="kvm">\r\n</domain>\r\n'],
  [
    'libvirt-style warning comment',
    '<!--\nWARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n' +
      'OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n' +
      '  virsh edit vm\n-->\n\n<domain type="kvm">',
  ],
  ['several comments, one with markup inside', '<!-- <network> --><!-- a\n-- b -->\n<domain>'],
  ['DOCTYPE', '<!DOCTYPE domain>\n<domain>'],
  ['DOCTYPE with internal subset', '<!DOCTYPE domain [\n  <!ENTITY gt2 "a>b">\n  <!ELEMENT domain ANY>\n]>\n<domain>'],
  ['everything at once', '\ufeff<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE domain>\n<?pi?>\n<!-- y -->\n<domain id="1">'],
];

const rejected: Array<[string, string]> = [
  ['empty input', ''],
  ['only whitespace', ' \n\t\r\n'],
  ['only a prolog', '<?xml version="1.0"?>\n<!-- nothing else -->\n'],
  ['snapshot root', '<domainsnapshot>\n  <name>s1</name>\n</domainsnapshot>'],
  ['network root', "<network>\n  <name>default</name>\n</network>"],
  ['longer name', '<domainxyz>'],
  ['name cut off at the end of input', '<domain'],
  ['capitalised name', '<Domain>'],
  ['namespace prefix', '<ns:domain xmlns:ns="urn:x">'],
  ['domain only inside a comment', '<!-- <domain> -->\n<network>'],
  ['unterminated comment', '<!-- <domain>'],
  ['unterminated XML declaration', '<?xml version="1.0" <domain>'],
  ['unterminated DOCTYPE', '<!DOCTYPE domain [ <domain>'],
  ['text before the root', 'hello <domain>'],
  ['NUL before the root', '\u0000<domain>'],
  ['domain as a child element', '<capabilities><domain>'],
  ['JSON', '{"domain": "<domain>"}'],
];

for (const [name, text] of accepted) {
  test(`accepts: ${name}`, () => assert.equal(isDomainDocumentText(text), true));
}
for (const [name, text] of rejected) {
  test(`rejects: ${name}`, () => assert.equal(isDomainDocumentText(text), false));
}

test('rejects binary garbage', () => {
  // A fixed pseudo-random byte stream (LCG) decoded as Latin-1, so the input is reproducible.
  let seed = 12345;
  let text = '';
  for (let i = 0; i < 4096; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    text += String.fromCharCode(seed >>> 24);
  }
  assert.equal(isDomainDocumentText(text), false);
  assert.equal(isDomainDocumentText(text + '<domain>'), false);
});

test(`reads at most SNIFF_LIMIT (${SNIFF_LIMIT}) characters`, () => {
  const commentAround = (padding: number) => '<!--' + 'x'.repeat(padding) + '-->';
  const root = '<domain>';
  // The padding that makes `<domain>` end exactly at the bound.
  const fitting = SNIFF_LIMIT - root.length - commentAround(0).length;
  assert.equal(isDomainDocumentText(commentAround(fitting) + root), true);
  assert.equal(isDomainDocumentText(commentAround(fitting + 1) + root), false);
  // A huge document whose root lies far beyond the bound is rejected without scanning it.
  assert.equal(isDomainDocumentText(commentAround(50 * 1024 * 1024) + root), false);
  // ...while a huge document with the root up front is accepted.
  assert.equal(isDomainDocumentText(root + '<name>vm</name>'.repeat(4 * 1024 * 1024)), true);
});

// The shared corpus of real libvirt domain documents is optional (absent in CI).
const corpus = path.resolve(__dirname, '../../../../shared/corpus');
test('detects every document of the shared libvirt corpus', { skip: !fs.existsSync(corpus) && 'no ../shared/corpus' }, () => {
  const files = (fs.readdirSync(corpus, { recursive: true }) as string[]).filter((f) => f.endsWith('.xml'));
  assert.ok(files.length > 0);
  const missed = files.filter((f) => !isDomainDocumentText(fs.readFileSync(path.join(corpus, f), 'utf8')));
  assert.deepEqual(missed, []);
});
