/**
 * The codes of the well-formedness findings: what the parser notes (parser/parse.ts) and what
 * wellFormedness.ts adds (entities, the root). `domxml fix` makes these right first, since the
 * other checks read the tree they leave. A unit test keeps the list in step with the sources.
 */
export const WELL_FORMEDNESS_CODES: ReadonlySet<string> = new Set([
  // The parser's, on the node it is about.
  'bare-ampersand',
  'bare-less-than',
  'cdata-end-in-text',
  'double-hyphen-in-comment',
  'duplicate-attribute',
  'invalid-character',
  'invalid-character-reference',
  'mismatched-end-tag',
  'misplaced-xml-declaration',
  'missing-attribute-value',
  'missing-end-tag-name',
  'missing-equals',
  'missing-pi-target',
  'missing-space-before-attribute',
  'unclosed-attribute-value',
  'unclosed-cdata',
  'unclosed-comment',
  'unclosed-doctype',
  'unclosed-element',
  'unclosed-processing-instruction',
  'unexpected-character-in-tag',
  'unknown-declaration',
  'unquoted-attribute-value',
  'unterminated-end-tag',
  'unterminated-start-tag',
  // wellFormedness.ts's: entities and the document's structure.
  'undefined-entity',
  'extra-root-element',
  'misplaced-doctype',
  'missing-root',
  'root-not-domain',
  'text-outside-root',
]);
