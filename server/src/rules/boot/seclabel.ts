/**
 * Security labels, as libvirt's parser reads them (virSecurityLabelDefsParseXML and
 * virSecurityDeviceLabelDefParseXML, src/conf/domain_conf.c): the domain's `<seclabel>`s are one
 * per security model, and where an element has more than one `<seclabel>`, each names its model.
 */
import { words } from '../../messages/words';
import { Domain, El } from '../domain';
import { Rule } from '../rule';

export const seclabelDuplicateModelRule: Rule = {
  code: 'seclabel-duplicate-model',
  libvirt: 'virSecurityLabelDefsParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['seclabel'],
  libvirtMessages: ['seclabel for model %1$s is already provided'],
  help: words('rules.help.seclabel-duplicate-model'),
  docsAnchor: 'security-label',
  check(domain, report) {
    const seen = new Map<string, { from: number; to: number }>();
    for (const label of domain.children(domain.root, 'seclabel')) {
      const model = domain.attr(label, 'model');
      const key = model ? model.value : '';
      const at = model ?? domain.nameSpan(label);
      const first = seen.get(key);
      if (first)
        report(at, model ? words('rules.seclabel-duplicate-model.model', { model: model.value }) : words('rules.seclabel-duplicate-model.noModel'), {
          related: [{ ...first, message: words('rules.seclabel-duplicate-model.first') }],
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
  onlyWith: ['seclabel'],
  libvirtMessages: ['missing security model when using multiple labels'],
  help: words('rules.help.seclabel-missing-model'),
  docsAnchor: 'security-label',
  check(domain, report) {
    flagUnnamed(domain, domain.children(domain.root, 'seclabel'), report);
    for (const device of domain.devices) walk(domain, device, report);
  },
};

function flagUnnamed(domain: Domain, labels: El[], report: Parameters<Rule['check']>[1]): void {
  if (labels.length < 2) return;
  for (const label of labels) if (!domain.attr(label, 'model')) report(domain.nameSpan(label), words('rules.seclabel-missing-model.missing'));
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
  onlyWith: ['seclabel'],
  libvirtMessages: ['label overrides require relabeling to be enabled at the domain level'],
  help: words('rules.help.seclabel-override-without-relabel'),
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
          report(model, words('rules.seclabel-override-without-relabel.override', { model: model.value.trim() }), {
            related: [{ ...vm.at, message: words('rules.seclabel-override-without-relabel.domain', { model: model.value.trim() }) }],
          });
      }
    };
    for (const device of domain.devices) visit(device);
  },
};
