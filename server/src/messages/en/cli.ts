/**
 * `domxml`: what it prints for a person (summaries, reasons, errors, --help, the labels of the
 * text format). JSON and SARIF keep codes and English messages whatever the language.
 */
export const CLI_EN = {
  'cli.usage': `Usage: domxml check [options] FILE|DIR|- ...
       domxml fix [--dry-run] [options] FILE|DIR ...
       domxml fix [options] -

check  reports what is wrong in libvirt domain XML documents, with the same findings as
       the editor extension: libvirt's domain schema, and cpuset/nodeset lists as
       libvirt reads them. A DIR is searched recursively for *.xml files (checked in
       sorted order; symbolic links are followed within DIR, one leading out of it is
       skipped and said); - reads one document from standard input (shown as <stdin>).

fix    applies the safe fixes, those that keep what the document says without a
       judgement call (the editor's "Fix all"): for cpuset/nodeset lists the spaces,
       stray commas, reversed ranges like 4-3, ^N-M, a ^N or an item that changes
       nothing, vCPUs libvirt drops; and every other finding's safe fix. A document that
       is not well-formed XML gets its well-formedness fixes first, the others only once
       it is well-formed. Fixes go in rounds (a fix can reveal the next finding), and a
       file is written only when it comes out better: fewer errors; or as many, and fewer
       warnings; then infos, then hints. Otherwise it is left as it was, and fix says why,
       as for a document that is not a domain or not UTF-8. A file is written back
       touching only what changes, through a temporary file renamed over it: a full disk
       or a save made meanwhile leaves the file as it was. It prints one line per change,
         path:line:column: "old text" → "new text" [codes] what the fix does
       then the errors and warnings left, as check does, located in the file as fix
       leaves it. With -, the fixed document goes to standard output and the rest to
       standard error.

Options:
  --format text|json|sarif  (check) text (default): one line per problem,
                              path:line:column: severity: message [code]
                            json: an array of {file, line, column, endLine, endColumn,
                              severity, code, message}, with where they apply
                              beyondSchema: true (libvirt's schema accepts what this is
                              about; libvirt itself, or the guest's start, does not),
                              related (the other places it is about, each {line, column,
                              endLine, endColumn, message}), help and helpUri (libvirt's
                              rules: what libvirt checks, and its libvirt.org page)
                            sarif: a SARIF 2.1.0 log, for code scanning in CI
  --dry-run                 (fix) print what would change, and write nothing
  --max-problems N          report at most N problems per document (default {maxProblems})
  --jobs N                  (check) check with N threads, at most one per core
                              (default: one per two cores, up to 8, for runs of at
                              least 512 files, else 1). Output is the same whatever
                              N; --connect, - and a --schema other than the bundled
                              one are checked in one thread
  --schema DIR              check against the libvirt schema in DIR (a directory holding
                              domain.rng, e.g. /usr/share/libvirt/schemas) instead of the
                              bundled one; compiled once, then cached while its files
                              are unchanged
  --host-cpus LIST          the CPUs of the host the domains are meant for (e.g. 0-15 or
                              0-7,16-23): pins to other CPUs are warned about
  --host-nodes LIST         the host's NUMA nodes (e.g. 0-1): <numatune> nodesets beyond
                              them are warned about
                            Without these, the host is not checked: the domains may be
                            meant for other machines than this one. fix never removes
                            CPUs or nodes beyond the host by itself.
  --connect URI             (check) check against the libvirt host at URI, as virsh -c
                              takes it (qemu:///system, qemu+ssh://root@kvm01/system,
                              test:///default): what virsh capabilities says of its
                              domain types, machine types, CPUs, NUMA nodes and page
                              sizes, and what virsh domcapabilities says of each
                              domain's CPU models, devices and firmware. Findings name
                              the host. Where the driver has no domcapabilities (the
                              test driver), those checks are skipped and a note says so.
                              Not with --host-cpus or --host-nodes
  --virsh PATH              (check) the virsh to run for --connect (default: virsh from
                              PATH)
  --lang en|zh              the language of the messages, the summary and this help
                              (default: from LC_ALL, LC_MESSAGES or LANG; zh... is
                              Chinese, anything else English); json and sarif keep
                              the codes and English messages
  -h, --help                show this help
  --version                 show the version

Lines and columns start at 1; columns count UTF-16 code units, as VS Code does, and an end
column is the one just after the last character. Severities: error, warning, info, hint.
A summary goes to standard error.

Exit status: 0 when no document has an error (warnings alone do not fail; for fix: once
fixed), 1 when any document has an error (for fix: one left after fixing, or in a document
it left as it was), 2 on a usage error or when anything could not be checked: a file or
directory that cannot be read, a link skipped, a file fix could not write or had to leave
as it was (not UTF-8, changed meanwhile), a --connect host whose capabilities could not be
read.`,
  'cli.tryHelp': "Try '{tool} --help'.",

  'cli.usage.noCommand': 'no command given',
  'cli.usage.unknownCommand': 'unknown command {command}',
  'cli.usage.needsValue': '{option} needs a value',
  'cli.usage.formatForCheck': '--format is for check; fix prints its changes as text',
  'cli.usage.formatValue': '--format must be {formats}, not {value}',
  'cli.usage.dryRunForFix': '--dry-run is for fix; check never writes',
  'cli.usage.dryRunNoValue': '--dry-run takes no value',
  'cli.workerStopped': 'a checking thread stopped ({reason}); what it had not checked was checked in the main thread',
  'cli.workerExitCode': 'exit code {code}',
  'cli.usage.jobs': '--jobs must be a whole number of at least 1, not {value}',
  'cli.usage.jobsForCheck': '--jobs is for check',
  'cli.usage.maxProblems': '--max-problems must be a whole number of at least 1, not {value}',
  'cli.usage.hostCpus': '--host-cpus must be a list like 0-15 or 0-7,16-23, not {value}',
  'cli.usage.hostNodes': '--host-nodes must be a list like 0-1, not {value}',
  'cli.usage.connectForCheck': '{option} is for check',
  'cli.usage.connectWithHost': '--connect takes the host from libvirt: leave out --host-cpus and --host-nodes',
  'cli.usage.virshWithoutConnect': '--virsh is for --connect',
  'cli.host.cannotRead': 'cannot check against {uri}: {reason}',
  'cli.host.note': 'note: {note}',
  'cli.usage.lang': '--lang must be en or zh, not {value}',
  'cli.usage.unknownOption': 'unknown option {option}',
  'cli.usage.noPaths': '{command} needs at least one FILE, DIR or - (standard input)',
  'cli.usage.stdinAlone': 'fix reads - (standard input) alone, without other files',

  'cli.schema.cannotUse': 'cannot use the schema in {directory}: {reason}',
  'cli.schema.cannotLoadBundled': 'cannot load the bundled schema {file}: {reason}',
  'cli.noVersion': 'cannot read the version from {file}',
  'cli.noXmlFiles': 'no .xml files under {directory}',
  'cli.cannotRead': 'cannot read {name}: {reason}',
  'cli.cannotReadDirectory': 'cannot read the directory {directory}: {reason}',
  'cli.skippedLink': 'skipped {name}: a symbolic link to {target}, outside {root} (name it to check it)',
  'cli.skippedNotRegular': 'skipped {name}: not a regular file',
  'cli.couldNotCheck': 'could not check {name}: {reason}',
  'cli.couldNotFix': 'could not fix {name}: {reason}',
  'cli.cannotWrite': 'cannot write {name}: {reason}: left as it was',
  'cli.leftAsItIs': '{name} {reason}: left as it is',
  'cli.notFixedWhy': '{name} {reason}',
  'cli.nothingChecked': 'nothing was checked',
  'cli.noDocumentRead': 'no document was read',

  'cli.error.ENOENT': 'no such file or directory',
  'cli.error.EACCES': 'permission denied',
  'cli.error.EISDIR': 'is a directory',
  'cli.error.EROFS': 'read-only file system',
  'cli.error.ENOSPC': 'no space left on device',
  'cli.error.EDQUOT': 'disk quota exceeded',
  'cli.error.ELOOP': 'a loop of symbolic links',
  'cli.error.ENOTDIR': 'not a directory',
  'cli.error.other': '{message}',

  'cli.notReplaced.notRegular': 'is not a regular file',
  'cli.notReplaced.hardLinks': 'has {count} hard links, which replacing it would split',
  'cli.notReplaced.removed': 'was removed since it was read',
  'cli.notReplaced.changed': 'changed since it was read',
  'cli.notReplaced.owner': 'is owned by user {uid}, group {gid}, and a file written by this user could not keep that',
  'cli.notReplaced.notUtf8': 'is not UTF-8 text',

  'cli.fix.notDomain': 'is not a libvirt domain (its root element is `<{root}>`): not fixed',
  'cli.fix.tooMany': 'has {count} problems or more, too many to tell whether fixes make it better: not fixed',
  'cli.fix.notWellFormed': 'is not well-formed XML, and no safe fix makes it so: not fixed',
  'cli.fix.stillNotWellFormed': 'is still not well-formed XML after its safe well-formedness fixes: its other problems were not fixed',
  'cli.fix.notBetter': 'has {fixes} that would not make it better: not made',
  'cli.fix.unsettled': 'still has {fixes} after {rounds} rounds of fixes: not made',
  'cli.fix.worse': 'would not be better after its safe fixes ({before} now, {after} after them): not fixed',
  'cli.fix.safeFixes.one': '{count} safe fix',
  'cli.fix.safeFixes.other': '{count} safe fixes',
  'cli.change': '{location}: {oldText} → {newText} [{codes}] {title}',
  'cli.change.noCodes': 'safe fix',

  'cli.text.problem': '{location}: {severity}: {message} [{code}]',
  'cli.text.note': '  note: {location}: {message}',
  'cli.text.help': '  help: {help} ({uri})',
  'cli.severity.error': 'error',
  'cli.severity.warning': 'warning',
  'cli.severity.info': 'info',
  'cli.severity.hint': 'hint',

  'cli.count.error.one': '{count} error',
  'cli.count.error.other': '{count} errors',
  'cli.count.warning.one': '{count} warning',
  'cli.count.warning.other': '{count} warnings',
  'cli.count.info.one': '{count} info',
  'cli.count.info.other': '{count} infos',
  'cli.count.hint.one': '{count} hint',
  'cli.count.hint.other': '{count} hints',
  'cli.count.document.one': '{count} document',
  'cli.count.document.other': '{count} documents',
  'cli.count.change.one': '{count} change',
  'cli.count.change.other': '{count} changes',
  'cli.list.comma': '{first}, {rest}',
  'cli.list.semicolon': '{first}; {rest}',
  'cli.summary.noProblems': 'no problems',
  'cli.summary.problemsIn': '{counts} in {documents}',
  'cli.summary.checked': 'checked {documents}: {found}',
  'cli.summary.checkedNotAll': 'checked {documents}: {found}; {count} could not be checked',
  'cli.summary.nothingToFix': 'nothing to fix in {documents}',
  'cli.summary.made': 'made {changes} in {changed} of {documents}',
  'cli.summary.wouldMake': 'would make {changes} in {changed} of {documents}',
  'cli.summary.left': 'left: {problems}',
  'cli.summary.wouldLeave': 'would leave: {problems}',
  'cli.summary.clean': 'no errors or warnings left',
  'cli.summary.notMade': 'fixes not made in {documents} (said why above)',
  'cli.summary.notFixed': '{count} could not be fixed',
};
