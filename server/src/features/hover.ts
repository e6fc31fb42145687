/**
 * Hover on an element or attribute name: the element's text from the spec (or ours in English);
 * on a cpuset/nodeset value: what it selects (cpuset/setHover.ts).
 */
import { DocsLanguage, ElementDocs } from '../docs/elementDocs';
import { DocumentNode } from '../parser/nodes';
import { SetContext, setValueHover } from './cpuset/setHover';
import { cursorTarget } from './cursor';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

const SECTION_LABEL: Record<DocsLanguage, string> = { en: 'Section', zh: '章节' };

/** `sets` (the text, the schema's set attributes, the host) enables the hover on set values. */
export function hoverAt(tree: DocumentNode, offset: number, docs: ElementDocs, language: DocsLanguage, sets?: SetContext): HoverResult | undefined {
  const target = cursorTarget(tree, offset);
  if (target.kind === 'attributeValue') {
    return sets && setValueHover(sets, target.element, target.attribute, target.ancestors[target.ancestors.length - 1]?.node.name);
  }
  if (target.kind !== 'startTagName' && target.kind !== 'endTagName' && target.kind !== 'attributeName') return undefined;
  const { element, ancestors } = target;
  const name = element.node.name;
  const found = docs.lookup([...ancestors.map((a) => a.node.name), name], language);
  if (!found) return undefined;
  const { entry } = found;
  if (target.kind === 'attributeName') {
    const text = entry.attributes?.[target.attribute.name];
    if (!text) return undefined;
    const start = element.start + target.attribute.nameOffset;
    return {
      markdown: `**\`${target.attribute.name}\`** · \`<${name}>\`\n\n${text}`,
      start,
      end: start + target.attribute.name.length,
    };
  }
  const nameStart = target.kind === 'startTagName' ? element.start + 1 : element.start + element.node.endTagOffset + 2;
  const parts = [`**\`<${name}>\`**${entry.section ? ` · ${SECTION_LABEL[found.language]}: ${entry.section}` : ''}`];
  // Elements the spec only shows in an example have the section heading as their text.
  if (entry.markdown !== `**${entry.section}**`) parts.push(entry.markdown);
  if (entry.attributes) {
    parts.push(
      Object.entries(entry.attributes)
        .map(([attribute, text]) => `- \`${attribute}\`: ${text}`)
        .join('\n'),
    );
  }
  if (entry.example) parts.push('```xml\n' + entry.example + '\n```');
  if (entry.link) parts.push(`[libvirt.org](${entry.link})`);
  return { markdown: parts.join('\n\n'), start: nameStart, end: nameStart + name.length };
}
