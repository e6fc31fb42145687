/**
 * Fix titles as catalogue words, for the devices and USB rules: a fix keeps its English `title`
 * (rendered from the words) and carries `titleWords` for the user's language.
 */
import { Fix } from '../../finding';
import { Words, render, words } from '../../messages/words';

/** The fix `make` builds from the English of `title`, with `title` kept as its words. */
export function worded<F extends Fix | undefined>(title: Words, make: (english: string) => F): F {
  const fix = make(render(title, 'en'));
  return (fix && { ...fix, titleWords: title }) as F;
}

/** "Remove `name`": the title of a fix that removes an attribute. */
export function removeAttributeTitle(name: string): Words {
  return words('rules.devices.fix.removeAttribute', { name });
}

/** "Remove the `<address>`". */
export const REMOVE_ADDRESS_TITLE = words('rules.devices.fix.removeAddress');
