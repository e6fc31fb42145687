/**
 * Renaming an id renames every reference to it: an IOThread's id and the pins, disks and
 * controllers on it; a controller's index and the addresses on it (each kept in the number
 * format it is written in: a PCI bus written `0x01` stays hexadecimal); an alias and the teaming
 * that names it; a throttle group and its filters. What is not a written id (a count that
 * numbers ids, a range in a list, an index libvirt assigns) is refused with the reason.
 */
import { Fix } from '../../finding';
import { Words, render, words } from '../../messages/words';
import { libvirtNumber } from '../../rules/domain';
import { Analysis } from '../analysis';
import { ReferenceToken, Scope, scopeTokens, tokenAt, tokensNaming } from './model';

export type RenameEdit = Pick<Fix, 'start' | 'end' | 'newText'>;

export interface RenamePlace {
  from: number;
  to: number;
  placeholder: string;
}

/** Why a rename cannot be made: in English, and `errorWords` in any language. */
export interface Refusal {
  error: string;
  errorWords: Words;
}

export function refusal(why: Words): Refusal {
  return { error: render(why, 'en'), errorWords: why };
}

/** What an id of the scope is called in messages. */
function noun(scope: Scope): Words {
  switch (scope) {
    case 'iothread':
    case 'cell':
    case 'vcpu':
    case 'throttlegroup':
    case 'alias':
      return words(`rename.noun.${scope}`);
    default:
      return words('rename.noun.controller', { type: scope.slice('controller '.length) });
  }
}

interface Target {
  token: ReferenceToken;
  /** The tokens a rename rewrites: the definitions and the uses. */
  tokens: ReferenceToken[];
}

/** The id under the cursor and everything naming it; undefined when the cursor is on no written id. */
function renameTarget(analysis: Analysis, offset: number): Target | Refusal | undefined {
  // A controller's tag and an address without the attribute: a tag rename, not ours.
  const token = tokenAt(analysis, offset);
  if (!token || token.role === 'tag' || token.missing) return undefined;
  if (token.fixed) return refusal(token.fixed);
  const tokens = [...tokensNaming(analysis, token, 'definitions'), ...tokensNaming(analysis, token, 'uses')].filter((other) => other.role !== 'tag');
  const blocked = tokens.find((other) => other.fixed);
  if (blocked?.fixed) return refusal(words('rename.blocked', { thing: noun(token.scope), id: token.id, reason: blocked.fixed }));
  return { token, tokens };
}

export function prepareReferenceRename(analysis: Analysis, offset: number): RenamePlace | Refusal | undefined {
  const target = renameTarget(analysis, offset);
  if (!target || 'error' in target) return target;
  const { from, to } = target.token;
  return { from, to, placeholder: analysis.source.slice(from, to) };
}

/** The edits renaming the id under the cursor to `newValue`, or why not. */
export function referenceRenameEdits(analysis: Analysis, offset: number, newValue: string): { edits: RenameEdit[] } | Refusal | undefined {
  const target = renameTarget(analysis, offset);
  if (!target || 'error' in target) return target;
  const { token, tokens } = target;
  const id = newId(token.scope, newValue);
  if (typeof id === 'object') return id;
  if (id === token.id) return { edits: [] };
  const taken = scopeTokens(analysis, token.scope, 'definitions').find((other) => (other.ids && typeof id === 'number' ? other.ids.has(id) : other.id === id));
  if (taken) return refusal(words('rename.taken', { thing: noun(token.scope), id, old: token.id }));
  const edits = tokens.map((other): RenameEdit => {
    if (other.missing) return { start: other.missing.at, end: other.missing.at, newText: ` ${other.missing.attribute}=${other.missing.quote}${id}${other.missing.quote}` };
    const written = analysis.source.slice(other.from, other.to);
    return { start: other.from, end: other.to, newText: typeof id === 'number' ? writeLike(other, written, id) : escapeXml(id) };
  });
  return { edits };
}

const UNSIGNED_INT_MAX = 4294967295;
const USER_ALIAS = /^ua-[A-Za-z0-9_.-]+$/;

/** The new id as the scope reads it, or why it cannot be one. */
function newId(scope: Scope, text: string): number | string | Refusal {
  const value = text.trim();
  if (scope === 'alias') {
    return USER_ALIAS.test(value) ? value : refusal(words('rename.notUserAlias', { value }));
  }
  if (scope === 'throttlegroup') return value !== '' ? value : refusal(words('rename.throttleGroupName'));
  const n = libvirtNumber(value);
  if (n === undefined || n > UNSIGNED_INT_MAX) return refusal(words(scope.startsWith('controller') ? 'rename.notUnsigned.index' : 'rename.notUnsigned.id', { value, thing: noun(scope) }));
  if (scope === 'iothread' && n === 0) return refusal(words('rename.iothreadZero'));
  if (scope === 'controller pci' && n > 255) return refusal(words('rename.pciIndex', { index: n }));
  return n;
}

/**
 * `n` as the token writes numbers: an address field keeps its hexadecimal (with its width and
 * case) or octal form, as libvirt reads addresses in any base; other ids are decimal.
 */
export function writeLike(token: ReferenceToken, written: string, n: number): string {
  if (token.el.element.name !== 'address') return String(n);
  const hex = /^0([xX])([0-9a-fA-F]+)$/.exec(written);
  if (hex) {
    const digits = n.toString(16).padStart(hex[2].length, '0');
    return `0${hex[1]}${/[A-F]/.test(hex[2]) ? digits.toUpperCase() : digits}`;
  }
  return /^0[0-7]+$/.test(written) ? `0${n.toString(8)}` : String(n);
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
