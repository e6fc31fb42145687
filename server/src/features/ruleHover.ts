/**
 * Hover on a token that a libvirt rule flagged: the rule's explanation (what libvirt checks and
 * how to put it right), when libvirt refuses, and the libvirt function it mirrors, above the
 * usual hover of that token.
 */
import { Finding } from '../finding';
import { helpIn, ruleByCode, ruleHelpUri, stageWords } from '../rules';
import { Language, render, words } from '../messages/words';
import { HoverResult } from './hover';

/** `hover` with the explanations of the rules whose findings cover `offset` put first. */
export function withRuleExplanations(hover: HoverResult | undefined, findings: readonly Finding[], offset: number, language: Language): HoverResult | undefined {
  const covering = findings.filter((finding) => finding.start <= offset && offset <= finding.end && ruleByCode(finding.code));
  if (covering.length === 0) return hover;
  const explained = [...new Set(covering.map((finding) => finding.code))].map((code) => {
    const rule = ruleByCode(code)!;
    const source = render(words('server.ruleHover.source', { function: rule.libvirt, uri: ruleHelpUri(rule) }), language);
    return `**\`${rule.code}\`** · ${render(stageWords(rule.stage), language)}\n\n${helpIn(rule, language)}\n\n${source}`;
  });
  const markdown = [...explained, ...(hover ? [hover.markdown] : [])].join('\n\n---\n\n');
  // Without a hover of its own, the token is what the findings cover.
  const start = hover?.start ?? Math.min(...covering.map((finding) => finding.start));
  const end = hover?.end ?? Math.max(...covering.map((finding) => finding.end));
  return { markdown, start, end };
}
