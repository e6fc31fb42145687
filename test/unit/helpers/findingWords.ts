/**
 * Findings in the user's language (issue 13): `expectInWords(findings)` asserts that each finding
 * says what it says as catalogue words, its related places and fix titles too, that the English
 * rendered from them is the English the finding carries, and that the Chinese renders whole.
 */
import * as assert from 'node:assert/strict';
import { Finding } from '../../../server/src/finding';
import { Words, render } from '../../../server/src/messages/words';

const HAN = /[\u4e00-\u9fff]/;
const PLACEHOLDER = /\{\w+\}/;

/** Both renderings of `said`: the English equal to `english`, the Chinese without a parameter left unfilled. */
function expectRenders(said: Words | undefined, english: string, what: string): string {
  assert.ok(said, `${what} has no words: "${english}"`);
  assert.equal(render(said, 'en'), english, `${what}: the English of its words`);
  const chinese = render(said, 'zh');
  assert.doesNotMatch(chinese, PLACEHOLDER, `${what}: a parameter left in "${chinese}"`);
  return chinese;
}

/** Asserts the above of every finding (a rule's finding: its own words, not a string) and returns them. */
export function expectInWords(findings: Finding[]): Finding[] {
  for (const finding of findings) {
    const chinese = expectRenders(finding.words, finding.message, finding.code);
    const own = finding.words?.params.message;
    assert.ok(own !== undefined && typeof own !== 'string', `${finding.code} reports a string, not words: "${finding.message}"`);
    assert.match(chinese, HAN, `${finding.code}: "${chinese}" is not Chinese`);
    for (const related of finding.related ?? []) expectRenders(related.words, related.message, `${finding.code}'s related place`);
    for (const fix of finding.fixes ?? []) expectRenders(fix.titleWords, fix.title, `${finding.code}'s fix`);
  }
  return findings;
}
