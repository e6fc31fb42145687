/**
 * Fix titles as catalogue words shared by the devices rules; rule.ts's fix helpers take them and
 * keep both the English `title` and `titleWords`.
 */
import { Words, words } from '../../messages/words';

/** "Remove `name`": the title of a fix that removes an attribute. */
export function removeAttributeTitle(name: string): Words {
  return words('rules.devices.fix.removeAttribute', { name });
}

/** "Remove the `<address>`". */
export const REMOVE_ADDRESS_TITLE = words('rules.devices.fix.removeAddress');
