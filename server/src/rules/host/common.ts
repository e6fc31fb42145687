/** What the host rules share: lists of what the host offers, and the check of a value against a domcapabilities enum. */
import type { CapsFeature } from '../../libvirt/domainCapabilities';
import { Param, WordList, andList, words } from '../../messages/words';
import { Domain, El } from '../domain';
import { Report } from '../rule';
import { HostView } from './facts';

/** At most this many items are named in a finding; the rest are counted. */
const MAX_NAMED = 8;

/** `a`, `b` and 3 more: the items as given, the overflow counted. */
export function offeredList(items: readonly Param[]): WordList {
  if (items.length <= MAX_NAMED) return andList(items);
  return andList([...items.slice(0, MAX_NAMED), words('host.andMore', { count: items.length - MAX_NAMED })]);
}

/** The values in backticks, listed. */
export function codeList(values: readonly string[]): WordList {
  return offeredList(values.map((value) => words('host.value', { value })));
}

/** Each value once, in the order first seen. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * A device the host's hypervisor says it does not support at all (`<redirdev supported='no'/>`):
 * reported on the element's name. True when reported.
 */
export function reportUnsupportedDevice(domain: Domain, host: HostView, report: Report, el: El, feature: CapsFeature | undefined): boolean {
  if (feature?.supported !== false) return false;
  report(domain.nameSpan(el), words('host.device.none', { host: host.label, element: el.element.name }));
  return true;
}

/**
 * `attribute` of `el` checked against the enum `enumName` of `feature`: reported on the value
 * when the enum is listed and the value is not in it. An absent attribute takes libvirt's
 * default, which the host offers or libvirt would not pick it; an enum not listed says nothing.
 */
export function checkEnumValue(domain: Domain, host: HostView, report: Report, el: El, attribute: string, feature: CapsFeature | undefined, enumName: string): void {
  const attr = domain.attr(el, attribute);
  const value = attr?.value.trim();
  const values = feature?.enums.get(enumName);
  if (!attr || !value || !values || values.includes(value)) return;
  const params = { host: host.label, element: el.element.name, attribute, value };
  report(attr, values.length > 0 ? words('host.enum', { ...params, offered: codeList(values) }) : words('host.enum.none', params));
}
