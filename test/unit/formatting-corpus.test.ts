/**
 * Formatting leaves what libvirt wrote as libvirt wrote it: every document of libvirt's test
 * corpus that is libvirt's own output (`*.x86_64-latest.xml` and the other `*.<arch>-<version>.xml`
 * files, and those under `*xml2xmloutdata/`) gets no edit, and the same documents re-indented and
 * re-quoted at random come back to libvirt's exact text. Skips where ../shared is absent.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FormatOptions, formatDocument } from '../../server/src/features/formatting';
import { applyEdits, formattingAnalysis, messUp, seededRandom } from './helpers/formatting';
import { SHARED, xmlFilesUnder } from './helpers/corpus';

const CORPUS = path.join(SHARED, 'corpus', 'valid');
const LIBVIRT_OUTPUT = /\.[a-z0-9_]+-(latest|\d+(\.\d+)*)(\.abi-update)?\.xml$/;

function libvirtWritten(): string[] {
  return xmlFilesUnder(CORPUS).filter((file) => LIBVIRT_OUTPUT.test(path.basename(file)) || /xml2xmloutdata/.test(path.dirname(file)));
}

const LIBVIRT: FormatOptions = { tabSize: 2, insertSpaces: true, quotes: 'preserve' };

test('every document libvirt wrote comes back from formatting with no edit, in each quote mode', (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('../shared/corpus is not here');
  const files = libvirtWritten();
  assert.ok(files.length > 500, `${files.length} files`);
  const failures: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const analysis = formattingAnalysis(text);
    for (const quotes of ['preserve', 'single'] as const) {
      const { edits, notFormatted } = formatDocument(analysis, { ...LIBVIRT, quotes });
      if (notFormatted || edits.length > 0) {
        const first = edits[0];
        failures.push(`${path.relative(CORPUS, file)} (${quotes}): ${notFormatted?.message ?? `${edits.length} edits, first at ${first.start}: ${JSON.stringify(text.slice(first.start - 20, first.end + 20))} → ${JSON.stringify(first.newText)}`}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test("libvirt's documents re-indented and re-quoted at random come back to libvirt's text", (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('../shared/corpus is not here');
  const random = seededRandom(10);
  const failures: string[] = [];
  for (const file of libvirtWritten()) {
    const text = fs.readFileSync(file, 'utf8');
    // Re-quoted, the single quotes of libvirt bring it back; only re-indented, preserve does.
    for (const [requoting, quotes] of [[true, 'single'], [false, 'preserve']] as const) {
      const messy = messUp(text, random, requoting);
      assert.notEqual(messy, text, file);
      const formatted = applyEdits(messy, formatDocument(formattingAnalysis(messy), { ...LIBVIRT, quotes }).edits);
      if (formatted !== text) failures.push(`${path.relative(CORPUS, file)} (${quotes})`);
    }
  }
  assert.deepEqual(failures, []);
});
