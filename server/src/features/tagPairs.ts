/**
 * A tag's name and its pair's, for linked editing, document highlight and rename of a tag.
 * Only tag names answer: elsewhere every function returns undefined, so that another provider
 * (libvirt's references, on ids and indexes) can answer there.
 */
import { scanName } from '../parser/chars';
import { Words, words } from '../messages/words';
import { Span } from '../rules/domain';
import { Analysis } from './analysis';
import { cursorTarget } from './cursor';
import { Refusal, refusal } from './references/rename';

export interface TagNames {
  /** The element's name as written. */
  name: string;
  /** The name in the start tag, then the one in the end tag when the element has one. */
  spans: Span[];
  /** The one of them the offset is on. */
  at: Span;
}

/** The names of the element whose start or end tag name holds the offset. */
export function tagNamesAt(analysis: Analysis, offset: number): TagNames | undefined {
  const target = cursorTarget(analysis.tree, offset);
  if (target.kind !== 'startTagName' && target.kind !== 'endTagName') return undefined;
  const { node: element, start } = target.element;
  if (element.name === '') return undefined;
  const spans = [{ from: start + 1, to: start + 1 + element.name.length }];
  // The parser pairs an end tag with an element only when their names are the same.
  if (element.endTagOffset >= 0) {
    const endName = start + element.endTagOffset + 2;
    spans.push({ from: endName, to: endName + element.name.length });
  }
  return { name: element.name, spans, at: target.kind === 'startTagName' ? spans[0] : spans[1] };
}

/** Linked editing: the start and end tag names, typed into together. Undefined without an end tag. */
export function linkedTagNamesAt(analysis: Analysis, offset: number): Span[] | undefined {
  const names = tagNamesAt(analysis, offset);
  return names && names.spans.length === 2 ? names.spans : undefined;
}

/**
 * What may be typed into linked tag names (XML's `Name`, as a regular expression without flags
 * for the editor): once a name no longer matches, as when a space starts the attributes, the
 * editor stops typing into both.
 */
export const TAG_NAME_PATTERN =
  '[:A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uD800-\\uDFFF\\uF900-\\uFDCF\\uFDF0-\\uFFFD]' +
  '[:A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uD800-\\uDFFF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*';

/** Rename of a tag: both of its names are replaced by the new one; an invalid name is refused with the reason. */
export function renameTagAt(analysis: Analysis, offset: number, newName: string): { spans: Span[] } | Refusal | undefined {
  const names = tagNamesAt(analysis, offset);
  if (!names) return undefined;
  const problem = elementNameProblem(newName);
  return problem ? refusal(problem) : { spans: names.spans };
}

/** Why `name` cannot name an element (XML's Name, and a namespace prefix at most), or undefined. */
export function elementNameProblem(name: string): Words | undefined {
  if (name === '') return words('tagName.empty');
  if (scanName(name, 0, name.length) !== name.length) return words('tagName.notXmlName', { name });
  const colon = name.indexOf(':');
  if (colon >= 0 && (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0 || scanName(name, colon + 1, name.length) !== name.length)) {
    return words('tagName.colon', { name });
  }
  return undefined;
}
