/**
 * What each video model takes. virDomainVideoDefValidate (src/conf/domain_validate.c): `ram`,
 * `vram64` and `vgamem` are qxl's; a `none` video is alone; resolution values are above zero; ramfb
 * takes no address; the vhost-user backend, its render node and blob resources are virtio's.
 * qemuValidateDomainDeviceDefVideo (src/qemu/qemu_validate.c): models other than qxl and virtio can
 * only be the primary adapter and have one head; qxl's vgamem is a power of two of at least 1 MiB;
 * vga and vmvga have at least 1 MiB of vram; a resolution is set on vga, qxl, virtio and bochs only;
 * no 2D acceleration; 3D acceleration on virtio only; blob resources need memfd memory. The primary adapter is the
 * one marked primary='yes', else the first (virDomainDefParseXML moves it to the front).
 */
import { words } from '../../messages/words';
import { El, decimalNumber } from '../domain';
import { Rule, removeAttributeFix, removeElementFix, withFix } from '../rule';
import { REMOVE_ADDRESS_TITLE, removeAttributeTitle } from './fixTitles';

export const videoAttributesRule: Rule = {
  code: 'video-model-attributes',
  libvirt: 'virDomainVideoDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['video'],
  libvirtMessages: [
    'ram attribute only supported for video type qxl',
    'vram64 attribute only supported for video type qxl',
    'vgamem attribute only supported for video type qxl',
    "a 'none' video type must be the only video device defined for the domain",
    'video resolution values must be greater than 0',
    'address not supported for video type ramfb',
    "'vhostuser' driver is only supported with 'virtio' device",
    "unsupported rendernode accel attribute without 'vhostuser'",
    "video type '%1$s' does not support blob resources",
  ],
  help: words('rules.help.video-model-attributes'),
  docsAnchor: 'video-devices',
  check(domain, report) {
    const videos = domain.devices.filter((device) => device.element.name === 'video');
    for (const video of videos) {
      const model = domain.child(video, 'model');
      if (!model) continue;
      const typeAttr = domain.attr(model, 'type');
      const type = typeAttr?.value.trim();
      if (type && type !== 'qxl') {
        for (const name of ['ram', 'vram64', 'vgamem']) {
          const attr = domain.attr(model, name);
          if (attr && (decimalNumber(attr.value) ?? 0) !== 0) {
            report(attr, words('rules.video-model-attributes.qxlMemory', { name, type }), withFix(removeAttributeFix(domain, model, name, removeAttributeTitle(name))));
          }
        }
      }
      if (type === 'none' && videos.length > 1 && typeAttr) report(typeAttr, words('rules.video-model-attributes.none'));
      const resolution = domain.child(model, 'resolution');
      if (resolution) {
        for (const name of ['x', 'y']) {
          const attr = domain.attr(resolution, name);
          if (attr && decimalNumber(attr.value) === 0) report(attr, words('rules.video-model-attributes.resolution', { name }));
        }
      }
      if (type === 'ramfb') {
        const address = domain.child(video, 'address');
        if (address) {
          report(domain.nameSpan(address), words('rules.video-model-attributes.ramfb'), {
            fixes: [removeElementFix(domain, address, REMOVE_ADDRESS_TITLE)],
          });
        }
      }
      const driver = domain.child(video, 'driver');
      const driverName = driver && domain.attr(driver, 'name');
      const vhostuser = driverName?.value.trim() === 'vhostuser';
      if (vhostuser && type && type !== 'virtio' && driverName) report(driverName, words('rules.video-model-attributes.vhostuser', { type }));
      const accel = domain.child(model, 'acceleration');
      const rendernode = accel && domain.attr(accel, 'rendernode');
      if (rendernode && !vhostuser) report(rendernode, words('rules.video-model-attributes.rendernode'));
      const blob = domain.attr(model, 'blob');
      if (blob && type && type !== 'virtio') report(blob, words('rules.video-model-attributes.blob', { type }));
    }
  },
};

