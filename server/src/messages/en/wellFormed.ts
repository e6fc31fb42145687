/**
 * Well-formedness (parser/parse.ts, parser/problemFixes.ts, features/wellFormedness.ts): what each
 * finding says, under `wellFormed.<code>` (a variant after a dot), and its fixes' titles, under
 * `wellFormed.fix.*`. The parser names these keys as plain data (parser/problemWords.ts).
 */
export const WELL_FORMED_EN = {
  // Text and references
  'wellFormed.bare-less-than': 'A `<` that does not start a tag must be written `&lt;`.',
  'wellFormed.cdata-end-in-text': '`]]>` may not appear in text; write `]]&gt;`.',
  'wellFormed.invalid-character-reference': '`{reference}` does not name a character XML allows.',
  'wellFormed.bare-ampersand': 'A literal `&` must be written `&amp;`.',
  'wellFormed.bare-ampersand.noSemicolon': '`{reference}` is missing its `;`. A literal `&` must be written `&amp;`.',
  'wellFormed.invalid-character': 'The character {character} is not allowed in XML (is this a binary file?).',
  'wellFormed.undefined-entity': 'The entity `&{name};` is not defined. Only &lt; &gt; &amp; &quot; &apos; exist unless the DOCTYPE declares more.',
  // Start tags
  'wellFormed.unexpected-character-in-tag': 'Unexpected `{text}` in the start tag of `<{element}>`.',
  'wellFormed.missing-space-before-attribute': 'Put a space before the attribute `{attribute}`.',
  'wellFormed.missing-attribute-value': 'The attribute `{attribute}` has no value: write `{attribute}="…"`.',
  'wellFormed.missing-attribute-value.afterEquals': 'The attribute `{attribute}` has `=` but no value.',
  'wellFormed.missing-equals': 'Put `=` between the attribute `{attribute}` and its value.',
  'wellFormed.unclosed-attribute-value': 'The value of `{attribute}` is missing its closing `{quote}`.',
  'wellFormed.unquoted-attribute-value': 'The value of `{attribute}` must be in quotes: `{attribute}="{value}"`.',
  'wellFormed.unterminated-start-tag': 'The start tag `<{element}` is missing its closing `>`.',
  'wellFormed.duplicate-attribute': '`{attribute}` is already set on this `<{element}>`; an attribute may appear only once.',
  // End tags and elements left open
  'wellFormed.missing-end-tag-name': '`</` must be followed by the name of the element it closes.',
  'wellFormed.unexpected-character-in-tag.endTag': 'An end tag holds only its name: remove `{text}`.',
  'wellFormed.unterminated-end-tag': 'The end tag `</{element}` is missing its closing `>`.',
  'wellFormed.mismatched-end-tag': '`</{name}>` does not match the open element `<{open}>`.',
  'wellFormed.mismatched-end-tag.noneOpen': '`</{name}>` closes nothing: there is no open `<{name}>`.',
  'wellFormed.unclosed-element': '`<{element}>` is never closed: add `</{element}>` or end the start tag with `/>`.',
  // Comments, CDATA, processing instructions, DOCTYPE
  'wellFormed.unknown-declaration': 'Unknown markup: after `<!` comes `--` (a comment), `[CDATA[` or `DOCTYPE`.',
  'wellFormed.unclosed-comment': 'This comment is never closed with `-->`.',
  'wellFormed.unclosed-cdata': 'This CDATA section is never closed with `]]>`.',
  'wellFormed.double-hyphen-in-comment': '`--` is not allowed inside a comment.',
  'wellFormed.unclosed-processing-instruction': 'This processing instruction is never closed with `?>`.',
  'wellFormed.missing-pi-target': '`<?` must be followed by a target name, as in `<?xml version="1.0"?>`.',
  'wellFormed.misplaced-xml-declaration': 'The XML declaration `<?xml …?>` must be the very first thing in the file.',
  'wellFormed.unclosed-doctype': 'This DOCTYPE is never closed with `>`.',
  // The document: one root, and it is <domain>
  'wellFormed.root-not-domain': 'The root element is `<{element}>`; a libvirt domain definition has `<domain>` as its root.',
  'wellFormed.extra-root-element': 'Only one root element is allowed: `<{element}>` comes after the root `<{root}>` has ended.',
  'wellFormed.text-outside-root.afterRoot': 'Text is not allowed after the root element `<{root}>` has ended.',
  'wellFormed.text-outside-root.beforeRoot': 'Text is not allowed before the root element.',
  'wellFormed.misplaced-doctype': 'The DOCTYPE must come before the root element.',
  'wellFormed.missing-root': "The document has no root element: a domain definition starts with `<domain type='kvm'>`.",
  // Fix titles
  'wellFormed.fix.close': 'Close `<{element}>` here',
  'wellFormed.fix.changeEndTag': 'Change to `</{element}>`',
  'wellFormed.fix.renameEndTag': 'Change `</{from}>` to `</{to}>`',
  'wellFormed.fix.closeValue': 'Close the value of `{attribute}` with `{quote}`',
  'wellFormed.fix.addEquals': 'Add `=` after `{attribute}`',
  'wellFormed.fix.quoteValue': 'Put `{value}` in quotes',
  'wellFormed.fix.addSpace': 'Add a space before `{attribute}`',
  'wellFormed.fix.escape': 'Escape `{character}` as `{reference}`',
  'wellFormed.fix.addSemicolon': 'Add `;` after `{reference}`',
  'wellFormed.fix.removeRepeated': 'Remove the repeated `{attribute}`',
  'wellFormed.fix.keep': 'Keep `{attribute}`',
  'wellFormed.fix.remove': 'Remove `{text}`',
  'wellFormed.fix.endStartTag': 'End the start tag with `{ending}`',
  'wellFormed.fix.addEnd': 'Add `{ending}`',
  'wellFormed.fix.splitDoubleHyphen': 'Write `--` as `- -`',
  'wellFormed.fix.removeEndTag': 'Remove `</{name}>`',
  'wellFormed.fix.removeNamelessEndTag': 'Remove the end tag without a name',
  'wellFormed.fix.removeTextAfterRoot': 'Remove the text after `</{root}>`',
  'wellFormed.fix.removeTextBeforeRoot': 'Remove the text before the root element',
  'wellFormed.fix.removeSpaceBeforeDeclaration': 'Remove the space before `<?xml`',
};
