/**
 * The guest CPU against what the host's hypervisor offers, as libvirt checks it before starting
 * a guest (qemuProcessUpdateGuestCPU, src/qemu/qemu_process.c):
 * - the CPU mode must be supported for the domain type, arch and machine
 *   (virQEMUCapsIsCPUModeSupported; domcapabilities list each mode with `supported`);
 * - a custom model must be one the hypervisor knows (virCPUTranslate: "not supported by
 *   hypervisor"), unless `fallback='allow'` lets libvirt take a close one;
 * - with the check a KVM guest gets by default (`partial`) or `full`, the model is compared with
 *   the host CPU (virCPUCompare, src/cpu/cpu.c): a model domcapabilities mark `usable='no'`
 *   needs features the host lacks (its `<blockers>`), unless the domain disables them.
 * A `<cpu>` with only a topology (custom mode, no model) is left alone, as libvirt leaves it.
 */
import { words } from '../../messages/words';
import { trimmedText, cpuMode } from '../cpu/facts';
import { Domain } from '../domain';
import { HostRule } from './hostRule';
import { codeList } from './common';

export const hostCpuModeRule: HostRule = {
  code: 'host-cpu-mode-unsupported',
  libvirt: 'qemuProcessUpdateGuestCPU (src/qemu/qemu_process.c), virQEMUCapsIsCPUModeSupported (src/qemu/qemu_capabilities.c)',
  stage: 'start',
  driver: 'qemu',
  needs: 'domainCapabilities',
  libvirtMessages: ["CPU mode '%1$s' for %2$s %3$s domain on %4$s host is not supported by hypervisor"],
  help: words('host.help.host-cpu-mode-unsupported'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, host, report) {
    const { cpu, mode, modeAttr } = cpuMode(domain);
    if (!cpu || !host.match) return;
    if (mode === 'custom' && !domain.child(cpu, 'model')) return;
    if (host.domainCapabilities?.cpuModes.get(mode)?.supported !== false) return;
    report(modeAttr ?? domain.nameSpan(cpu), words('host.cpuMode', { mode, host: host.label, virtType: host.match.domain.type, arch: host.match.guest.arch }));
  },
};

/** The custom model the domain names, with its span; undefined for other modes or without a model. */
function customModel(domain: Domain) {
  const { cpu, mode } = cpuMode(domain);
  const model = cpu && mode === 'custom' ? domain.child(cpu, 'model') : undefined;
  if (!cpu || !model) return undefined;
  const text = trimmedText(domain, model);
  return text.value ? { cpu, model, text } : undefined;
}

export const hostCpuModelRule: HostRule = {
  code: 'host-cpu-model-unknown',
  libvirt: 'virCPUTranslate (src/cpu/cpu.c), via qemuProcessUpdateGuestCPU (src/qemu/qemu_process.c)',
  stage: 'start',
  driver: 'qemu',
  needs: 'domainCapabilities',
  libvirtMessages: ['CPU model %1$s is not supported by hypervisor'],
  help: words('host.help.host-cpu-model-unknown'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, host, report) {
    const custom = customModel(domain);
    const models = host.domainCapabilities?.cpuModels;
    if (!custom || !host.match || !models || models.size === 0) return;
    if (host.domainCapabilities?.cpuModes.get('custom')?.supported === false) return;
    if (domain.value(custom.model, 'fallback') === 'allow' || models.has(custom.text.value)) return;
    report(custom.text, words('host.cpuModel.unknown', { model: custom.text.value, host: host.label, virtType: host.match.domain.type, arch: host.match.guest.arch }));
  },
};

export const hostCpuUsableRule: HostRule = {
  code: 'host-cpu-model-unusable',
  libvirt: 'virCPUCompare (src/cpu/cpu.c), via qemuProcessUpdateGuestCPU (src/qemu/qemu_process.c)',
  stage: 'start',
  driver: 'qemu',
  needs: 'domainCapabilities',
  libvirtMessages: ['Host CPU does not provide required features: %1$s'],
  help: words('host.help.host-cpu-model-unusable'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, host, report) {
    const custom = customModel(domain);
    const model = custom && host.domainCapabilities?.cpuModels?.get(custom.text.value);
    if (!custom || model?.usable !== 'no') return;
    // The check libvirt gives a custom CPU: `partial` on KVM, `none` under TCG.
    const check = domain.value(custom.cpu, 'check') ?? (domain.virtType === 'kvm' ? 'partial' : 'none');
    if (check === 'none') return;
    const dropped = new Set(
      domain
        .children(custom.cpu, 'feature')
        .filter((feature) => ['disable', 'forbid'].includes(domain.value(feature, 'policy') ?? ''))
        .map((feature) => domain.value(feature, 'name') ?? ''),
    );
    const missing = model.blockers.filter((feature) => !dropped.has(feature));
    if (model.blockers.length > 0 && missing.length === 0) return;
    report(
      custom.text,
      missing.length > 0
        ? words('host.cpuModel.unusable', { model: custom.text.value, host: host.label, features: codeList(missing) })
        : words('host.cpuModel.unusableNoBlockers', { model: custom.text.value, host: host.label }),
    );
  },
};
