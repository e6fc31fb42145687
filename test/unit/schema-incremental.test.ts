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
