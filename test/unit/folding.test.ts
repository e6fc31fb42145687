import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldingRanges } from '../../server/src/features/folding';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { analysisOf } from './helpers/documents';

/** The folds as the server sends them: [first line, last line, kind], those on one line dropped. */
function foldLines(text: string, limit?: number): [number, number, string][] {
  const lines = new LineIndex(text);
  return foldingRanges(analysisOf(text), limit).flatMap((fold): [number, number, string][] => {
    const first = lines.positionAt(fold.start, text).line;
    const last = lines.positionAt(fold.end, text).line;
    return last > first ? [[first, last, fold.kind]] : [];
  });
}

const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <!-- two lines
       of comment -->
  <devices>
    <disk type='file'
          device='disk'>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
    </disk>
    <interface type='network'
               trustGuestRxFilters='yes'/>
    <graphics type='vnc'/>
  </devices>
</domain>
`;

test('elements fold from their start tag to the line before their end tag; comments and wrapped attributes fold whole', () => {
  assert.deepEqual(foldLines(DOMAIN), [
    [0, 12, 'element'],
    [2, 3, 'comment'],
    [4, 11, 'element'],
    [5, 7, 'element'],
    [5, 6, 'attributes'],
    [9, 10, 'attributes'],
  ]);
});

test('CRLF line breaks give the same lines', () => {
  assert.deepEqual(foldLines(DOMAIN.replace(/\n/g, '\r\n')), foldLines(DOMAIN));
});

test('an end tag after text on its line, and one-line elements, do not fold', () => {
  assert.deepEqual(foldLines('<domain>\n  <description>first line\n  second line</description>\n  <name>a</name>\n</domain>'), [[0, 3, 'element']]);
  assert.deepEqual(foldLines('<domain>\n</domain>'), []);
});

test('an element without end tag folds through its last child; a half-typed start tag is no trouble', () => {
  const text = "<domain>\n  <devices>\n    <disk type='file'>\n      <source file='a'/>\n      <target dev='vda'/>\n  </devices>\n</domain>";
  assert.deepEqual(foldLines(text), [
    [0, 5, 'element'],
    [1, 4, 'element'],
    [2, 4, 'element'],
  ]);
  assert.deepEqual(foldLines("<domain>\n  <devices>\n    <disk type='fi\n"), [
    [0, 2, 'element'],
    [1, 2, 'element'],
  ]);
});

test('nested elements of the same name fold each at its own end tag', () => {
  const text = "<disk>\n  <backingStore type='file'>\n    <backingStore/>\n    <backingStore type='block'>\n      <format type='raw'/>\n    </backingStore>\n  </backingStore>\n</disk>";
  assert.deepEqual(foldLines(text), [
    [0, 6, 'element'],
    [1, 5, 'element'],
    [3, 4, 'element'],
  ]);
});

test('CDATA, a DOCTYPE and #region markers fold; an unmatched #endregion is ignored', () => {
  const text = `<!DOCTYPE domain [
  <!ENTITY a "b">
]>
<domain>
  <!-- #region disks -->
  <metadata><![CDATA[one
two]]></metadata>
  <!-- #endregion -->
  <!-- endregion -->
  <!-- regions are not a marker -->
</domain>`;
  assert.deepEqual(foldLines(text), [
    [0, 2, 'doctype'],
    [3, 9, 'element'],
    [5, 6, 'cdata'],
    [4, 7, 'region'],
  ]);
});

test('past the limit, the outermost folds are kept', () => {
  assert.deepEqual(foldLines(DOMAIN, 3), [
    [0, 12, 'element'],
    [2, 3, 'comment'],
    [4, 11, 'element'],
  ]);
});

test('100,000 nested elements fold without recursion', () => {
  const depth = 100_000;
  const text = '<a>\n'.repeat(depth) + '</a>\n'.repeat(depth);
  const folds = foldLines(text);
  assert.equal(folds.length, depth - 1, 'the innermost <a> holds only a line break');
  assert.deepEqual(folds[0], [0, 2 * depth - 2, 'element']);
});

test('a start tag folds when a line break stands between its attributes, before its `>`, or in a value', () => {
  assert.deepEqual(foldLines("<domain>\n  <disk type='file'\n  />\n  <seclabel label='a\n b'/>\n  <on_crash\n  >destroy</on_crash>\n</domain>"), [
    [0, 6, 'element'],
    [1, 2, 'attributes'],
    [3, 4, 'attributes'],
  ]);
});