const SECONDARY_MODELS = new Set(['qxl', 'virtio']);
const RESOLUTION_MODELS = new Set(['vga', 'qxl', 'virtio', 'bochs']);

export const videoQemuRule: Rule = {
  code: 'video-model-qemu',
  libvirt: 'qemuValidateDomainDeviceDefVideo (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['video'],
  libvirtMessages: [
    "video type '%1$s' is only valid as primary video device",
    "video type '%1$s' doesn't support multiple 'heads'",
    "value for 'vgamem' must be at least 1 MiB (1024 KiB)",
    "value for 'vgamem' must be power of two",
    "value for 'vram' must be at least 1 MiB (1024 KiB)",
    'model resolution is not supported',
    '3d acceleration is supported only with \'virtio\' video device',
    'qemu does not support the accel2d setting',
    "'blob' support for virtio-gpu devices requires a memfd memory backend",
  ],
  help: words('rules.help.video-model-qemu'),
  docsAnchor: 'video-devices',
  check(domain, report) {
    const videos = domain.devices.filter((device) => device.element.name === 'video');
    const marked = videos.find((video) => domain.value(domain.child(video, 'model'), 'primary') === 'yes');
    const primary: El | undefined = marked ?? videos[0];
    for (const video of videos) {
      const model = domain.child(video, 'model');
      const typeAttr = model && domain.attr(model, 'type');
      const type = typeAttr?.value.trim();
      if (!model || !typeAttr || !type || type === 'none') continue;
      if (!SECONDARY_MODELS.has(type)) {
        if (video !== primary) report(typeAttr, words('rules.video-model-qemu.notPrimary', { type }));
        const heads = domain.attr(model, 'heads');
        const count = decimalNumber(heads?.value);
        if (heads && count !== undefined && count > 1) report(heads, words('rules.video-model-qemu.heads', { type, count }));
      }
      if (type === 'qxl') {
        const vgamem = domain.attr(model, 'vgamem');
        const kib = decimalNumber(vgamem?.value);
        if (vgamem && kib) {
          if (kib < 1024) report(vgamem, words('rules.video-model-qemu.vgamemSmall', { kib }));
          else if ((kib & (kib - 1)) !== 0) report(vgamem, words('rules.video-model-qemu.vgamemPower', { kib }));
        }
      }
      if (type === 'vga' || type === 'vmvga') {
        const vram = domain.attr(model, 'vram');
        const kib = decimalNumber(vram?.value);
        if (vram && kib && kib < 1024) report(vram, words('rules.video-model-qemu.vramSmall', { kib }));
      }
      const resolution = domain.child(model, 'resolution');
      if (resolution && !RESOLUTION_MODELS.has(type)) report(domain.nameSpan(resolution), words('rules.video-model-qemu.resolution', { type }));
      const accel = domain.child(model, 'acceleration');
      const vhostuser = domain.value(domain.child(video, 'driver'), 'name') === 'vhostuser';
      const accel3d = accel && domain.attr(accel, 'accel3d');
      if (!vhostuser && accel3d?.value.trim() === 'yes' && type !== 'virtio') report(accel3d, words('rules.video-model-qemu.accel3d', { type }));
      const accel2d = accel && domain.attr(accel, 'accel2d');
      if (accel && accel2d?.value.trim() === 'yes') {
        report(accel2d, words('rules.video-model-qemu.accel2d'), withFix(removeAttributeFix(domain, accel, 'accel2d', removeAttributeTitle('accel2d'))));
      }
      const blob = domain.attr(model, 'blob');
      if (type === 'virtio' && blob?.value.trim() === 'on' && domain.value(domain.first(['memoryBacking', 'source']), 'type') !== 'memfd') {
        report(blob, words('rules.video-model-qemu.blob'));
      }
    }
  },
};
