/**
 * The guest CPU definition (`<cpu>`): its features, cache and physical address bits.
 *
 * - virCPUDefParseXML (src/conf/cpu_conf.c): a feature named twice, features or a vendor on a
 *   custom CPU without a model.
 * - qemuDomainDefCPUPostParse (src/qemu/qemu_postparse.c): SVE vector lengths (`sve128` ...)
 *   while the `sve` feature itself is disabled or forbidden.
 * - qemuValidateDomainDefCpu (src/qemu/qemu_validate.c): `<cache>` only on x86, mode
 *   `emulate` only with level 3, mode `passthrough` only with host-passthrough/maximum CPUs,
 *   no level with `passthrough`/`disable`; `<maxphysaddr>` only on x86, no `bits` with
 *   mode `passthrough`.
 */
import { words } from '../../messages/words';
import { isArchIn, effectiveArch } from '../machines';
import { Rule, removeAttributeFix, replaceFix, withFix } from '../rule';
import { cpuMode } from './facts';
import { titled } from '../rule';

export const cpuFeatureTwiceRule: Rule = {
  code: 'cpu-feature-twice',
  libvirt: 'virCPUDefParseXML (src/conf/cpu_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['feature'],
  libvirtMessages: ["CPU feature '%1$s' specified more than once"],
  help: words('rules.help.cpu-feature-twice'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu } = cpuMode(domain);
    if (!cpu) return;
    const seen = new Map<string, ReturnType<typeof domain.attr>>();
    for (const feature of domain.children(cpu, 'feature')) {
      const name = domain.attr(feature, 'name');
      if (!name || name.value === '') continue;
      const first = seen.get(name.value);
      if (first) {
        report(name, words('rules.cpu-feature-twice.second', { name: name.value }), {
          related: [{ ...first, message: words('rules.cpu-feature-twice.first', { name: name.value }) }],
        });
      }
      else seen.set(name.value, name);
    }
  },
};

export const cpuFeaturesWithoutModelRule: Rule = {
  code: 'cpu-custom-without-model',
  libvirt: 'virCPUDefParseXML (src/conf/cpu_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['cpu'],
  libvirtMessages: ['Non-empty feature list specified without CPU model', 'CPU vendor specified without CPU model'],
  help: words('rules.help.cpu-custom-without-model'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu, mode } = cpuMode(domain);
    const model = cpu && domain.child(cpu, 'model');
    // libvirt reads the model as the element's text: an empty <model/> is no model.
    if (!cpu || (model && domain.content(model).value.trim() !== '')) return;
    const vendor = domain.child(cpu, 'vendor');
    if (vendor) report(domain.nameSpan(vendor), words('rules.cpu-custom-without-model.vendor'));
    if (mode !== 'custom') return;
    const feature = domain.child(cpu, 'feature');
    if (feature && !vendor) report(domain.nameSpan(feature), words('rules.cpu-custom-without-model.features'));
  },
};

export const sveDisabledRule: Rule = {
  code: 'cpu-sve-disabled-with-lengths',
  libvirt: 'qemuDomainDefCPUPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['feature'],
  libvirtMessages: ['SVE disabled, but SVE vector lengths provided'],
  help: words('rules.help.cpu-sve-disabled-with-lengths'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu } = cpuMode(domain);
    if (!cpu) return;
    let sve: ReturnType<typeof domain.attr>;
    let sveEl;
    let length: ReturnType<typeof domain.attr>;
    for (const feature of domain.children(cpu, 'feature')) {
      const name = domain.attr(feature, 'name');
      if (!name) continue;
      if (name.value === 'sve') {
        sve = name;
        sveEl = feature;
      } else if (name.value.startsWith('sve') && !length) length = name;
    }
    if (!sve || !sveEl || !length) return;
    const policy = domain.attr(sveEl, 'policy');
    const value = policy?.value.trim();
    if (!policy || (value !== 'disable' && value !== 'forbid')) return;
    report(policy, words('rules.cpu-sve-disabled-with-lengths.disabled', { policy: value, length: length.value }), {
      related: [{ ...length, message: words('rules.cpu-sve-disabled-with-lengths.length') }],
    });
  },
};

export const cpuCacheRule: Rule = {
  code: 'cpu-cache-mode',
  libvirt: 'qemuValidateDomainDefCpu (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['cache'],
  libvirtMessages: [
    "CPU cache specification is not supported for '%1$s' architecture",
    "CPU cache mode '%1$s' can only be used with level='3'",
    "CPU cache mode '%1$s' can only be used with '%2$s' / '%3$s' CPUs",
    "unsupported CPU cache level for mode '%1$s'",
  ],
  help: words('rules.help.cpu-cache-mode'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu, mode: cpuModeValue, modeAttr } = cpuMode(domain);
    const cache = cpu && domain.child(cpu, 'cache');
    if (!cache) return;
    const arch = effectiveArch(domain);
    if (arch !== undefined && !isArchIn(arch, 'x86')) {
      report(domain.nameSpan(cache), words('rules.cpu-cache-mode.arch', { arch }));
      return;
    }
    const mode = domain.attr(cache, 'mode');
    const level = domain.attr(cache, 'level');
    if (!mode) return;
    const noLevel = (value: string) => {
      if (!level) return;
      const fix = titled(removeAttributeFix(domain, cache, 'level', ''), words('rules.cpu-cache-mode.fix.removeLevel'));
      report(level, words('rules.cpu-cache-mode.noLevel', { mode: value }), withFix(fix));
    };
    switch (mode.value.trim()) {
      case 'emulate':
        if (!level) report(mode, words('rules.cpu-cache-mode.emulateLevel'));
        else if (level.value.trim() !== '3') {
          const fix = titled(replaceFix(level, '3', ''), words('rules.cpu-cache-mode.fix.level3'));
          report(level, words('rules.cpu-cache-mode.emulateLevelNot', { level: level.value.trim() }), { fixes: [fix] });
        }
        break;
      case 'passthrough':
        if (cpuModeValue !== 'host-passthrough' && cpuModeValue !== 'maximum') {
          const related = modeAttr ? { related: [{ ...modeAttr, message: words('rules.cpu-cache-mode.cpuMode') }] } : undefined;
          report(mode, words('rules.cpu-cache-mode.passthroughMode', { mode: cpuModeValue }), related);
        } else noLevel('passthrough');
        break;
      case 'disable':
        noLevel('disable');
        break;
    }
  },
};

export const cpuMaxPhysAddrRule: Rule = {
  code: 'cpu-maxphysaddr',
  libvirt: 'qemuValidateDomainDefCpu (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['maxphysaddr'],
  libvirtMessages: [
    "CPU maximum physical address bits specification is not supported for '%1$s' architecture",
    "CPU maximum physical address bits number specification cannot be used with mode='%1$s'",
  ],
  help: words('rules.help.cpu-maxphysaddr'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu } = cpuMode(domain);
    const addr = cpu && domain.child(cpu, 'maxphysaddr');
    if (!addr) return;
    const arch = effectiveArch(domain);
    if (arch !== undefined && !isArchIn(arch, 'x86')) {
      report(domain.nameSpan(addr), words('rules.cpu-maxphysaddr.arch', { arch }));
      return;
    }
    const bits = domain.attr(addr, 'bits');
    if (domain.value(addr, 'mode') === 'passthrough' && bits) {
      const fix = titled(removeAttributeFix(domain, addr, 'bits', ''), words('rules.cpu-maxphysaddr.fix.removeBits'));
      report(bits, words('rules.cpu-maxphysaddr.bits'), withFix(fix));
    }
  },
};
