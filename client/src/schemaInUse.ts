/**
 * What the language status item says about the schema the server validates with, from its
 * `libvirtXml/schemaInUse` notification. Kept apart from the vscode API so tests can call it.
 */
import type { SchemaInUse } from '../../server/src/protocol';

export interface SchemaStatusText {
  text: string;
  detail: string;
  warning: boolean;
}

export function schemaStatusText(inUse: SchemaInUse): SchemaStatusText {
  const version = inUse.libvirt === 'unknown' ? 'libvirt' : `libvirt ${inUse.libvirt}`;
  let text: string;
  let detail: string;
  if (inUse.location === 'none') {
    text = 'No libvirt schema';
    detail = 'well-formedness is checked only';
  } else if (inUse.location === 'bundled') {
    text = `${version} schema (bundled)`;
    detail = '';
  } else {
    text = `${version} schema`;
    detail = inUse.location;
  }
  if (inUse.error) detail = `your schema is not used: ${inUse.error}`;
  return { text, detail, warning: inUse.error !== undefined || inUse.location === 'none' };
}
