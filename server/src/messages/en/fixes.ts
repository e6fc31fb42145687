/**
 * The titles of the fixes outside libvirt's rules and well-formedness: the schema's (a name or
 * value changed to the one meant, what is missing added, a child moved or removed) and those of
 * the values with a generator (`<uuid>`, `<mac address>`, a memory `unit`).
 */
export const FIXES_EN = {
  'fixes.change': 'Change to `{name}`',
  'fixes.add': 'Add {names}',
  'fixes.remove': 'Remove this `<{element}>`',
  'fixes.moveBefore': 'Move `<{element}>` before `<{sibling}>`',
  'fixes.moveAfter': 'Move `<{element}>` after `<{sibling}>`',
  'fixes.uuid.canonical': 'Write the UUID as `{uuid}`',
  'fixes.uuid.fresh': 'Replace with a new random UUID',
  'fixes.mac.canonical': 'Write the MAC address as `{mac}`',
  'fixes.mac.fresh': 'Replace with the new MAC address `{mac}`',
};
