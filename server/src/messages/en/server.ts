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

  // libvirt-xml-language-server, the command (serverCommand.ts).
  'server.command.usage': `Usage: {tool} --stdio
       {tool} --help | --version

The language server for libvirt domain XML (the <domain> documents virsh edit opens and
/etc/libvirt/qemu/ holds): diagnostics from libvirt's schema and libvirt's own rules,
completion, hover with the documentation, quick fixes, formatting and the outline. An
editor starts it and speaks the Language Server Protocol with it over standard input and
output; it is not run by hand. Settings (the libvirtXml section, as in VS Code) come from
the editor through workspace/configuration or workspace/didChangeConfiguration; without
them the defaults apply. Set-up for Neovim, Vim with virsh edit, Emacs (eglot) and Helix:
the README's "Other editors".

  --stdio                  speak LSP over standard input and output (what editors use)
  --node-ipc, --socket=PORT, --pipe=NAME
                           the other connections of vscode-languageserver (VS Code)
  --clientProcessId=PID    exit when the editor with this process id has gone
  -h, --help               show this help
  --version                show the version`,
  'server.command.unknownArgument': 'unknown argument {argument}',
  'server.command.needsValue': '{option} needs a value',
  'server.command.notANumber': '{option} must be a whole number, not {value}',
  'server.command.noConnection': 'say how to talk to the editor: --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)',
  'server.command.twoConnections': 'one connection at a time: {first} and {second} were both given',
};
