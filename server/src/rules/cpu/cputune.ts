/**
 * `<cputune>` bandwidth values (virDomainDefCputuneValidate, src/conf/domain_validate.c): a
 * non-zero `shares` must lie within cgroups' 2..262144, and a positive quota
 * (`quota`, `global_quota`, `emulator_quota`, `iothread_quota`) within 1000..17592186044415
 * microseconds (VIR_CGROUP_CPU_*, src/util/vircgroup.h). The schema already bounds the periods
 * and the quotas' upper end.
 */
import { words } from '../../messages/words';
import { Rule } from '../rule';
import { bigDecimal, trimmedText } from './facts';

const SHARES_MIN = 2n;
const SHARES_MAX = 262144n;
const QUOTA_MIN = 1000n;
const QUOTA_MAX = 17592186044415n;

export const cputuneRangeRule: Rule = {
  code: 'cputune-range',
  libvirt: 'virDomainDefCputuneValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['cputune'],
  libvirtMessages: ["Value of cputune 'shares' must be in range [%1$llu, %2$llu]", "Value of cputune '%1$s' must be in range [%2$llu, %3$llu]"],
  help: words('rules.help.cputune-range'),
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const cputune = domain.child(domain.root, 'cputune');
    if (!cputune) return;
    const shares = domain.child(cputune, 'shares');
    if (shares) {
      const text = trimmedText(domain, shares);
      const value = bigDecimal(text.value);
      if (value !== undefined && value > 0n && (value < SHARES_MIN || value > SHARES_MAX)) {
        report(text, words('rules.cputune-range.shares', { value: String(value), min: String(SHARES_MIN), max: String(SHARES_MAX) }));
      }
    }
    for (const name of ['quota', 'global_quota', 'emulator_quota', 'iothread_quota']) {
      const el = domain.child(cputune, name);
      if (!el) continue;
      const text = trimmedText(domain, el);
      const value = bigDecimal(text.value);
      if (value !== undefined && value > 0n && (value < QUOTA_MIN || value > QUOTA_MAX)) {
        report(text, words('rules.cputune-range.quota', { name, value: String(value), min: String(QUOTA_MIN), max: String(QUOTA_MAX) }));
      }
    }
  },
};
