import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFindings } from '../../server/src/features/diagnostics';
import { Finding } from '../../server/src/finding';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { random, randomEdit } from './helpers/randomEdits';
import { WEB01, bundledSchema } from './helpers/documents';
import { Analysis } from '../../server/src/features/analysis';

const schema = bundledSchema();
const LIMITS = { maxProblems: 1000, maxFileSizeMB: 16 };

const BASE = WEB01;

/** What a from-scratch check finds: a fresh parse, so an empty memo. */
function freshFindings(text: string): Finding[] {
  return documentFindings(new Analysis(ParsedDocument.parse(text), { limits: LIMITS, schema: schema, host: undefined }));
}

test('the base document is valid', () => {
  assert.deepEqual(freshFindings(BASE), []);
});

test('a check that remembers nothing (the command line) finds what one that remembers finds, on random edits of a document', () => {
  const host = { cpus: [[0, 3]] as [number, number][], nodes: [[0, 0]] as [number, number][] };
  for (let seed = 1; seed <= 20; seed++) {
    const next = random(seed);
    let text = BASE;
    for (let step = 0; step < 30; step++) {
      const { start, end, inserted } = randomEdit(text, next);
      text = text.slice(0, start) + inserted + text.slice(end);
      const context = { limits: LIMITS, schema: schema, host };
      const remembering = documentFindings(new Analysis(ParsedDocument.parse(text), context));
      const not = documentFindings(new Analysis(ParsedDocument.parse(text), { ...context, remembering: false }));
      if (JSON.stringify(not) !== JSON.stringify(remembering)) assert.deepEqual(not, remembering, `seed ${seed}, step ${step}`);
    }
  }
});

test('checks that re-use unchanged elements (validation, well-formedness, set values) find exactly what a fresh check finds, edit after edit', () => {
  let edits = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const next = random(seed);
    let document = ParsedDocument.parse(BASE);
    for (let step = 0; step < 60; step++) {
      const { start, end, inserted } = randomEdit(document.text, next);
      document.replace(start, end, inserted);
      edits++;
      const actual = documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: undefined }));
      const expected = freshFindings(document.text);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        assert.deepEqual(actual, expected, `seed ${seed}, step ${step}: ${JSON.stringify({ start, end, inserted })}`);
      }
      if (document.text.length > 5000 || document.text.length < 200) document = ParsedDocument.parse(BASE);
    }
  }
  assert.ok(edits >= 2400);
});

/** A <devices> wider than WIDE children, so its children are remembered in runs of siblings. */
function wideDomain(devices: number): string {
  const list: string[] = [];
  for (let i = 0; i < devices; i++) {
    list.push(
      i % 3 === 0
        ? `    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/d${i}.qcow2'/>\n      <target dev='vd${i}' bus='virtio'/>\n    </disk>\n`
        : i % 3 === 1
          ? `    <interface type='network'>\n      <source network='n${i}'/>\n    </interface>\n`
          : `    <serial type='pty'/>\n`,
    );
  }
  return BASE.replace('  </devices>', `${list.join('')}  </devices>`);
}

test('checks of an element wide enough to be remembered in runs find what a fresh check finds, through edits and devices added and removed', () => {
  const WIDE_BASE = wideDomain(180);
  let edits = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const next = random(seed);
    let document = ParsedDocument.parse(WIDE_BASE, Number.POSITIVE_INFINITY, 512);
    for (let step = 0; step < 50; step++) {
      const text = document.text;
      const roll = next();
      if (roll < 0.15) {
        // A whole device copied in, or one taken out, at a line start inside <devices>.
        const devicesAt = text.indexOf('<devices>');
        const lineAt = text.indexOf('\n    <', devicesAt + Math.floor(next() * Math.max(1, text.length - devicesAt - 200))) + 1;
        if (lineAt > 0) {
          if (roll < 0.08) document.replace(lineAt, lineAt, "    <serial type='pty'/>\n");
          else document.replace(lineAt, text.indexOf('\n', lineAt) + 1, '');
        }
      } else {
        const { start, end, inserted } = randomEdit(text, next);
        document.replace(start, end, inserted);
      }
      edits++;
      const actual = documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: undefined }));
      const expected = freshFindings(document.text);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        assert.deepEqual(actual, expected, `seed ${seed}, step ${step}`);
      }
    }
  }
  assert.ok(edits >= 400);
});

test('an edit inside one <disk> is reported there, and fixing it clears it', () => {
  const document = ParsedDocument.parse(BASE);
  assert.deepEqual(documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: undefined })), []);
  const at = BASE.indexOf("bus='virtio'") + 5;
  document.replace(at, at + 6, 'virtoi');
  const findings = documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: undefined }));
  assert.deepEqual(
    findings.map((f) => [f.code, document.text.slice(f.start, f.end)]),
    [['bad-attribute-value', "'virtoi'"]],
  );
  assert.match(findings[0].message, /did you mean `virtio`/);
  document.replace(at, at + 6, 'virtio');
  assert.deepEqual(documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: undefined })), []);
});

test('in a run of remembered siblings, a finding moves with its own element when the whitespace before it changes', () => {
  // The <disk> is inside a run; an edit of the indentation before it changes no node, so the run stays.
  const devices = Array.from({ length: 150 }, (_, i) => (i === 10 ? "    <disk type='file' device='disk'>\n    </disk>\n" : "    <serial type='pty'/>\n")).join('');
  const text = BASE.replace('  </devices>', `${devices}  </devices>`);
  const document = ParsedDocument.parse(text);
  const findingsNow = () => documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: undefined }));
  assert.ok(findingsNow().some((f) => f.code === 'missing-content'));
  const at = text.indexOf("    <disk type='file' device='disk'>\n    </disk>");
  document.replace(at, at + 1, '');
  const moved = findingsNow().find((f) => f.code === 'missing-content');
  assert.equal(document.text.slice(moved?.start, moved?.end), 'disk');
  assert.deepEqual(findingsNow(), freshFindings(document.text));
});

test('taking an element of <domain> out and putting it back walks <domain> again, not what lies inside <devices>', () => {
  const document = ParsedDocument.parse(wideDomain(180));
  const check = () => documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: undefined }));
  const before = check();
  // Every element validation walks opens its start tag once.
  const d = schema.derivatives;
  const startTagOpen = d.startTagOpen;
  let opened = 0;
  d.startTagOpen = (p, name) => {
    opened++;
    return startTagOpen.call(d, p, name);
  };
  try {
    const element = '  <on_poweroff>destroy</on_poweroff>\n';
    const at = document.text.indexOf(element);
    document.replace(at, at + element.length, '');
    const taken = check();
    const out = opened;
    document.replace(at, at, element);
    assert.deepEqual(check(), before);
    const back = opened - out;
    assert.deepEqual(taken, freshFindings(document.text.replace(element, '')));
    // <domain>'s own children; <devices> holds some 500 elements.
    assert.ok(out < 40 && back < 40, `elements walked: ${out} taking it out, ${back} putting it back`);
  } finally {
    d.startTagOpen = startTagOpen;
  }
});
