/**
 * What the parser's problems and fixes say, as data: a key of the `wellFormed.` message catalogue
 * (messages/en/wellFormed.ts) with its parameters. The parser imports nothing outside parser/, so
 * it only names the key; features/wellFormedness.ts renders it, in English for the finding's
 * message and in the user's language where it is shown. There a problem's words become a
 * finding's words, which the compiler accepts only if every key below is in the catalogue.
 */
export type ProblemKey =
  | 'wellFormed.bare-less-than'
  | 'wellFormed.cdata-end-in-text'
  | 'wellFormed.invalid-character-reference'
  | 'wellFormed.bare-ampersand'
  | 'wellFormed.bare-ampersand.noSemicolon'
  | 'wellFormed.invalid-character'
  | 'wellFormed.unexpected-character-in-tag'
  | 'wellFormed.unexpected-character-in-tag.endTag'
  | 'wellFormed.missing-space-before-attribute'
  | 'wellFormed.missing-attribute-value'
  | 'wellFormed.missing-attribute-value.afterEquals'
  | 'wellFormed.missing-equals'
  | 'wellFormed.unclosed-attribute-value'
  | 'wellFormed.unquoted-attribute-value'
  | 'wellFormed.unterminated-start-tag'
  | 'wellFormed.duplicate-attribute'
  | 'wellFormed.missing-end-tag-name'
  | 'wellFormed.unterminated-end-tag'
  | 'wellFormed.mismatched-end-tag'
  | 'wellFormed.mismatched-end-tag.noneOpen'
  | 'wellFormed.unclosed-element'
  | 'wellFormed.unknown-declaration'
  | 'wellFormed.unclosed-comment'
  | 'wellFormed.unclosed-cdata'
  | 'wellFormed.double-hyphen-in-comment'
  | 'wellFormed.unclosed-processing-instruction'
  | 'wellFormed.missing-pi-target'
  | 'wellFormed.misplaced-xml-declaration'
  | 'wellFormed.unclosed-doctype'
  | 'wellFormed.fix.close'
  | 'wellFormed.fix.changeEndTag'
  | 'wellFormed.fix.renameEndTag'
  | 'wellFormed.fix.closeValue'
  | 'wellFormed.fix.addEquals'
  | 'wellFormed.fix.quoteValue'
  | 'wellFormed.fix.addSpace'
  | 'wellFormed.fix.escape'
  | 'wellFormed.fix.addSemicolon'
  | 'wellFormed.fix.removeRepeated'
  | 'wellFormed.fix.keep'
  | 'wellFormed.fix.remove'
  | 'wellFormed.fix.endStartTag'
  | 'wellFormed.fix.addEnd'
  | 'wellFormed.fix.splitDoubleHyphen';

/** Structurally a `Words` of messages/words.ts whose parameters are plain strings and numbers. */
export interface ProblemWords {
  readonly key: ProblemKey;
  readonly params: Readonly<Record<string, string | number>>;
}

const NO_PARAMS: Readonly<Record<string, string | number>> = Object.freeze({});

export function said(key: ProblemKey, params: Readonly<Record<string, string | number>> = NO_PARAMS): ProblemWords {
  return { key, params };
}
