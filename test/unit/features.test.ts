import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ElementDocs, resolveDocsLanguage } from '../../server/src/docs/elementDocs';
import { autoCloseAt } from '../../server/src/features/autoClose';
import { quickFixesAt } from '../../server/src/features/codeActions';
import { completeAt } from '../../server/src/features/completion';
import { cursorTarget } from '../../server/src/features/cursor';
import { hoverAt } from '../../server/src/features/hover';
import { checkWellFormedness } from '../../server/src/features/wellFormedness';
import { parseDocument } from '../../server/src/parser/parse';
import { analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();

/** Splits `text` at the `|` marking the cursor. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function complete(marked: string) {
  const { text, offset } = at(marked);
  return completeAt(analysisOf(text, SCHEMA), offset);
}

test('cursor targets: names, attributes, content, end tags', () => {
  const kinds = ['<do|main a="1">x</domain>', '<domain a|="1">x</domain>', '<domain a="|1">x</domain>', '<domain a="1">x|</domain>', '<domain a="1">x</dom|ain>', '<domain a="1" |>x</domain>', '|<domain/>'].map((marked) => {
    const { text, offset } = at(marked);
    return cursorTarget(parseDocument(text), offset).kind;
  });
  assert.deepEqual(kinds, ['startTagName', 'attributeName', 'attributeValue', 'content', 'endTagName', 'insideTag', 'content']);
});

test('completion inside content offers whole tags with the typed word replaced', () => {
  const items = complete('<domain>\n  <os>\n    bo|\n  </os>\n</domain>');
  const boot = items.find((i) => i.label === 'boot')!;
  assert.equal(boot.insertText, "<boot dev='${1|hd,fd,cdrom,network|}'/>", 'the required attribute, with its values, in single quotes as libvirt writes');
  assert.equal(boot.replaceEnd - boot.replaceStart, 2);
  assert.ok(!items.some((i) => i.label === '/os'), '</os> follows already');
});

test('completion at the top level offers <domain>, and renaming a tag inserts only the name', () => {
  assert.deepEqual(complete('<|').map((i) => i.label), ['domain']);
  const rename = complete('<domain>\n  <dev|ices></devices>\n</domain>');
  assert.equal(rename.find((i) => i.label === 'devices')!.insertText, 'devices');
});

test('completion leaves out children that may appear once and are present', () => {
  const labels = complete('<domain>\n  <name>a</name>\n  <|\n</domain>').map((i) => i.label);
  assert.ok(!labels.includes('name'));
  assert.ok(labels.includes('uuid'));
  const many = complete('<domain><devices><disk/><|</devices></domain>').map((i) => i.label);
  assert.ok(many.includes('disk'), 'disks repeat');
});

const DOCS = new ElementDocs([
  {
    language: 'en',
    source: {},
    entries: {
      'os/type': { markdown: 'OS type.', section: 'Boot' },
      type: { markdown: 'Some type.' },
      'domain/vcpu': { markdown: 'vCPUs.', attributes: { cpuset: 'Host CPUs.' } },
    },
  },
  { language: 'zh', source: {}, entries: { 'domain/vcpu': { markdown: '虚拟 CPU。', section: 'CPU分配' } } },
]);

test('hover picks the entry for the parent, falls back across languages, and covers attributes', () => {
  const { text, offset } = at('<domain><os><ty|pe>hvm</type></os><vcpu cpuset="1">1</vcpu></domain>');
  const tree = analysisOf(text);
  assert.match(hoverAt(tree, offset, DOCS, 'en')!.markdown, /OS type\./);
  assert.match(hoverAt(tree, offset, DOCS, 'zh')!.markdown, /OS type\./, 'zh has no <type>: English is shown');
  const vcpu = text.indexOf('vcpu') + 1;
  assert.match(hoverAt(tree, vcpu, DOCS, 'zh')!.markdown, /虚拟 CPU。[\s\S]*章节: CPU分配|章节: CPU分配[\s\S]*虚拟 CPU。/);
  assert.match(hoverAt(tree, text.indexOf('cpuset') + 2, DOCS, 'en')!.markdown, /Host CPUs\./);
  assert.equal(hoverAt(tree, text.indexOf('hvm') + 1, DOCS, 'en'), undefined);
});

test('docs language: auto follows the editor locale', () => {
  assert.equal(resolveDocsLanguage('auto', 'zh-cn'), 'zh');
  assert.equal(resolveDocsLanguage('auto', 'de'), 'en');
  assert.equal(resolveDocsLanguage('zh', 'en'), 'zh');
});

test('document structure: root must be one <domain>, no text outside it', () => {
  const codes = (text: string) => checkWellFormedness(parseDocument(text)).map((f) => f.code);
  assert.deepEqual(codes(''), ['missing-root']);
  assert.deepEqual(codes('<network/>'), ['root-not-domain']);
  assert.deepEqual(codes('<domain/><domain/>'), ['extra-root-element']);
  assert.deepEqual(codes('x<domain/>'), ['text-outside-root']);
  assert.deepEqual(codes('<domain/>\n<!DOCTYPE domain>'), ['misplaced-doctype']);
  assert.deepEqual(codes('<!DOCTYPE domain [<!ENTITY e "x">]><domain>&e;&f;</domain>'), ['undefined-entity']);
  assert.equal(checkWellFormedness(parseDocument('<a>' + '&'.repeat(50) + '</a>'), 10).length, 10, 'capped');
});

test('auto-closing: `>` of an element without end tag gets one; `</` gets the open element', () => {
  const close = (marked: string) => {
    const { text, offset } = at(marked);
    return autoCloseAt(analysisOf(text), offset);
  };
  assert.equal(close("<domain>\n  <devices>\n    <disk type='file'>|\n  </devices>\n</domain>"), '$0</disk>');
  assert.equal(close('<domain>\n  <name>|</name>\n</domain>'), undefined, 'already closed');
  assert.equal(close('<domain>\n  <boot/>|\n</domain>'), undefined, 'self-closing');
  assert.equal(close('<domain>\n  <os>\n    <type>hvm</type>\n    </|\n</domain>'), 'os>');
  assert.equal(close('<domain>\n  </|disk>\n</domain>'), undefined, 'a name follows already');
  assert.equal(close('<domain a="x>|"/>'), undefined, 'inside an attribute value');
});

test('`</` where the element has its end tag already closes nothing, or the element really open (issue 10)', () => {
  const close = (marked: string) => {
    const { text, offset } = at(marked);
    return autoCloseAt(analysisOf(text), offset);
  };
  const closing = (marked: string) =>
    complete(marked)
      .filter((i) => i.kind === 'closingTag')
      .sort((a, b) => a.sortText.localeCompare(b.sortText))
      .map((i) => i.label);
  // The case: an empty line in a <devices> that has its </devices>.
  const devices = "<domain type='kvm'>\n  <devices>\n    <disk type='file'/>\n    </|\n  </devices>\n</domain>";
  assert.equal(close(devices), undefined, 'no second </devices>');
  assert.deepEqual(closing(devices), []);
  assert.deepEqual(closing("<domain type='kvm'>\n  <devices>\n    <|\n  </devices>\n</domain>"), [], 'after `<` neither');
  assert.deepEqual(closing("<domain type='kvm'>\n  <devices>\n    |\n  </devices>\n</domain>"), [], 'nor on the empty line');
  assert.deepEqual(closing("<domain type='kvm'>\n  <devices>\n    </dev|\n  </devices>\n</domain>"), [], 'nor with the name half-typed');
  const nested = "<domain>\n  <devices>\n    <disk type='file'>\n      <target dev='vda'/>\n      </|\n    </disk>\n  </devices>\n</domain>";
  assert.equal(close(nested), undefined, 'nested: the <disk> is closed too');
  // An unclosed element before the cursor is the one to close, also in a closed parent.
  const inner = "<domain>\n  <devices>\n    <interface type='network'>\n    </|\n  </devices>\n</domain>";
  assert.equal(close(inner), 'interface>');
  assert.deepEqual(closing(inner), ['/interface']);
  const deeper = "<domain>\n  <devices>\n    <disk type='file'>\n      <source file='a'>\n      </|\n  </devices>\n</domain>";
  assert.equal(close(deeper), 'source>');
  assert.deepEqual(closing(deeper), ['/source', '/disk'], 'both are open');
  assert.equal(close("<domain>\n  <devices>\n    <disk type='file'/>\n    </|\n</domain>"), 'devices>', 'a <devices> without end tag');
  // The last line.
  assert.equal(close('<domain>\n  <devices/>\n</domain>\n</|'), undefined, 'after the root');
  assert.equal(close('<domain>\n  <devices/>\n</|'), 'domain>');
});

test('in plain content the children come before the closing tag; after `<` the closing tag comes first', () => {
  const order = (marked: string) =>
    complete(marked)
      .sort((a, b) => a.sortText.localeCompare(b.sortText))
      .map((i) => i.label);
  assert.equal(order('<domain><devices>\n|').at(-1), '/devices');
  assert.equal(order('<domain><devices>\n<|')[0], '/devices');
});

test('two findings at the cursor with a lone fix each: only the most specific one is preferred', () => {
  const fix = (title: string, safe: boolean) => ({ title, start: 0, end: 1, newText: 'x', safe });
  const wide = { start: 0, end: 30, severity: 'warning' as const, code: 'wide', message: 'w', fixes: [fix('Remove the CPUs this host does not have', false)] };
  const narrow = { start: 10, end: 13, severity: 'error' as const, code: 'narrow', message: 'n', fixes: [fix('Swap to `1-4`', true)] };
  const actions = quickFixesAt([wide, narrow], 10, 13);
  assert.deepEqual(actions.map((a) => [a.title, a.preferred]), [
    ['Remove the CPUs this host does not have', false],
    ['Swap to `1-4`', true],
  ]);
});
