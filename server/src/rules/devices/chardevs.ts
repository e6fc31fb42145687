/**
 * The character devices of a domain as libvirt's parser reads them (virDomainChrDefParseXML,
 * virDomainChrSourceDefParseXML, src/conf/domain_conf.c): `<serial>`, `<parallel>`, `<console>`,
 * `<channel>`, and the other devices whose backend is a character device (`<rng>` with an egd
 * backend, `<smartcard mode='passthrough'>`, `<redirdev>`). Computed once per document version.
 */
import { AttrValue, Domain, El } from '../domain';

export type ChardevKind = 'serial' | 'parallel' | 'console' | 'channel' | 'rng' | 'smartcard' | 'redirdev';

export interface Chardev {
  kind: ChardevKind;
  /** The device element (`<serial>`, `<rng>` ...). */
  device: El;
  /** The element that carries the source `type` and the `<source>` children (the `<backend>` of an rng). */
  holder: El;
  /** The source type as written (`type`); undefined when absent. */
  typeAttr: AttrValue | undefined;
  /** The source type libvirt uses: the written one, or `pty` for the four chr devices. */
  type: string | undefined;
  sources: El[];
  /** `<target>` of a chr device. */
  target: El | undefined;
}

const CHR_KINDS = new Set(['serial', 'parallel', 'console', 'channel']);

/** The elements a character device can be: what a rule over chardevsOf needs one of (Rule.onlyWith). */
export const CHARDEV_ELEMENTS: readonly string[] = [...CHR_KINDS, 'rng', 'smartcard', 'redirdev'];

function collect(domain: Domain): Chardev[] {
  const found: Chardev[] = [];
  for (const device of domain.devices) {
    const name = device.element.name;
    if (CHR_KINDS.has(name)) {
      const typeAttr = domain.attr(device, 'type');
      found.push({
        kind: name as ChardevKind,
        device,
        holder: device,
        typeAttr,
        type: typeAttr ? typeAttr.value.trim() : 'pty',
        sources: domain.children(device, 'source'),
        target: domain.child(device, 'target'),
      });
    } else if (name === 'rng') {
      const backend = domain.child(device, 'backend');
      if (!backend || domain.value(backend, 'model') !== 'egd') continue;
      const typeAttr = domain.attr(backend, 'type');
      found.push({ kind: 'rng', device, holder: backend, typeAttr, type: typeAttr?.value.trim(), sources: domain.children(backend, 'source'), target: undefined });
    } else if (name === 'smartcard' || name === 'redirdev') {
      if (name === 'smartcard' && domain.value(device, 'mode') !== 'passthrough') continue;
      const typeAttr = domain.attr(device, 'type');
      found.push({ kind: name, device, holder: device, typeAttr, type: typeAttr?.value.trim(), sources: domain.children(device, 'source'), target: undefined });
    }
  }
  return found;
}

/** Every character device of the domain, in document order. */
export function chardevsOf(domain: Domain): readonly Chardev[] {
  return domain.derived(collect);
}

/** The `<source>` libvirt reads for a type other than udp: the first one. */
export function firstSource(chardev: Chardev): El | undefined {
  return chardev.sources[0];
}

/** `<target type>` of a chr device, trimmed. */
export function targetType(domain: Domain, chardev: Chardev): string | undefined {
  return domain.value(chardev.target, 'type');
}

/** Where a finding about the whole device's backend stands: its `type` value, else the element name. */
export function chardevSpan(domain: Domain, chardev: Chardev) {
  return chardev.typeAttr ?? domain.nameSpan(chardev.holder);
}

/** `<graphics type='spice'>` anywhere among the devices (virDomainDefHasSpiceGraphics). */
export function hasSpiceGraphics(domain: Domain): boolean {
  return domain.devices.some((device) => device.element.name === 'graphics' && domain.value(device, 'type') === 'spice');
}
