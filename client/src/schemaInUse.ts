/**
 * What the language status item says about the schema the server validates with, from its
 * `libvirtXml/schemaInUse` notification. Kept apart from the vscode API so tests can call it:
 * the words come through `translate` (vscode.l10n.t in the editor).
 */
import type { SchemaInUse } from '../../server/src/protocol';

export interface SchemaStatusText {
  text: string;
  detail: string;
  warning: boolean;
}

/** vscode.l10n.t's shape: a message with {0}-style places for `args`. */
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

/** The English message with its places filled, for tests and wherever no bundle applies. */
export const inEnglish: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (place, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : place));

export function schemaStatusText(inUse: SchemaInUse, translate: Translate = inEnglish): SchemaStatusText {
  const version = inUse.libvirt === 'unknown' ? 'libvirt' : `libvirt ${inUse.libvirt}`;
  let text: string;
  let detail: string;
  if (inUse.location === 'none') {
    text = translate('No libvirt schema');
    detail = translate('well-formedness is checked only');
  } else if (inUse.location === 'bundled') {
    text = translate('{0} schema (bundled)', version);
    detail = '';
  } else {
    text = translate('{0} schema', version);
    detail = inUse.location;
  }
  if (inUse.error) detail = translate('your schema is not used: {0}', inUse.error);
  return { text, detail, warning: inUse.error !== undefined || inUse.location === 'none' };
}
