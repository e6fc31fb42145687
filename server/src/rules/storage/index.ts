/** Disks and host devices: targets, drive addresses, formats, encryption, sources and duplicates. */
import { Rule } from '../rule';
import { diskAddressTypeRule, driveAddressDuplicateRule } from './driveAddresses';
import { diskVendorProductRule } from './diskFrontend';
import { diskEncryptionFormatRule, diskFormatRule, diskSharedFormatRule, diskSourceTwiceRule, usbDiskEmptyRule } from './diskSource';
import { diskTargetDuplicateRule, diskTargetPartitionRule, diskTargetUnknownRule } from './diskTargets';
import { hostdevBootRule, hostdevDuplicateRule, hostdevMdevAddressRule, hostdevRamfbRule } from './hostdevs';
import { ideControllerRule } from './ide';

export const storageRules: readonly Rule[] = [
  diskTargetDuplicateRule,
  diskTargetUnknownRule,
  diskTargetPartitionRule,
  diskAddressTypeRule,
  driveAddressDuplicateRule,
  ideControllerRule,
  diskSourceTwiceRule,
  diskFormatRule,
  diskEncryptionFormatRule,
  diskSharedFormatRule,
  usbDiskEmptyRule,
  diskVendorProductRule,
  hostdevDuplicateRule,
  hostdevRamfbRule,
  hostdevMdevAddressRule,
  hostdevBootRule,
];
