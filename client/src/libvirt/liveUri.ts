/**
 * Live definitions as documents: `libvirt:` URIs that name a connection and a domain, readable
 * in a tab and a breadcrumb. The connection `DRIVER[+TRANSPORT]://[AUTHORITY]/PATH[?QUERY]` and
 * the domain NAME become `libvirt://AUTHORITY/DRIVER[+TRANSPORT]/PATH/NAME.xml?QUERY`:
 * qemu:///system's web01 is `libvirt:/qemu/system/web01.xml`.
 */
export const LIVE_SCHEME = 'libvirt';

export interface LiveDomain {
  connection: string;
  name: string;
}

/** The parts of a vscode.Uri this module reads and writes. */
export interface UriParts {
  scheme: string;
  authority: string;
  path: string;
  query: string;
}

/** A name holds no `/` in a path segment (libvirt allows one; QEMU does not). */
const escapeName = (name: string) => name.replace(/%/g, '%25').replace(/\//g, '%2F');
const unescapeName = (segment: string) => segment.replace(/%2F/gi, '/').replace(/%25/g, '%');

export function liveUriParts({ connection, name }: LiveDomain): UriParts {
  const parsed = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/i.exec(connection);
  if (!parsed) throw new Error(`not a libvirt connection URI: ${connection}`);
  const [, driver, authority, path = '/', query = ''] = parsed;
  const connectionPath = path === '/' ? '' : path.replace(/\/$/, '');
  return { scheme: LIVE_SCHEME, authority, path: `/${driver}${connectionPath}/${escapeName(name)}.xml`, query };
}

/** The connection and domain a `libvirt:` URI names; undefined for any other. */
export function liveDomainOf(uri: UriParts): LiveDomain | undefined {
  if (uri.scheme !== LIVE_SCHEME) return undefined;
  const segments = uri.path.split('/').slice(1);
  if (segments.length < 2 || !segments[segments.length - 1].endsWith('.xml') || segments[0] === '') return undefined;
  const name = unescapeName(segments[segments.length - 1].slice(0, -'.xml'.length));
  const connectionPath = segments.slice(1, -1).join('/');
  const connection = `${segments[0]}://${uri.authority}/${connectionPath}${uri.query ? `?${uri.query}` : ''}`;
  return name === '' ? undefined : { connection, name };
}
