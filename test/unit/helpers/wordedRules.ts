/**
 * ./rules's `expectRule` and `ruleFindings` for rules whose findings are catalogue words (issue 13):
 * besides what those check, every finding, related place and fix title carries words whose English
 * is exactly the text shown, and whose Chinese leaves no parameter unfilled.
 */
import * as assert from 'node:assert/strict';
import { Finding } from '../../../server/src/finding';
import { Words, render } from '../../../server/src/messages/words';
import { Rule } from '../../../server/src/rules/rule';
import { expectRule as expectAnyRule, ruleFindings as anyRuleFindings } from './rules';

export { kvmDomain, unmark } from './rules';

/** Asserts that each of `findings` says its message, related places and fix titles in words. */
export function assertWorded(findings: readonly Finding[]): void {
  for (const finding of findings) {
    const where = `${finding.code}: ${finding.message}`;
    assertSays(finding.words, finding.message, where);
    // runRules says what libvirt does around the rule's own message: that must be words, not text.
    const own = finding.words?.params.message;
    assert.ok(typeof own === 'object' && 'key' in own, `${where}: the rule reports text, not words`);
    for (const related of finding.related ?? []) assertSays(related.words, related.message, `${where} (related)`);
    for (const fix of finding.fixes ?? []) assertSays(fix.titleWords, fix.title, `${where} (fix)`);
  }
}

function assertSays(words: Words | undefined, english: string, where: string): void {
  assert.ok(words, `${where}: "${english}" has no words`);
  assert.equal(render(words, 'en'), english, where);
  const chinese = render(words, 'zh');
  assert.doesNotMatch(chinese, /\{\w+\}/, `${where}: a parameter is left unfilled in "${chinese}"`);
}

/** ./rules's expectRule, and every finding in words. */
export function expectRule(rule: Rule, marked: string): Finding[] {
  const findings = expectAnyRule(rule, marked);
  assertWorded(findings);
  return findings;
}

/** ./rules's ruleFindings, and every finding in words. */
export function ruleFindings(rule: Rule | readonly Rule[], text: string): Finding[] {
  const findings = anyRuleFindings(rule, text);
  assertWorded(findings);
  return findings;
}
