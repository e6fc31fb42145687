/**
 * What the patterns of libvirt's schema accept, in words: "an absolute path", "a bridge device
 * name like virbr0", never the pattern itself. datatypes.ts puts them beside the type's own words
 * ("an integer from 0 to 65535").
 *
 * A pattern is looked up by the define that holds it together with its text (the schema import
 * keeps the define on each data pattern with a pattern, model.ts), then by its text alone (a
 * schema whose define is named otherwise), then by its define alone (a libvirt whose pattern for
 * the define changed; only defines of one pattern). The define is needed because libvirt writes
 * one pattern for several things: `.+` is a file path (`filePath`), a directory (`dirPath`) and a
 * D-Bus address (`dbusAddr`); `[0-9]{1,2}` is a drive's controller, bus and target number.
 *
 * One define means several things too: libvirt types every list of ids (`0-3,^2`) with its
 * `cpuset` define, the host CPUs of `vcpupin@cpuset` as well as the host NUMA nodes of
 * `numatune/memory@nodeset`. What the ids are is said only by the attribute (or element) holding
 * the list, as libvirt's parser reads it (virDomainNumatuneParseXML: `nodeset` is a node set;
 * virDomainVcpuPinDefParseXML: `cpuset` is host CPUs; the `vcpus` of cachetune, memorytune and
 * vcpusched are vCPU ids; `iothreads` of iothreadsched are IOThread ids; a NUMA `cell`'s `cpus`
 * are the guest's vCPUs), which features/cpuset/setAttributes.ts reads the same way. So the
 * words of those lists, and of a few other names, follow the place.
 */
import { Words, orList, words } from '../messages/words';

/** Where a value stands: the element, and the attribute when it is an attribute's value. */
export interface ValuePlace {
  readonly element: string;
  readonly attribute?: string;
}

/** What a define and its place give to name a pattern. */
export interface PatternContext {
  /** The define that holds the pattern (`absFilePath`), when the schema import kept it. */
  readonly define?: string;
  readonly place?: ValuePlace;
}

export interface PatternWords {
  readonly words: Words;
  /** The words say how the value is written ("digits only"), beside the type; otherwise they name the value. */
  readonly form?: true;
  /** The words name the value whatever the type says: the pattern narrows the type to something else (an octal mode). */
  readonly whole?: true;
}

type Naming = PatternWords | ((place: ValuePlace | undefined) => PatternWords);

const named = (key: Parameters<typeof words>[0], params?: Parameters<typeof words>[1]): PatternWords => ({ words: words(key, params) });
const form = (key: Parameters<typeof words>[0]): PatternWords => ({ words: words(key), form: true });
const choices = (...values: string[]): PatternWords => named('schema.pattern.choices', { values: orList(values.map((value) => `\`${value}\``)) });

/** The name or attribute the value stands on: the attribute, or the element for its text. */
function holder(place: ValuePlace | undefined): string | undefined {
  return place && (place.attribute ?? place.element);
}

/** libvirt's `cpuset` lists, by what their ids are (see the module's comment). */
function idList(place: ValuePlace | undefined): PatternWords {
  switch (holder(place)) {
    case 'cpuset':
      return named('schema.pattern.cpuList');
    case 'nodeset':
    case 'nodemask':
      return named('schema.pattern.nodeList');
    case 'vcpus':
      return named('schema.pattern.vcpuList');
    case 'cpus':
      return named(place?.element === 'cell' ? 'schema.pattern.vcpuList' : 'schema.pattern.cpuList');
    case 'iothreads':
      return named('schema.pattern.iothreadList');
    default:
      return named('schema.pattern.idList');
  }
}

const DIGITS = '[0-9]+';
const CPUSET = '([0-9]+(-[0-9]+)?|\\^[0-9]+)(,([0-9]+(-[0-9]+)?|\\^[0-9]+))*';
const IPV4_PART = '((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))';
const IPV4 = `(${IPV4_PART}\\.){3}${IPV4_PART}`;
/** ipv6Addr: one long alternation that ends with its shortest form. */
const isIpv6 = (source: string) => source.length > 500 && source.startsWith('(([0-9A-Fa-f]{1,4}:){7}') && source.endsWith('|(::)');

