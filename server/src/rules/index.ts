/**
 * Every rule of libvirt's that the schema cannot say, by family, and running them over a domain.
 * A rule that fails (a bug of ours) is skipped rather than taking the others with it.
 */
import { Finding } from '../finding';
import { ElementNode } from '../parser/nodes';
import { Language, Words, render, words } from '../messages/words';
import { bootRules } from './boot';
import { cpuRules } from './cpu';
import { devicesRules } from './devices';
import { Domain } from './domain';
import { busesRules } from './buses';
import { referencesRules } from './references';
import { HostChecks, HostView, hostView } from './host/facts';
import { HostRule } from './host/hostRule';
import { hostRules } from './host';
import { Report, Rule, RuleInfo, Stage } from './rule';
import { storageRules } from './storage';
import { usbRules } from './usb';

export const RULES: readonly Rule[] = [...referencesRules, ...busesRules, ...storageRules, ...usbRules, ...devicesRules, ...cpuRules, ...bootRules];

/** The rules that check a domain against the libvirt host it is meant for (rules/host/). */
export const HOST_RULES: readonly HostRule[] = hostRules;

const BY_CODE = new Map<string, RuleInfo>([...RULES, ...HOST_RULES].map((rule) => [rule.code, rule]));

export function ruleByCode(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

/** The page on libvirt.org that documents what the rule is about. */
export function ruleHelpUri(rule: RuleInfo): string {
  return `https://libvirt.org/formatdomain.html${rule.docsAnchor ? `#${rule.docsAnchor}` : ''}`;
}

/** A rule's help in `language`. */
export function helpIn(rule: RuleInfo, language: Language): string {
  return render(rule.help, language);
}

/** What libvirt does with a document that breaks the rule, in words. */
export function stageWords(stage: Stage): Words {
  return words(`rules.stage.${stage}`);
}

/**
 * Which of a list's rules name each element in their onlyWith (by position in the list), which
 * have one, and which are the QEMU driver's.
 */
interface Gates {
  rulesNaming: Map<string, number[]>;
  gated: Uint8Array;
  qemuOnly: Uint8Array;
  /**
   * runnable()'s answer, refilled for each document: a new Uint8Array of 187 gets a buffer
   * outside the heap, made and freed per document (most of runnable's samples in a CPU profile
   * of the corpus were on that line). runRules reads it before another runnable() of this list.
   */
  runs: Uint8Array;
}

const GATES = new WeakMap<readonly Rule[], Gates>();

function gatesOf(rules: readonly Rule[]): Gates {
  let gates = GATES.get(rules);
  if (gates) return gates;
  gates = { rulesNaming: new Map(), gated: new Uint8Array(rules.length), qemuOnly: new Uint8Array(rules.length), runs: new Uint8Array(rules.length) };
  for (let i = 0; i < rules.length; i++) {
    if (rules[i].driver === 'qemu') gates.qemuOnly[i] = 1;
    const names = rules[i].onlyWith;
    if (!names) continue;
    gates.gated[i] = 1;
    for (const name of names) {
      const naming = gates.rulesNaming.get(name);
      if (naming) naming.push(i);
      else gates.rulesNaming.set(name, [i]);
    }
  }
  GATES.set(rules, gates);
  return gates;
}

/**
 * Which rules may find something in the document: 1 for those without onlyWith and those one of
 * whose elements it has, of the QEMU driver's only for its domains. One walk of the tree and a
 * lookup per element, not a test per rule (the rules are objects of many shapes: reading their
 * fields in the loop is slow before it is optimised, and deoptimises it after).
 */
function runnable(domain: Domain, rules: readonly Rule[]): Uint8Array {
  const { rulesNaming, gated, qemuOnly, runs } = gatesOf(rules);
  for (let i = 0; i < runs.length; i++) runs[i] = gated[i] ^ 1;
  const pending: ElementNode[] = [domain.root.element];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const naming = rulesNaming.get(element.name);
    if (naming) for (let i = 0; i < naming.length; i++) runs[naming[i]] = 1;
    const children = element.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.kind === 'element') pending.push(child);
    }
  }
  if (!domain.isQemu) for (let i = 0; i < runs.length; i++) runs[i] &= qemuOnly[i] ^ 1;
  return runs;
}

/** The findings of every rule that applies to the domain's driver. */
export function runRules(domain: Domain, rules: readonly Rule[] = RULES, onError?: (rule: Rule, error: unknown) => void): Finding[] {
  const findings: Finding[] = [];
  // One report function for all the rules (the one running is `rule`): not a closure per rule per document.
  let rule: Rule = rules[0];
  const report: Report = (at, message, options) => {
    // The rule's words, then what libvirt does about them.
    const said = words(`rules.consequence.${rule.stage}`, { message });
    const finding: Finding = {
      start: at.from,
      end: at.to,
      severity: rule.stage === 'accepted' ? 'warning' : 'error',
      code: rule.code,
      message: render(said, 'en'),
      words: said,
      beyondSchema: true,
    };
    if (options?.related?.length) {
      finding.related = options.related.map(({ from, to, message }) =>
        typeof message === 'string' ? { start: from, end: to, message } : { start: from, end: to, message: render(message, 'en'), words: message },
      );
    }
    if (options?.fixes?.length) finding.fixes = options.fixes;
    findings.push(finding);
  };
  const runs = runnable(domain, rules);
  for (let i = 0; i < rules.length; i++) {
    if (runs[i] === 0) continue;
    rule = rules[i];
    try {
      rule.check(domain, report);
    } catch (error) {
      // A rule's bug must not cost the user the other rules' findings, nor the server.
      onError?.(rule, error);
    }
  }
  return findings;
}

/**
 * The findings of the host rules that can run for the domain on the host (those that need
 * domcapabilities only once they are read), and the view of the host they read.
 */
export function runHostRules(domain: Domain, checks: HostChecks, rules: readonly HostRule[] = HOST_RULES, onError?: (rule: Rule, error: unknown) => void): { findings: Finding[]; view: HostView } {
  const view = hostView(domain, checks);
  const runnable = rules
    .filter((rule) => rule.needs === 'capabilities' || view.domainCapabilities !== undefined)
    .map((rule): Rule => ({ ...rule, check: (d, report) => rule.check(d, view, report) }));
  return { findings: runRules(domain, runnable, onError), view };
}
