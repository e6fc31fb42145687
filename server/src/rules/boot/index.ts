/** Boot order, firmware, loader and NVRAM, hypervisor features, arch and machine compatibility, clock timers, security labels. */
import { Rule } from '../rule';
import { acpiMachineRule, acpiNeedsUefiRule, uefiNeedsAcpiRule } from './acpi';
import { bootOrderDuplicateRule, bootOrderMixedRule } from './bootOrder';
import { emulatorArchRule, osTypeRule, qemuBootloaderRule } from './emulator';
import { featureMachineRule, pmuPpc64Rule, tcgVirtTypeRule } from './features';
import { firmwareRule, fwcfgNameRule, secureBootRule } from './firmware';
import { lifecycleRule, x86PlatformRule } from './platform';
import { seclabelDuplicateModelRule, seclabelMissingModelRule, seclabelOverrideRule } from './seclabel';
import { timerArchRule, timerAttributeRule, timerSettingRule } from './timers';

export const bootRules: readonly Rule[] = [
  emulatorArchRule,
  osTypeRule,
  qemuBootloaderRule,
  acpiMachineRule,
  acpiNeedsUefiRule,
  uefiNeedsAcpiRule,
  featureMachineRule,
  pmuPpc64Rule,
  tcgVirtTypeRule,
  firmwareRule,
  secureBootRule,
  fwcfgNameRule,
  bootOrderDuplicateRule,
  bootOrderMixedRule,
  timerArchRule,
  timerSettingRule,
  timerAttributeRule,
  x86PlatformRule,
  lifecycleRule,
  seclabelDuplicateModelRule,
  seclabelMissingModelRule,
  seclabelOverrideRule,
];
