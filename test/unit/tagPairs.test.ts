import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNameChar, isNameStartChar } from '../../server/src/parser/chars';
import { TAG_NAME_PATTERN, elementNameProblem, linkedTagNamesAt, renameTagAt, tagNamesAt } from '../../server/src/features/tagPairs';
import { render } from '../../server/src/messages/words';
import { analysisOf } from './helpers/documents';

/** The cursor at `|`; the texts of the spans a function returns there. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function names(marked: string): string[] | undefined {
  const { text, offset } = at(marked);
  return tagNamesAt(analysisOf(text), offset)?.spans.map((span) => `${span.from}:${text.slice(span.from, span.to)}`);
}

test('on a start or an end tag name, both names; the one under the cursor is `at`', () => {
  const text = '<domain>\n  <numatune>\n    <memory/>\n  </numatune>\n</domain>';
  const expected = [`${text.indexOf('numatune')}:numatune`, `${text.lastIndexOf('numatune')}:numatune`];
  assert.deepEqual(names(text.replace('<numatune', '<|numatune')), expected);
  assert.deepEqual(names(text.replace('<numatune', '<numa|tune')), expected);
  assert.deepEqual(names(text.replace('<numatune', '<numatune|')), expected);
  assert.deepEqual(names(text.replace('</numatune', '</numatune|')), expected);
  const { text: plain, offset } = at(text.replace('</numatune', '</num|atune'));
  assert.equal(tagNamesAt(analysisOf(plain), offset)?.at.from, plain.lastIndexOf('numatune'));
});

test('nowhere else: attributes, values, text, before `<`, stray end tags', () => {
  for (const marked of ["<disk |type='file'/>", "<disk type='fi|le'/>", '<name>we|b01</name>', '|<disk/>', '<a></a></b|>', '<a>x</a |>', '<!-- <di|sk> -->']) {
    assert.equal(names(marked), undefined, marked);
  }
});

test('self-closing and unclosed elements have one name: highlight and rename it alone, no linked editing', () => {
  assert.deepEqual(names('<domain><bo|ot dev="hd"/></domain>'), ['9:boot']);
  assert.deepEqual(names('<domain><dev|ices>\n<disk/>\n</domain>'), ['9:devices']);
  const { text, offset } = at('<domain><bo|ot/></domain>');
  assert.equal(linkedTagNamesAt(analysisOf(text), offset), undefined);
  assert.deepEqual(renameTagAt(analysisOf(text), offset, 'boot2'), { spans: [{ from: 9, to: 13 }] });
});

test('nested elements of the same name pair with their own end tags', () => {
  const text = '<disk><backingStore><backingStore/></backingStore></disk>';
  const outerEnd = text.lastIndexOf('backingStore');
  assert.deepEqual(names(text.replace('<backingStore>', '<backing|Store>')), ['7:backingStore', `${outerEnd}:backingStore`]);
  assert.deepEqual(names(text.replace('<backingStore/>', '<backing|Store/>')), ['21:backingStore']);
  // Half-typed: the inner one has no `/` yet, so the end tag closes it and the outer is left open.
  const open = '<disk><backingStore><backingStore></backingStore></disk>';
  assert.deepEqual(names(open.replace('<backingStore><', '<backing|Store><')), ['7:backingStore']);
  assert.deepEqual(names(open.replace('</backingStore', '</backing|Store')), ['21:backingStore', `${open.lastIndexOf('backingStore')}:backingStore`]);
});

test('linked editing gives both names; CRLF changes nothing', () => {
  const marked = '<domain>\r\n  <os>\r\n    <type>hvm</type>\r\n  </o|s>\r\n</domain>';
  const { text, offset } = at(marked);
  const spans = linkedTagNamesAt(analysisOf(text), offset);
  assert.deepEqual(spans?.map((span) => text.slice(span.from, span.to)), ['os', 'os']);
  assert.deepEqual(spans?.map((span) => span.from), [text.indexOf('os'), text.lastIndexOf('os')]);
});

test('rename replaces both names, and refuses names XML does not allow', () => {
  const { text, offset } = at('<domain>\n  <numa|tune>\n  </numatune>\n</domain>');
  const analysis = analysisOf(text);
  assert.deepEqual(renameTagAt(analysis, offset, 'cputune'), { spans: tagNamesAt(analysis, offset)?.spans });
  assert.deepEqual(renameTagAt(analysis, offset, 'qemu:commandline'), { spans: tagNamesAt(analysis, offset)?.spans });
  for (const bad of ['', 'two words', '1st', 'a>b', ':a', 'a:', 'a:b:c', 'a:1']) {
    const result = renameTagAt(analysis, offset, bad);
    assert.ok(result && 'error' in result, `${JSON.stringify(bad)} is refused`);
  }
  assert.match(render(elementNameProblem('two words')!, 'en'), /not an XML name/);
  assert.equal(renameTagAt(analysis, text.indexOf('domain') - 1, 'x'), undefined, 'not on a name: another provider may answer');
});

test('the linked-editing word pattern accepts exactly the characters XML names accept', () => {
  const pattern = new RegExp(`^(?:${TAG_NAME_PATTERN})$`);
  for (let c = 0; c <= 0xffff; c++) {
    const char = String.fromCharCode(c);
    assert.equal(pattern.test(char), isNameStartChar(c), `start U+${c.toString(16)}`);
    assert.equal(pattern.test(`a${char}`), isNameChar(c), `U+${c.toString(16)}`);
  }
});
