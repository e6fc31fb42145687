/** libvirt's rules through the server: a diagnostic's range, its link to the other party, its docs link, and the hover that explains it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { serverForTests } from './lspClient';

const DOMAIN = `<domain type='kvm'>
  <name>pins</name>
  <memory unit='KiB'>524288</memory>
  <vcpu placement='static'>4</vcpu>
  <cputune>
    <vcpupin vcpu='1' cpuset='0'/>
    <vcpupin vcpu='1' cpuset='1'/>
  </cputune>
  <os><type arch='x86_64' machine='pc-q35-9.0'>hvm</type></os>
</domain>
`;
const URI = 'file:///pins.xml';
const LINES = new LineIndex(DOMAIN);
const FIRST = DOMAIN.indexOf("1' cpuset='0'");
const SECOND = DOMAIN.indexOf("1' cpuset='1'");

const server = serverForTests();

test("a rule's diagnostic marks the token to change, links the other party and libvirt.org", async () => {
  const published = await server.client.open(URI, DOMAIN, 1);
  const pinned = published.diagnostics.filter((d) => d.code === 'vcpupin-duplicate');
  assert.equal(pinned.length, 1, JSON.stringify(published.diagnostics));
  const [diagnostic] = pinned;
  assert.deepEqual(diagnostic.range, { start: LINES.positionAt(SECOND, DOMAIN), end: LINES.positionAt(SECOND + 1, DOMAIN) });
  assert.equal(diagnostic.message, 'vCPU 1 is pinned twice: libvirt rejects the domain.');
  assert.equal(diagnostic.codeDescription?.href, 'https://libvirt.org/formatdomain.html#cpu-tuning');
  assert.deepEqual(diagnostic.relatedInformation, [
    { location: { uri: URI, range: { start: LINES.positionAt(FIRST, DOMAIN), end: LINES.positionAt(FIRST + 1, DOMAIN) } }, message: 'The first `<vcpupin>` of vCPU 1' },
  ]);
});

test("hover on the flagged token explains the rule above the token's own hover", async () => {
  const hover = await server.client.hover(URI, LINES.positionAt(SECOND, DOMAIN));
  assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
  const markdown = hover.contents.value;
  assert.match(markdown, /^\*\*`vcpupin-duplicate`\*\* · `virsh define` rejects the domain\n\nEach vCPU takes at most one `<vcpupin>`/);
  assert.match(markdown, /libvirt: `virDomainVcpuPinDefParseXML \(src\/conf\/domain_conf\.c\)`/);
  assert.match(markdown, /---\n\n`domain › cputune › vcpupin @vcpu`/, 'the usual hover follows');
  const elsewhere = await server.client.hover(URI, LINES.positionAt(FIRST, DOMAIN));
  assert.ok(elsewhere && typeof elsewhere.contents === 'object' && 'value' in elsewhere.contents);
  assert.doesNotMatch(elsewhere.contents.value, /vcpupin-duplicate/, 'the first pin is not the one flagged');
});
