/**
 * `<cputune>` bandwidth values (virDomainDefCputuneValidate, src/conf/domain_validate.c): a
 * non-zero `shares` must lie within cgroups' 2..262144, and a positive quota
 * (`quota`, `global_quota`, `emulator_quota`, `iothread_quota`) within 1000..17592186044415
 * microseconds (VIR_CGROUP_CPU_*, src/util/vircgroup.h). The schema already bounds the periods
 * and the quotas' upper end.
 */
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
  libvirtMessages: ["Value of cputune 'shares' must be in range [%1$llu, %2$llu]", "Value of cputune '%1$s' must be in range [%2$llu, %3$llu]"],
  help:
    "The `<cputune>` values go to the host's CPU cgroup controller, which bounds them: `shares` must be 2 to 262144, and a quota (`quota`, `global_quota`, `emulator_quota`, `iothread_quota`) " +
    'at least 1000 µs (or -1 / 0 for no limit).',
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const cputune = domain.child(domain.root, 'cputune');
    if (!cputune) return;
    const shares = domain.child(cputune, 'shares');
    if (shares) {
      const text = trimmedText(domain, shares);
      const value = bigDecimal(text.value);
      if (value !== undefined && value > 0n && (value < SHARES_MIN || value > SHARES_MAX)) report(text, `\`shares\` ${value} is outside ${SHARES_MIN}-${SHARES_MAX}`);
    }
    for (const name of ['quota', 'global_quota', 'emulator_quota', 'iothread_quota']) {
      const el = domain.child(cputune, name);
      if (!el) continue;
      const text = trimmedText(domain, el);
      const value = bigDecimal(text.value);
      if (value !== undefined && value > 0n && (value < QUOTA_MIN || value > QUOTA_MAX)) report(text, `\`${name}\` ${value} is outside ${QUOTA_MIN}-${QUOTA_MAX} µs`);
    }
  },
};
