/**
 * In a large document libvirt's rules run once the edits pause: a keystroke's diagnostics carry
 * their last findings moved with the edit, and the rules' findings for the new text follow.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { generateDomain } from '../bench/generateDomain';
import { serverForTests } from './lspClient';

const URI = 'file:///large.xml';
const BASE = generateDomain(200 * 1024);
/** A second primary video at the end of <devices>: a rule's error on its `primary`. */
const TEXT = BASE.replace('  </devices>', "    <video><model type='vga' primary='yes'/></video>\n    <video><model type='qxl' primary='yes'/></video>\n  </devices>");

const server = serverForTests();

const secondPrimary = (text: string) => text.lastIndexOf("primary='yes'") + "primary='".length;

test('a keystroke moves the rules’ findings at once; the rules’ own verdict on the new text follows', async () => {
  const opened = await server.client.open(URI, TEXT, 1);
  const lines = new LineIndex(TEXT);
  const flagged = opened.diagnostics.filter((d) => d.code === 'video-second-primary');
  assert.equal(flagged.length, 1);
  assert.deepEqual(flagged[0].range.start, lines.positionAt(secondPrimary(TEXT), TEXT));

  // A line inserted at the top moves the finding one line down in the very next diagnostics.
  const inserted = `<!-- moved -->\n${TEXT}`;
  const moved = await server.client.change(URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<!-- moved -->\n' }]);
  const movedFlag = moved.diagnostics.filter((d) => d.code === 'video-second-primary');
  assert.deepEqual(movedFlag.map((d) => d.range.start), [new LineIndex(inserted).positionAt(secondPrimary(inserted), inserted)]);

  // A third primary video: the keystroke's diagnostics still have the one error, moved; the rules
  // find the new one once the edits pause.
  const end = inserted.lastIndexOf('  </devices>');
  const third = "    <video><model type='cirrus' primary='yes'/></video>\n";
  const position = new LineIndex(inserted).positionAt(end, inserted);
  const bothFlagged = server.client.waitForDiagnostics(URI, (p) => p.version === 3 && p.diagnostics.filter((d) => d.code === 'video-second-primary').length === 2);
  const keystroke = await server.client.change(URI, 3, [{ range: { start: position, end: position }, text: third }]);
  assert.equal(keystroke.diagnostics.filter((d) => d.code === 'video-second-primary').length, 1, 'the keystroke publishes the last findings of the rules');
  await bothFlagged;
});
