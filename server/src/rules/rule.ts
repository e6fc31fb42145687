/**
 * A rule of libvirt's that its schema cannot say: one check of libvirt's parser, post-parse or
 * validation code (or the QEMU driver's), mirrored over the Domain view. A rule is data about
 * the check (code, the libvirt function, when libvirt rejects, libvirt's own message) plus a
 * `check` that reports findings through `report`; runRules (index.ts) adds what is common.
 */
import { Fix } from '../finding';
import { Words } from '../messages/words';
import { Domain, Span } from './domain';

/**
 * When libvirt says no: `define` when `virsh define` (the parser, post-parse or validation)
 * rejects the document, `start` when it is accepted but the guest fails to start, `accepted`
 * when libvirt takes the document but ignores or changes what the finding is about (a warning).
 */
export type Stage = 'define' | 'start' | 'accepted';

/** `qemu`: the QEMU driver's rules, for `<domain type='kvm'>` and `type='qemu'`; `any`: every driver. */
export type Driver = 'any' | 'qemu';

export interface RelatedSpan extends Span {
  message: string | Words;
}

export interface ReportOptions {
  /** The other party: the first device on the same address, the `<boot dev>` that conflicts. */
  related?: RelatedSpan[];
  /** Edits that resolve it, where there is one answer. */
  fixes?: Fix[];
}

/**
 * Reports a finding on `at` (the token that has to change). `message` names the values involved
 * and has no closing period: runRules adds when libvirt refuses.
 */
export type Report = (at: Span, message: string | Words, options?: ReportOptions) => void;

export interface Rule {
  /** Stable, kebab-case: what the diagnostic's code, the CLI and SARIF show. */
  code: string;
  /** The libvirt function whose check this mirrors, with its file: `virDomainDefValidateInternal (src/conf/domain_validate.c)`. */
  libvirt: string;
  stage: Stage;
  driver: Driver;
  /**
   * libvirt's own error message for this check, as its format string (`%1$s` and the like stand
   * for any text): conformance matches libvirt's test expectations against these.
   */
  libvirtMessages: readonly string[];
  /** What libvirt checks and why, and how to put it right: hover on the finding and SARIF's help. */
  help: string;
  /** The section of libvirt.org/formatdomain.html about what the rule checks (its anchor). */
  docsAnchor?: string;
  check(domain: Domain, report: Report): void;
}
