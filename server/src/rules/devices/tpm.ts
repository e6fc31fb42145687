/**
 * TPM devices. Mirrors qemuValidateDomainDefTPMs (one TPM Proxy and one other TPM at most) and
 * qemuValidateDomainDeviceDefTPM (TPM 1.2 only on x86, never behind the CRB interface; a
 * spapr-tpm-proxy on ppc64 only with the passthrough backend), src/qemu/qemu_validate.c, and
 * virDomainTPMDevValidate (src/conf/domain_validate.c): `<active_pcr_banks>` needs TPM 2.0, an
 * external backend needs a unix source in connect mode with a path. Only versions the document
 * writes are checked: libvirt's default version depends on the model and the arch.
 */
import { words } from '../../messages/words';
import { isArchIn, effectiveArch } from '../machines';
import { AttrValue } from '../domain';
import { Rule } from '../rule';

export const tpmCountRule: Rule = {
  code: 'tpm-second',
  libvirt: 'qemuValidateDomainDefTPMs (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['tpm'],
  libvirtMessages: ['only a single TPM Proxy device is supported', 'only a single TPM non-proxy device is supported'],
  help: words('rules.help.tpm-second'),
  docsAnchor: 'tpm-device',
  check(domain, report) {
    let proxy: ReturnType<typeof domain.nameSpan> | undefined;
    let regular: ReturnType<typeof domain.nameSpan> | undefined;
    for (const tpm of domain.devicesNamed('tpm')) {
      const span = domain.nameSpan(tpm);
      const isProxy = domain.value(tpm, 'model') === 'spapr-tpm-proxy';
      const first = isProxy ? proxy : regular;
      if (first) {
        report(span, words(isProxy ? 'rules.tpm-second.proxy' : 'rules.tpm-second.tpm'), {
          related: [{ ...first, message: words(isProxy ? 'rules.tpm-second.firstProxy' : 'rules.tpm-second.first') }],
        });
      } else if (isProxy) proxy = span;
      else regular = span;
    }
  },
};

export const tpmVersionRule: Rule = {
  code: 'tpm-version-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefTPM (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['tpm'],
  libvirtMessages: [
    "TPM 1.2 is not supported on architecture '%1$s'",
    "Unsupported interface '%1$s' for TPM 1.2",
    'TPM 1.2 is not supported with the SPAPR device model',
    "TPM Proxy model %1$s requires 'Passthrough' backend",
  ],
  help: words('rules.help.tpm-version-unsupported'),
  docsAnchor: 'tpm-device',
  check(domain, report) {
    const arch = effectiveArch(domain);
    for (const tpm of domain.devicesNamed('tpm')) {
      const backend = domain.child(tpm, 'backend');
      const backendType = domain.value(backend, 'type');
      const model = domain.value(tpm, 'model');
      if (backend && backendType === 'emulator') {
        const version = domain.attr(backend, 'version');
        if (version?.value.trim() === '1.2') {
          if (arch && !isArchIn(arch, 'x86')) report(version, words('rules.tpm-version-unsupported.arch', { arch }));
          else if (model === 'tpm-crb') report(version, words('rules.tpm-version-unsupported.crb'));
        }
      }
      if (model === 'spapr-tpm-proxy' && isArchIn(arch, 'ppc64') && backend && backendType !== undefined && backendType !== 'passthrough') {
        report(domain.attr(backend, 'type') as AttrValue, words('rules.tpm-version-unsupported.proxyBackend', { backend: backendType }));
      }
    }
  },
};

export const tpmBackendRule: Rule = {
  code: 'tpm-backend-invalid',
  libvirt: 'virDomainTPMDevValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['tpm'],
  libvirtMessages: [
    "<active_pcr_banks/> requires TPM version '%1$s'",
    "only source type 'unix' is supported for external TPM device",
    "only 'connect' mode is supported for external TPM device",
    'missing socket path for external TPM device',
  ],
  help: words('rules.help.tpm-backend-invalid'),
  docsAnchor: 'tpm-device',
  check(domain, report) {
    for (const tpm of domain.devicesNamed('tpm')) {
      const backend = domain.child(tpm, 'backend');
      if (!backend) continue;
      const type = domain.value(backend, 'type');
      if (type === 'emulator') {
        const banks = domain.child(backend, 'active_pcr_banks');
        const version = domain.attr(backend, 'version');
        if (banks && version && version.value.trim() !== '2.0') report(domain.nameSpan(banks), words('rules.tpm-backend-invalid.pcrBanks', { version: version.value.trim() }));
      } else if (type === 'external') {
        const source = domain.child(backend, 'source');
        if (!source) continue;
        const sourceType = domain.attr(source, 'type');
        const mode = domain.attr(source, 'mode');
        if (sourceType && sourceType.value.trim() !== 'unix') report(sourceType, words('rules.tpm-backend-invalid.sourceType', { type: sourceType.value.trim() }));
        else if (mode && mode.value.trim() === 'bind') report(mode, words('rules.tpm-backend-invalid.bind'));
        else if (!domain.attr(source, 'path')) report(domain.nameSpan(source), words('rules.tpm-backend-invalid.noPath'));
      }
    }
  },
};

const SPAPR_MODELS = new Set(['tpm-spapr', 'spapr-tpm-proxy']);

export const tpmModelArchRule: Rule = {
  code: 'tpm-model-arch',
  libvirt: 'qemuValidateDomainDeviceDefTPM (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['tpm'],
  libvirtMessages: ['The QEMU executable %1$s does not support TPM model %2$s'],
  help: words('rules.help.tpm-model-arch'),
  docsAnchor: 'tpm-device',
  check(domain, report) {
    const arch = effectiveArch(domain);
    if (!arch || isArchIn(arch, 'ppc64')) return;
    for (const tpm of domain.devicesNamed('tpm')) {
      const model = domain.attr(tpm, 'model');
      if (model && SPAPR_MODELS.has(model.value.trim())) report(model, words('rules.tpm-model-arch.arch', { model: model.value.trim(), arch }));
    }
  },
};
