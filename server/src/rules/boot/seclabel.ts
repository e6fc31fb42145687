/**
 * Security labels, as libvirt's parser reads them (virSecurityLabelDefsParseXML and
 * virSecurityDeviceLabelDefParseXML, src/conf/domain_conf.c): the domain's `<seclabel>`s are one
 * per security model, and where an element has more than one `<seclabel>`, each names its model.
 */
import { Domain, El } from '../domain';
import { Rule } from '../rule';

export const seclabelDuplicateModelRule: Rule = {
  code: 'seclabel-duplicate-model',
  libvirt: 'virSecurityLabelDefsParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['seclabel for model %1$s is already provided'],
  help:
    'Each `<seclabel>` of the domain configures one security driver (selinux, apparmor, dac), named by its `model`. libvirt refuses a second ' +
    '`<seclabel>` for a model that already has one. Merge them into one `<seclabel>` per model.',
  docsAnchor: 'security-label',
  check(domain, report) {
    const seen = new Map<string, { from: number; to: number }>();
    for (const label of domain.children(domain.root, 'seclabel')) {
      const model = domain.attr(label, 'model');
      const key = model ? model.value : '';
      const at = model ?? domain.nameSpan(label);
      const first = seen.get(key);
      if (first)
        report(at, model ? `A second \`<seclabel>\` for model '${model.value}'` : 'A second `<seclabel>` without a model', {
          related: [{ ...first, message: 'The first `<seclabel>` for this model' }],
        });
      else seen.set(key, { from: at.from, to: at.to });
    }
  },
};

export const seclabelMissingModelRule: Rule = {
  code: 'seclabel-missing-model',
  libvirt: 'virSecurityLabelDefsParseXML, virSecurityDeviceLabelDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['missing security model when using multiple labels'],
  help:
    'With more than one `<seclabel>` in the same place, libvirt cannot tell which security driver each one is for unless it says so: every one of ' +
    "them needs a `model` attribute (selinux, apparmor, dac). Add the model, e.g. `model='dac'`.",
  docsAnchor: 'security-label',
  check(domain, report) {
    flagUnnamed(domain, domain.children(domain.root, 'seclabel'), report);
    for (const device of domain.devices) walk(domain, device, report);
  },
};

function flagUnnamed(domain: Domain, labels: El[], report: Parameters<Rule['check']>[1]): void {
  if (labels.length < 2) return;
  for (const label of labels) if (!domain.attr(label, 'model')) report(domain.nameSpan(label), 'This `<seclabel>` names no `model`, and there is more than one here');
}

/** The `<seclabel>`s of every element inside a device (a disk's `<source>`, a chardev's `<source>` ...). */
function walk(domain: Domain, el: El, report: Parameters<Rule['check']>[1]): void {
  const labels: El[] = [];
  for (const child of domain.children(el)) {
    if (child.element.name === 'seclabel') labels.push(child);
    else walk(domain, child, report);
  }
  flagUnnamed(domain, labels, report);
}
