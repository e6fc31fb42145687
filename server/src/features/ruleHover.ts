/**
 * Hover on a token that a libvirt rule flagged: the rule's explanation (what libvirt checks and
 * how to put it right), when libvirt refuses, and the libvirt function it mirrors, above the
 * usual hover of that token.
 */
import { Finding } from '../finding';
import { STAGE_WORDS, ruleByCode, ruleHelpUri } from '../rules';
import { HoverResult } from './hover';

/** `hover` with the explanations of the rules whose findings cover `offset` put first. */
export function withRuleExplanations(hover: HoverResult | undefined, findings: readonly Finding[], offset: number): HoverResult | undefined {
  const explained: string[] = [];
  let start = hover?.start;
  let end = hover?.end;
  for (const finding of findings) {
    if (offset < finding.start || offset > finding.end) continue;
    const rule = ruleByCode(finding.code);
    if (!rule || explained.some((text) => text.startsWith(`**\`${rule.code}\`**`))) continue;
    explained.push(`**\`${rule.code}\`** · ${STAGE_WORDS[rule.stage]}\n\n${rule.help}\n\nlibvirt: \`${rule.libvirt}\` · [libvirt.org](${ruleHelpUri(rule)})`);
    start = start === undefined ? finding.start : Math.min(start, finding.start);
    end = end === undefined ? finding.end : Math.max(end, finding.end);
  }
  if (explained.length === 0) return hover;
  const markdown = [...explained, ...(hover ? [hover.markdown] : [])].join('\n\n---\n\n');
  return { markdown, start: hover?.start ?? start!, end: hover?.end ?? end! };
}
