/**
 * The editor's features besides checking: the words the outline adds to a document's values
 * (`symbols.`), why a rename is refused (`rename.` for ids and indexes, `tagName.` for a
 * tag's name), and what a completion of an id (`references.`) or a host path (`paths.`) is.
 */
export const FEATURES_EN = {
  'symbols.joined': '{before}{separator}{after}',
  'symbols.shown': '{shown} of {all} shown',
  'symbols.nodes': 'nodes {nodeset}',
  'symbols.node': 'node {node}',
  'symbols.disabled': 'disabled',
  'symbols.timerOff': 'off',
  'symbols.topology.sockets.one': '{count} socket',
  'symbols.topology.sockets.other': '{count} sockets',
  'symbols.topology.dies.one': '{count} die',
  'symbols.topology.dies.other': '{count} dies',
  'symbols.topology.clusters.one': '{count} cluster',
  'symbols.topology.clusters.other': '{count} clusters',
  'symbols.topology.cores.one': '{count} core',
  'symbols.topology.cores.other': '{count} cores',
  'symbols.topology.threads.one': '{count} thread',
  'symbols.topology.threads.other': '{count} threads',

  'rename.noun.iothread': 'IOThread',
  'rename.noun.cell': 'NUMA cell',
  'rename.noun.vcpu': 'vCPU',
  'rename.noun.throttlegroup': 'throttle group',
  'rename.noun.alias': 'alias',
  'rename.noun.controller': '{type} controller',
  'rename.blocked': '{thing} {id} cannot be renamed here: {reason}',
  'rename.taken': 'There is already {thing} {id}: renaming {old} to it would merge the two',
  'rename.notUserAlias': '`{value}` is not a user alias: libvirt keeps only aliases that start with `ua-` followed by letters, digits, `_`, `-` or `.`',
  'rename.throttleGroupName': 'A throttle group needs a name',
  'rename.notUnsigned.id': '`{value}` is not an unsigned integer, which a {thing} id is',
  'rename.notUnsigned.index': '`{value}` is not an unsigned integer, which a {thing} index is',
  'rename.iothreadZero': 'IOThread ids start at 1: libvirt refuses 0',
  'rename.pciIndex': "A PCI controller's index is the number of the bus it provides: at most 255, not {index}",
  'rename.fixed.vcpu': 'vCPUs are numbered from 0 by the `<vcpu>` count: they have no id to rename',
  'rename.fixed.range': '`{range}` in `<{element} {attribute}>` is a range: rewrite it as single ids first',
  'rename.fixed.iothreadCount': 'this IOThread is numbered by `<iothreads>`: list it in `<iothreadids>` to give it an id of its own',
  'rename.fixed.cellPlace': 'this cell has no `id`: libvirt numbers it by its place. Write `id` to rename it',
  'rename.fixed.controllerIndex': 'libvirt assigns this controller its index: write `index` to rename it',

  'paths.file': 'file in {directory}',
  'paths.directory': 'folder in {directory}',
  'paths.symlink': 'symbolic link in {directory}',

  'tagName.empty': 'An element needs a name.',
  'tagName.notXmlName': '`{name}` is not an XML name: it must start with a letter or `_` and hold only letters, digits, `-`, `.`, `_` and one `:`.',
  'tagName.colon': '`{name}` is not a valid element name: a `:` may only separate a namespace prefix from the name, as in `qemu:commandline`.',
};
