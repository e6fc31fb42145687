/**
 * Testing one rule on a document: `expectRule(rule, xml)` marks the spans the rule must flag
 * with ⟦ and ⟧ in the document, and asserts that the rule flags exactly those, in order. A
 * document without marks is a near miss: the rule must flag nothing in it.
 */
import * as assert from 'node:assert/strict';
import { Finding } from '../../../server/src/finding';
import { ParsedDocument } from '../../../server/src/parser/parsedDocument';
import { runRules } from '../../../server/src/rules';
import { Domain } from '../../../server/src/rules/domain';
import { Rule } from '../../../server/src/rules/rule';

/** The text without its ⟦ ⟧ marks, and the spans they enclosed. */
export function unmark(marked: string): { text: string; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  let text = '';
  let open = -1;
  for (const char of marked) {
    if (char === '⟦') open = text.length;
    else if (char === '⟧') {
      spans.push({ start: open, end: text.length });
      open = -1;
    } else text += char;
  }
  return { text, spans };
}

/** What `rule` (or every rule) finds in `text`; a rule that throws fails the test. */
export function ruleFindings(rule: Rule | readonly Rule[], text: string): Finding[] {
  const domain = Domain.of(text, ParsedDocument.parse(text).tree);
  assert.ok(domain, 'the test document has no <domain> root');
  const rules = Array.isArray(rule) ? rule : [rule as Rule];
  return runRules(domain, rules, (failed, error) => {
    throw new Error(`${failed.code} threw: ${error instanceof Error ? error.stack : String(error)}`);
  });
}

/** Asserts that `rule` flags exactly the ⟦marked⟧ spans of `marked`, and returns its findings. */
export function expectRule(rule: Rule, marked: string): Finding[] {
  const { text, spans } = unmark(marked);
  const findings = ruleFindings(rule, text);
  const show = (s: { start: number; end: number }) => `${s.start}-${s.end} "${text.slice(s.start, s.end)}"`;
  assert.deepEqual(
    findings.map(show),
    spans.map(show),
    `${rule.code}: ${findings.map((f) => f.message).join(' | ') || 'no finding'}`,
  );
  for (const finding of findings) assert.equal(finding.code, rule.code);
  return findings;
}

/** A KVM domain around `devices` (the children of <devices>) with `os` as its <os> type. */
export function kvmDomain(devices: string, options: { arch?: string; machine?: string; head?: string } = {}): string {
  const arch = options.arch ?? 'x86_64';
  const machine = options.machine ?? 'pc-q35-9.0';
  return `<domain type='kvm'>
  <name>test</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='${arch}' machine='${machine}'>hvm</type>
  </os>
${options.head ?? ''}  <devices>
    <emulator>/usr/bin/qemu-system-${arch}</emulator>
${devices}
  </devices>
</domain>
`;
}