/**
 * [define, pattern, words]: every pattern of libvirt's domain schema (basictypes.rng,
 * domaincommon.rng and the files it includes), with a few of basictypes.rng's others. A define
 * of undefined matches the pattern wherever it is.
 */
const PATTERNS: readonly (readonly [string | undefined, string, Naming])[] = [
  // Numbers: the type says the number, the pattern how it is written.
  [undefined, DIGITS, form('schema.pattern.digitsOnly')], // unsignedInt, unsignedLong, positiveInteger, countCPU, vcpuid, cpushares, cpuperiod, weight, speed, BurstSize
  ['cpuquota', '-?[0-9]+', form('schema.pattern.signedDigits')],
  ['createMode', '0[0-7]{3}|[0-7]{1,3}', { words: words('schema.pattern.octalMode'), whole: true }],
  ['octalMode', '[0-7]+', { words: words('schema.pattern.octalMode'), whole: true }],
  ['hexuint', '(0x)?[0-9a-f]+', named('schema.pattern.hexNumber')],
  ['uint8', '0x[0-9a-fA-F]{1,2}', named('schema.pattern.hexUpTo', { max: '0xff' })],
  ['uint16', '(0x)?[0-9a-fA-F]{1,4}', named('schema.pattern.hexUpTo', { max: '0xffff' })],
  ['uint24', '0x[0-9a-fA-F]{1,6}', named('schema.pattern.hexUpTo', { max: '0xffffff' })],
  ['uint32', '(0x)?[0-9a-fA-F]{1,8}', named('schema.pattern.hexUpTo', { max: '0xffffffff' })],
  ['timeDelta', '(-|\\+)?[0-9]+', named('schema.pattern.timeDelta')],
  ['unit', '([bB]([yY][tT][eE][sS]?)?)|([kKmMgGtTpPeE]([iI]?[bB])?)', named('schema.pattern.unit')],
  [undefined, CPUSET, idList], // cpuset
  // Identifiers and addresses.
  ['UUID', '[a-fA-F0-9]{32}', named('schema.pattern.uuidDigits')],
  ['UUID', '[a-fA-F0-9]{8}\\-([a-fA-F0-9]{4}\\-){3}[a-fA-F0-9]{12}', named('schema.pattern.uuid')],
  ['macAddr', '[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}', named('schema.pattern.mac')],
  ['uniMacAddr', '[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}', named('schema.pattern.unicastMac')],
  ['multiMacAddr', '[a-fA-F0-9][13579bBdDfF](:[a-fA-F0-9]{2}){5}', named('schema.pattern.multicastMac')],
  ['ipv4Addr', IPV4, named('schema.pattern.ipv4')],
  ['dnsName', '[a-zA-Z0-9\\.\\-]+', named('schema.pattern.hostName')],
  ['dbusAddr', '.+', named('schema.pattern.dbusAddress')],
  ['wwn', '(0x)?[0-9a-fA-F]{16}', named('schema.pattern.wwn')],
  ['hostdevsubsyshost', '(naa\\.)[0-9a-fA-F]{16}', named('schema.pattern.naaWwpn')],
  ['aliasName', '[a-zA-Z0-9_\\-.]+', (place) => named(place?.element === 'alias' ? 'schema.pattern.alias' : 'schema.pattern.plainName')],
  // Names.
  ['objectNameWithSlash', '[^\\n]+', named('schema.pattern.oneLine')],
  ['objectName', '[^/\\n]+', named('schema.pattern.nameNoSlashOneLine')],
  ['volName', '[^/]+', named('schema.pattern.volume')],
  ['shmem', '[^/]*', named('schema.pattern.nameNoSlash')],
  [
    'genericName',
    '[a-zA-Z0-9_\\+\\-]+',
    (place) => {
      const name = holder(place);
      if (name === 'user' || name === 'username' || name === 'inituser') return named('schema.pattern.userName');
      if (name === 'group' || name === 'initgroup') return named('schema.pattern.groupName');
      return named('schema.pattern.genericName');
    },
  ],
  ['deviceName', '[a-zA-Z0-9_\\.\\-\\\\:/]+', (place) => named(holder(place) === 'portgroup' ? 'schema.pattern.portGroup' : 'schema.pattern.deviceName')],
  ['interface-bridge-attributes', '[a-zA-Z0-9_\\.\\-\\\\:/ ]*', named('schema.pattern.bridge')],
  ['interface-options', '[a-zA-Z0-9\\-_]+', named('schema.pattern.nicModel')],
  ['featureName', '[a-zA-Z0-9\\-_\\.]+', named('schema.pattern.cpuFeature')],
  ['cpuModel', '[^,]{12}', named('schema.pattern.cpuVendor')],
  ['hyperv', '[^,]{0,12}', named('schema.pattern.hypervVendor')],
  ['ostypehvm', '[a-zA-Z0-9_\\.\\-]+', named('schema.pattern.machine')],
  ['osexe', '[a-zA-Z_]+[a-zA-Z0-9_]*', named('schema.pattern.envName')],
  ['timeZone', '[a-zA-Z0-9_\\.\\+\\-/]+', named('schema.pattern.timeZone')],
  ['fibrechannel', '[ -~]{1,128}', named('schema.pattern.appid')],
  ['deviceBoot', '[a-zA-Z0-9.\\s]{1,8}', named('schema.pattern.loadparm')],
  ['diskSerial', '[A-Za-z0-9_\\.\\+\\- ]+', named('schema.pattern.diskSerial')],
  ['diskspec', '[ -~]{0,8}', named('schema.pattern.diskVendor')],
  ['diskspec', '[ -~]{0,40}', named('schema.pattern.diskProduct')],
  ['diskTargetDev', '(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+', named('schema.pattern.diskTarget')],
  ['diskTargetDev', 'nvme[0-9]+n[0-9]+(p[0-9]+)?', named('schema.pattern.nvmeTarget')],
  ['profileName', '[A-Za-z0-9.\\-:]+', named('schema.pattern.tpmProfile')],
  ['filter-param-name', '[a-zA-Z0-9_]+', named('schema.pattern.filterParameter')],
  ['filter-param-value', '[a-zA-Z0-9_\\.:]+', named('schema.pattern.filterValue')],
  ['diskSourceNetworkProtocolHTTPCookies', "[!#$%&'*+\\-.0-9A-Z\\^_`a-z|~]+", named('schema.pattern.cookieName')],
  ['diskSourceNetworkProtocolHTTPCookies', '"?[!#$%&\'()*+\\-./0-9:>=<?@A-Z\\^_`\\[\\]a-z|~]+"?', named('schema.pattern.cookieValue')],
  // Paths.
  ['absFilePath', '(/|[a-zA-Z]:\\\\).+', named('schema.pattern.absolutePath')],
  ['absDirPath', '/.*', named('schema.pattern.absoluteDirectory')],
  ['filePath', '.+', named('schema.pattern.filePath')],
  ['dirPath', '.+', named('schema.pattern.directory')],
  [undefined, '.+', named('schema.pattern.nonEmpty')],
  ['vmwarePath', '\\[[^\\]]+\\] .+', named('schema.pattern.vmwarePath')],
  // Addresses of devices.
  ['pciSlot', '(0x)?[0-1]?[0-9a-fA-F]', named('schema.pattern.pciSlot')],
  ['pciFunc', '(0x)?[0-7]', named('schema.pattern.pciFunction')],
  ['driveController', '[0-9]{1,2}', named('schema.pattern.digits.controller', { digits: 2 })],
  ['driveBus', '[0-9]{1,2}', named('schema.pattern.digits.bus', { digits: 2 })],
  ['driveTarget', '[0-9]{1,2}', named('schema.pattern.digits.target', { digits: 2 })],
  ['driveSCSITarget', '[0-9]{1,10}', named('schema.pattern.digits.target', { digits: 10 })],
  ['driveUnit', '[0-9]{1,5}', named('schema.pattern.digits.unit', { digits: 5 })],
  ['driveSCSIUnit', '[0-9]{1,20}', named('schema.pattern.digits.unit', { digits: 20 })],
  ['virtioserialPort', '[0-9]{1,2}', named('schema.pattern.digits.port', { digits: 2 })],
  ['ccidSlot', '[0-9]{1,2}', named('schema.pattern.digits.slot', { digits: 2 })],
  [undefined, '[0-9]{1,2}', named('schema.pattern.digits.number', { digits: 2 })],
  ['usbAddr', '(0x)?[0-9a-fA-F]{1,3}', named('schema.pattern.usbAddress')],
  ['usbPort', '((0x)?[0-9a-fA-F]{1,3}\\.){0,3}(0x)?[0-9a-fA-F]{1,3}', named('schema.pattern.usbPort')],
  ['usbClass', '(0x)?[0-9a-fA-F]{1,2}', named('schema.pattern.usbClass')],
  ['usbId', '(0x)?[0-9a-fA-F]{1,4}', named('schema.pattern.usbId')],
  ['usbIdDefault', '-1', choices('-1')],
  ['usbVersion', '[0-9]{1,2}.[0-9]{1,2}', named('schema.pattern.usbVersion')],
  ['ccwCssidRange', '0x[0-9a-eA-E][0-9a-fA-F]?', named('schema.pattern.ccwCssid')],
  ['ccwCssidRange', '0x[fF][0-9a-eA-E]?', named('schema.pattern.ccwCssid')],
  ['ccwSsidRange', '(0x)?[0-3]', named('schema.pattern.ccwSsid')],
  ['ccwDevnoRange', '0x[0-9a-fA-F]{1,4}', named('schema.pattern.ccwDevno')],
  ['spaprvioReg', '(0x)?[0-9a-fA-F]{1,8}', named('schema.pattern.spaprvioReg')],
  ['isaaddress', '0x[a-fA-F0-9]{1,4}', named('schema.pattern.ioPort')],
  ['isaaddress', '0x[a-fA-F0-9]', named('schema.pattern.irq')],
  // Keywords written as patterns.
  ['xen', '(sync_pt|share_pt)', choices('sync_pt', 'share_pt')],
  ['bridgeMode', '(vepa|bridge|private|passthrough)', choices('vepa', 'bridge', 'private', 'passthrough')],
  ['addr-family', '(ipv4)|(ipv6)', choices('ipv4', 'ipv6')],
  ['protocol', '(tcp)|(udp)', choices('tcp', 'udp')],
];

const byDefineAndPattern = new Map<string, Naming>();
const byPattern = new Map<string, Naming>();
const byDefine = new Map<string, Naming | null>();
for (const [define, pattern, naming] of PATTERNS) {
  if (define !== undefined) {
    byDefineAndPattern.set(`${define}\u0000${pattern}`, naming);
    // A define of several patterns names none of them by itself.
    byDefine.set(define, byDefine.has(define) ? null : naming);
  }
  if (!byPattern.has(pattern) || define === undefined) byPattern.set(pattern, naming);
}

/** Words for the pattern `source` (its exact text), where it stands; undefined when it is not one we know. */
export function patternWords(source: string, context: PatternContext = {}): PatternWords | undefined {
  const naming =
    (context.define !== undefined ? byDefineAndPattern.get(`${context.define}\u0000${source}`) : undefined) ??
    byPattern.get(source) ??
    (isIpv6(source) ? named('schema.pattern.ipv6') : undefined) ??
    (context.define !== undefined ? (byDefine.get(context.define) ?? undefined) : undefined);
  return typeof naming === 'function' ? naming(context.place) : naming;
}

