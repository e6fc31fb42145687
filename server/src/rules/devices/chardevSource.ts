/**
 * What a character device's source must say. Mirrors virDomainChrSourceDefValidate
 * (src/conf/domain_validate.c): a file, dev or pipe needs `path`; unix needs `path` except on a
 * `<channel>` with a virtio or xen target (libvirt makes one up); tcp needs `host` and `service`
 * (checked for a connecting source only: libvirt's generic parser tests keep listening sources without
 * them, and a udp source without service, among the documents libvirt accepts, so those are left
 * out); spiceport a `channel` made of safe characters (dbus gets a default one); nmdm both or
 * neither of `master` and `slave`; a listening (bind) tcp or unix source cannot reconnect. The QEMU
 * driver's own checks of the source (qemuValidateDomainChrSourceDef, src/qemu/qemu_validate.c):
 * a reconnect timeout of 0, the telnets and tls protocols, spice channels without spice graphics.
 * The QEMU driver also treats a unix `<channel>` without a path, or with the path it generated
 * itself under its channel directory, as a listening one (qemuDomainChrDefPostParse and
 * qemuDomainChrDefDropDefaultPath, src/qemu/qemu_postparse.c).
 */
import { Words, words } from '../../messages/words';
import { Domain, El } from '../domain';
import { Rule } from '../rule';
import { CHARDEV_ELEMENTS, Chardev, chardevSpan, chardevsOf, firstSource, hasSpiceGraphics, targetType } from './chardevs';

const CHANNEL_NAME = /^[A-Za-z0-9_.-]*$/;

export const chardevSourceMissingRule: Rule = {
  code: 'chardev-source-incomplete',
  libvirt: 'virDomainChrSourceDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: CHARDEV_ELEMENTS,
  libvirtMessages: [
    'Missing source path attribute for char device',
    'Missing source host attribute for char device',
    'Missing source service attribute for char device',
    'Missing source channel attribute for char device',
    'Invalid character in source channel for char device',
    'Should define both master and slave path attributes for nmdm device',
  ],
  help: words('rules.help.chardev-source-incomplete'),
  docsAnchor: 'host-interface',
  check(domain, report) {
    const all = chardevsOf(domain);
    const hasSerial = all.some((chardev) => chardev.kind === 'serial');
    for (const chardev of all) {
      // A console on the first serial port stands for that port: libvirt replaces it with the serial's copy (virDomainDefAddConsoleCompat).
      if (chardev.kind === 'console' && hasSerial && (targetType(domain, chardev) ?? 'serial') === 'serial') continue;
      const source = firstSource(chardev);
      const at = source ? domain.nameSpan(source) : chardevSpan(domain, chardev);
      const attr = (name: string) => (source ? domain.attr(source, name) : undefined);
      const type = String(chardev.type);
      const device = chardev.kind === 'rng' ? words('rules.chardev-source-incomplete.rng', { type }) : words('rules.chardev-source-incomplete.device', { element: chardev.device.element.name, type });
      switch (chardev.type) {
        case 'file':
        case 'dev':
        case 'pipe':
          if (!attr('path')) report(at, words('rules.chardev-source-incomplete.noPath', { device }));
          break;
        case 'unix': {
          const generated = chardev.kind === 'channel' && ['virtio', 'xen'].includes(targetType(domain, chardev) ?? '');
          if (!attr('path') && !generated) report(at, words('rules.chardev-source-incomplete.noUnixPath', { device }));
          break;
        }
        case 'tcp':
          // Only a connecting source: libvirt's own tests keep listening ones without host or service among the accepted documents.
          if (source && (domain.value(source, 'mode') ?? 'connect') !== 'connect') break;
          if (!attr('host')) report(at, words('rules.chardev-source-incomplete.noHost', { device }));
          else if (!attr('service')) report(at, words('rules.chardev-source-incomplete.noService', { device }));
          break;
        case 'spiceport': {
          const channel = attr('channel');
          if (!channel) report(at, words('rules.chardev-source-incomplete.noChannel', { device }));
          else if (!CHANNEL_NAME.test(channel.value)) report(channel, words('rules.chardev-source-incomplete.badChannel', { channel: channel.value }));
          break;
        }
        case 'nmdm':
          if (!attr('master') !== !attr('slave')) report(at, words('rules.chardev-source-incomplete.nmdm', { device }));
          break;
      }
    }
  },
};

