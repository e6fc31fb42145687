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
import { isArchIn, effectiveArch } from '../machines';
import { Rule, removeAttributeFix, removeTitle, replaceFix, withFix } from '../rule';
import { cpuMode } from './facts';

export const cpuFeatureTwiceRule: Rule = {
  code: 'cpu-feature-twice',
  libvirt: 'virCPUDefParseXML (src/conf/cpu_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["CPU feature '%1$s' specified more than once"],
  help:
    'Each CPU feature may appear once in `<cpu>`: libvirt refuses a second `<feature>` with the same name, even with the same policy. ' +
    'Keep one `<feature>` per name, with the policy you want.',
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu } = cpuMode(domain);
    if (!cpu) return;
    const seen = new Map<string, ReturnType<typeof domain.attr>>();
    for (const feature of domain.children(cpu, 'feature')) {
      const name = domain.attr(feature, 'name');
      if (!name || name.value === '') continue;
      const first = seen.get(name.value);
      if (first) report(name, `The CPU feature \`${name.value}\` is listed a second time`, { related: [{ ...first, message: `The first \`<feature name='${name.value}'>\`` }] });
      else seen.set(name.value, name);
    }
  },
};

export const cpuFeaturesWithoutModelRule: Rule = {
  code: 'cpu-custom-without-model',
  libvirt: 'virCPUDefParseXML (src/conf/cpu_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['Non-empty feature list specified without CPU model', 'CPU vendor specified without CPU model'],
  help:
    "A custom CPU (`<cpu>` without `mode`, or `mode='custom'`) is a named model plus changes to it: features or a vendor without a `<model>` " +
    'have nothing to apply to, and libvirt refuses them. Add a `<model>`, or use `host-model`/`host-passthrough` to start from the host CPU.',
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu, mode } = cpuMode(domain);
    const model = cpu && domain.child(cpu, 'model');
    // libvirt reads the model as the element's text: an empty <model/> is no model.
    if (!cpu || (model && domain.content(model).value.trim() !== '')) return;
    const vendor = domain.child(cpu, 'vendor');
    if (vendor) report(domain.nameSpan(vendor), 'A CPU `<vendor>` is given without a CPU `<model>`');
    if (mode !== 'custom') return;
    const feature = domain.child(cpu, 'feature');
    if (feature && !vendor) report(domain.nameSpan(feature), 'CPU features are listed for a custom CPU without a `<model>`');
  },
};

export const sveDisabledRule: Rule = {
  code: 'cpu-sve-disabled-with-lengths',
  libvirt: 'qemuDomainDefCPUPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['SVE disabled, but SVE vector lengths provided'],
  help:
    'Features named `sve128`, `sve256` ... choose the vector lengths of ARM\'s Scalable Vector Extension, which only make sense with SVE itself on. ' +
    "libvirt refuses them while the `sve` feature has policy `disable` or `forbid`. Enable `sve` (or leave it out: libvirt then requires it), or drop the length features.",
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
    report(policy, `The \`sve\` feature is set to \`${value}\` while SVE vector lengths (\`${length.value}\`) are given`, {
      related: [{ ...length, message: 'An SVE vector length' }],
    });
  },
};

export const cpuCacheRule: Rule = {
  code: 'cpu-cache-mode',
  libvirt: 'qemuValidateDomainDefCpu (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "CPU cache specification is not supported for '%1$s' architecture",
    "CPU cache mode '%1$s' can only be used with level='3'",
    "CPU cache mode '%1$s' can only be used with '%2$s' / '%3$s' CPUs",
    "unsupported CPU cache level for mode '%1$s'",
  ],
  help:
    "`<cpu><cache>` tells QEMU what CPU cache the guest sees, on x86 only. `mode='emulate'` describes an L3 cache and needs `level='3'`; " +
    "`mode='passthrough'` shows the host's caches and needs a `host-passthrough` or `maximum` CPU; `passthrough` and `disable` cover every level and take no `level`.",
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu, mode: cpuModeValue, modeAttr } = cpuMode(domain);
    const cache = cpu && domain.child(cpu, 'cache');
    if (!cache) return;
    const arch = effectiveArch(domain);
    if (arch !== undefined && !isArchIn(arch, 'x86')) {
      report(domain.nameSpan(cache), `A CPU \`<cache>\` is not supported on the \`${arch}\` architecture`);
      return;
    }
    const mode = domain.attr(cache, 'mode');
    const level = domain.attr(cache, 'level');
    if (!mode) return;
    switch (mode.value.trim()) {
      case 'emulate':
        if (!level || level.value.trim() !== '3') {
          report(level ?? mode, `CPU cache mode \`emulate\` needs \`level='3'\`${level ? `, not ${level.value.trim()}` : ''}`, level ? { fixes: [replaceFix(level, '3', "Emulate the L3 cache (level='3')")] } : undefined);
        }
        break;
      case 'passthrough':
        if (cpuModeValue !== 'host-passthrough' && cpuModeValue !== 'maximum') {
          report(mode, `CPU cache mode \`passthrough\` needs a \`host-passthrough\` or \`maximum\` CPU, not \`${cpuModeValue}\``, modeAttr ? { related: [{ ...modeAttr, message: 'The CPU mode' }] } : undefined);
        } else if (level) report(level, 'CPU cache mode `passthrough` takes no `level`', withFix(removeAttributeFix(domain, cache, 'level', removeTitle('level'))));
        break;
      case 'disable':
        if (level) report(level, 'CPU cache mode `disable` takes no `level`', withFix(removeAttributeFix(domain, cache, 'level', removeTitle('level'))));
        break;
    }
  },
};

export const cpuMaxPhysAddrRule: Rule = {
  code: 'cpu-maxphysaddr',
  libvirt: 'qemuValidateDomainDefCpu (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "CPU maximum physical address bits specification is not supported for '%1$s' architecture",
    "CPU maximum physical address bits number specification cannot be used with mode='%1$s'",
  ],
  help:
    "`<cpu><maxphysaddr>` sets how many physical address bits the guest CPU reports, on x86 only. With `mode='passthrough'` the host's number is used, " +
    "so `bits` must be left out; give `bits` with `mode='emulate'`.",
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cpu } = cpuMode(domain);
    const addr = cpu && domain.child(cpu, 'maxphysaddr');
    if (!addr) return;
    const arch = effectiveArch(domain);
    if (arch !== undefined && !isArchIn(arch, 'x86')) {
      report(domain.nameSpan(addr), `\`<maxphysaddr>\` is not supported on the \`${arch}\` architecture`);
      return;
    }
    const bits = domain.attr(addr, 'bits');
    if (domain.value(addr, 'mode') === 'passthrough' && bits) report(bits, "`bits` cannot be given with `mode='passthrough'`", withFix(removeAttributeFix(domain, addr, 'bits', removeTitle('bits'))));
  },
};
