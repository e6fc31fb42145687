/**
 * The server's own words besides its checks: the finding on a file too large to check, the
 * fix-all action's title, what a notification says, the fixed parts of a rule's hover.
 */
export const SERVER_EN = {
  'server.fileTooLarge': 'This file is {size} MB, over the {limit} MB set in libvirtXml.analysis.maxFileSizeMB: it is not checked.',
  'server.fixAll.one': 'Fix all safe problems ({count} fix)',
  'server.fixAll.other': 'Fix all safe problems ({count} fixes)',
  'server.notFormatted': 'Not formatted (line {line}): {reason}',
  'server.format.notWellFormed': 'The document is not well-formed XML: {problem}',
  'server.format.tooDeep': "The elements nest so deeply here that indenting them would add over {times} times the document's size.",
  'server.ruleHover.source': 'libvirt: `{function}` · [libvirt.org]({uri})',
};
