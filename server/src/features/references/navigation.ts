/**
 * Go to Definition, Find All References and document highlight over libvirt's references
 * (model.ts): from a use to the id it names, from an id (or a `<controller>` tag) to what uses it.
 */
import { Span } from '../../rules/domain';
import { Analysis } from '../analysis';
import { ReferenceToken, tokensAt, tokensNaming } from './model';

export interface ReferenceHighlight extends Span {
  /** `write` where the id is defined, `read` where it is used. */
  kind: 'write' | 'read';
}

/** The tokens naming what the token at `offset` names, each span once, in document order. */
function relatedAt(analysis: Analysis, offset: number, keep: (token: ReferenceToken) => boolean): ReferenceToken[] {
  const at = tokensAt(analysis, offset);
  if (at.length === 1) return tokensNaming(analysis, at[0]).filter(keep);
  const found = new Map<string, ReferenceToken>();
  for (const token of at) for (const other of tokensNaming(analysis, token)) if (keep(other)) found.set(`${other.from}:${other.to}`, other);
  return [...found.values()].sort((a, b) => a.from - b.from);
}

const span = ({ from, to }: Span): Span => ({ from, to });

/** Where the id under the cursor is defined (itself, on a definition); empty when it is not a reference. */
export function definitionAt(analysis: Analysis, offset: number): Span[] {
  return relatedAt(analysis, offset, (token) => token.role === 'definition').map(span);
}

/** Every use of the id under the cursor, and its definitions when asked; on a `<controller>`, the addresses on it. */
export function referencesAt(analysis: Analysis, offset: number, includeDeclaration: boolean): Span[] {
  return relatedAt(analysis, offset, (token) => token.role === 'use' || (includeDeclaration && token.role === 'definition')).map(span);
}

export function referenceHighlightsAt(analysis: Analysis, offset: number): ReferenceHighlight[] {
  return relatedAt(analysis, offset, (token) => token.role !== 'tag').map((token) => ({ ...span(token), kind: token.role === 'definition' ? 'write' : 'read' }));
}