/** The QEMU driver's channel directory for a privileged daemon (cfg->channelTargetDir, src/qemu/qemu_conf.c). */
const CHANNEL_TARGET_DIR = '/var/lib/libvirt/qemu/channel/target';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** qemuDomainChrDefDropDefaultPath: a virtio channel's path that the QEMU driver generated itself (its regex, alternation and all). */
function isGeneratedChannelPath(path: string, name: string | undefined): boolean {
  const pattern = new RegExp(`^${escapeRegex(CHANNEL_TARGET_DIR)}/([^/]+\\.)|(domain-[^/]+/)${escapeRegex(name ?? '(null)')}$`);
  return pattern.test(path);
}

/** Whether libvirt reads the (tcp or unix) source as listening, and why. */
function listening(domain: Domain, chardev: Chardev, source: El): Words | undefined {
  if (domain.value(source, 'mode') === 'bind') return words('rules.chardev-reconnect-listen.bind');
  if (chardev.type !== 'unix' || !domain.isQemu || chardev.kind !== 'channel' || targetType(domain, chardev) !== 'virtio') return undefined;
  const path = domain.value(source, 'path');
  if (path === undefined) return words('rules.chardev-reconnect-listen.noPath');
  const name = domain.value(chardev.target as El, 'name');
  if (isGeneratedChannelPath(path, name)) return words('rules.chardev-reconnect-listen.generatedPath', { dir: CHANNEL_TARGET_DIR });
  return undefined;
}

export const chardevReconnectListenRule: Rule = {
  code: 'chardev-reconnect-listen',
  libvirt: 'virDomainChrSourceDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: CHARDEV_ELEMENTS,
  libvirtMessages: ['chardev reconnect is possible only for connect mode'],
  help: words('rules.help.chardev-reconnect-listen'),
  check(domain, report) {
    for (const chardev of chardevsOf(domain)) {
      if (chardev.type !== 'tcp' && chardev.type !== 'unix') continue;
      const source = firstSource(chardev);
      const reconnect = source && domain.child(source, 'reconnect');
      const enabled = reconnect && domain.attr(reconnect, 'enabled');
      if (!source || !enabled || enabled.value.trim() !== 'yes') continue;
      const why = listening(domain, chardev, source);
      if (why) report(enabled, words('rules.chardev-reconnect-listen.listens', { element: chardev.device.element.name, why }));
    }
  },
};

export const chardevReconnectTimeoutRule: Rule = {
  code: 'chardev-reconnect-timeout',
  libvirt: 'qemuValidateDomainChrSourceReconnectDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: CHARDEV_ELEMENTS,
  libvirtMessages: ["chardev reconnect source timeout cannot be '0'"],
  help: words('rules.help.chardev-reconnect-timeout'),
  check(domain, report) {
    for (const chardev of chardevsOf(domain)) {
      if (chardev.type !== 'tcp' && chardev.type !== 'unix') continue;
      const source = firstSource(chardev);
      const reconnect = source && domain.child(source, 'reconnect');
      if (!reconnect || domain.value(reconnect, 'enabled') !== 'yes') continue;
      const timeout = domain.attr(reconnect, 'timeout');
      if (timeout && /^\s*0+\s*$/.test(timeout.value)) report(timeout, words('rules.chardev-reconnect-timeout.zero'));
    }
  },
};

export const chardevTcpProtocolRule: Rule = {
  code: 'chardev-tcp-protocol',
  libvirt: 'qemuValidateDomainChrSourceDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: CHARDEV_ELEMENTS,
  libvirtMessages: ["tcp chardev protocol '%1$s' not supported"],
  help: words('rules.help.chardev-tcp-protocol'),
  check(domain, report) {
    for (const chardev of chardevsOf(domain)) {
      if (chardev.type !== 'tcp') continue;
      const protocol = domain.child(chardev.holder, 'protocol');
      const type = protocol && domain.attr(protocol, 'type');
      if (type && (type.value.trim() === 'telnets' || type.value.trim() === 'tls')) report(type, words('rules.chardev-tcp-protocol.protocol', { protocol: type.value.trim() }));
    }
  },
};

export const chardevSpiceRule: Rule = {
  code: 'chardev-spice-without-graphics',
  libvirt: 'qemuValidateDomainChrSourceDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: CHARDEV_ELEMENTS,
  libvirtMessages: ["chardev '%1$s' not supported without spice graphics"],
  help: words('rules.help.chardev-spice-without-graphics'),
  check(domain, report) {
    let spice: boolean | undefined;
    for (const chardev of chardevsOf(domain)) {
      if (chardev.type !== 'spicevmc' && chardev.type !== 'spiceport') continue;
      spice ??= hasSpiceGraphics(domain);
      if (!spice) report(chardevSpan(domain, chardev), words('rules.chardev-spice-without-graphics.noSpice', { type: chardev.type }));
    }
  },
};
