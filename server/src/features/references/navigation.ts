/**
 * Go to Definition, Find All References and document highlight over libvirt's references
 * (model.ts): from a use to the id it names, from an id (or a `<controller>` tag) to what uses it.
 */
import { Span } from '../../rules/domain';
import { Analysis } from '../analysis';
import { ReferenceToken, Which, tokenAt, tokensNaming } from './model';

export interface ReferenceHighlight extends Span {
  /** `write` where the id is defined, `read` where it is used. */
  kind: 'write' | 'read';
}

/** The definitions and uses (`which`) naming what the token at `offset` names, in document order. */
function relatedAt(analysis: Analysis, offset: number, which: readonly Which[]): ReferenceToken[] {
  const token = tokenAt(analysis, offset);
  if (!token) return [];
  const found = which.flatMap((kind) => tokensNaming(analysis, token, kind)).filter((other) => other.role !== 'tag');
  return which.length > 1 ? found.sort((a, b) => a.from - b.from) : found;
}

const span = ({ from, to }: Span): Span => ({ from, to });

/** Where the id under the cursor is defined (itself, on a definition); empty when it is not a reference. */
export function definitionAt(analysis: Analysis, offset: number): Span[] {
  return relatedAt(analysis, offset, ['definitions']).map(span);
}

/** Every use of the id under the cursor, and its definitions when asked; on a `<controller>`, the addresses on it. */
export function referencesAt(analysis: Analysis, offset: number, includeDeclaration: boolean): Span[] {
  return relatedAt(analysis, offset, includeDeclaration ? ['definitions', 'uses'] : ['uses']).map(span);
}

export function referenceHighlightsAt(analysis: Analysis, offset: number): ReferenceHighlight[] {
  return relatedAt(analysis, offset, ['definitions', 'uses']).map((token) => ({ from: token.from, to: token.to, kind: token.role === 'definition' ? 'write' : 'read' }));
}
