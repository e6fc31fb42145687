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

/** The domain-level relabel setting of each security model: relabel='yes'|'no', else no for static and none labels, yes for dynamic ones. */
function domainRelabel(domain: Domain): Map<string, { relabel: boolean; at: { from: number; to: number } }> {
  const byModel = new Map<string, { relabel: boolean; at: { from: number; to: number } }>();
  for (const label of domain.children(domain.root, 'seclabel')) {
    const model = domain.value(label, 'model');
    if (!model || byModel.has(model)) continue;
    const relabel = domain.attr(label, 'relabel');
    const type = domain.value(label, 'type') ?? 'dynamic';
    const on = relabel ? relabel.value.trim() === 'yes' : type !== 'static' && type !== 'none';
    byModel.set(model, { relabel: on, at: relabel ?? domain.nameSpan(label) });
  }
  return byModel;
}

export const seclabelOverrideRule: Rule = {
  code: 'seclabel-override-without-relabel',
  libvirt: 'virSecurityDeviceLabelDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['label overrides require relabeling to be enabled at the domain level'],
  help:
    "A `<seclabel>` inside a device (a disk's or a character device's `<source>`) overrides how the domain's security driver labels that one " +
    "resource. libvirt refuses the override when the domain-level `<seclabel>` of the same model does not relabel resources at all (relabel='no', " +
    "which static and 'none' labels default to). Turn relabeling on at the domain level, or drop the device's override.",
  docsAnchor: 'security-label',
  check(domain, report) {
    const byModel = domainRelabel(domain);
    if (byModel.size === 0) return;
    const visit = (el: El): void => {
      for (const child of domain.children(el)) {
        if (child.element.name !== 'seclabel') {
          visit(child);
          continue;
        }
        const model = domain.attr(child, 'model');
        const vm = model && byModel.get(model.value.trim());
        if (model && vm && !vm.relabel)
          report(model, `The domain does not relabel resources for model '${model.value.trim()}', so a device cannot override its label`, {
            related: [{ ...vm.at, message: `The domain-level \`<seclabel>\` for '${model.value.trim()}' does not relabel` }],
          });
      }
    };
    for (const device of domain.devices) visit(device);
  },
};
