/** Disks and host devices: targets, drive addresses, formats, encryption, sources and duplicates. */
import { Rule } from '../rule';
import { diskDeviceBusRule, diskIotuneConflictRule, diskLunOnlyRule, diskSourceMissingRule, diskVirtioOnlyRule } from './diskConfig';
import {
  diskBusUnsupportedRule,
  diskCopyOnReadRule,
  diskDriverNameRule,
  diskIoNativeCacheRule,
  diskIothreadRule,
  diskLunUnsupportedRule,
  diskSerialCharsRule,
  diskIotuneUnsupportedRule,
  diskTransientRule,
} from './diskQemu';
import { diskAuthProtocolRule, diskEncryptionCipherRule, diskLunSourceRule, diskStartupPolicyRule, diskVendorProductLengthRule } from './diskSourceConfig';
import { diskAddressTypeRule, driveAddressDuplicateRule } from './driveAddresses';
import { diskVendorProductRule } from './diskFrontend';
import {
  diskEncryptionFormatRule,
  diskFormatRule,
  diskMetadataCacheRule,
  diskNetworkProtocolRule,
  diskSharedFormatRule,
  diskSourceTwiceRule,
  usbDiskEmptyRule,
} from './diskSource';
import { diskTargetDuplicateRule, diskTargetPartitionRule, diskTargetUnknownRule } from './diskTargets';
import {
  hostdevAddressTypeRule,
  hostdevBootRule,
  hostdevDuplicateRule,
  hostdevMdevAddressRule,
  hostdevQemuModelRule,
  hostdevRamfbRule,
} from './hostdevs';
import { diskNvmeNamespaceRule, diskVhostUserRule } from './diskVhostUser';
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
  diskNetworkProtocolRule,
  diskMetadataCacheRule,
  usbDiskEmptyRule,
  diskVendorProductRule,
  diskDeviceBusRule,
  diskLunOnlyRule,
  diskVirtioOnlyRule,
  diskIotuneConflictRule,
  diskSourceMissingRule,
  diskBusUnsupportedRule,
  diskLunUnsupportedRule,
  diskCopyOnReadRule,
  diskIoNativeCacheRule,
  diskSerialCharsRule,
  diskDriverNameRule,
  diskIothreadRule,
  diskTransientRule,
  diskIotuneUnsupportedRule,
  diskLunSourceRule,
  diskAuthProtocolRule,
  diskEncryptionCipherRule,
  diskStartupPolicyRule,
  diskVendorProductLengthRule,
  diskVhostUserRule,
  diskNvmeNamespaceRule,
  hostdevDuplicateRule,
  hostdevRamfbRule,
  hostdevMdevAddressRule,
  hostdevAddressTypeRule,
  hostdevBootRule,
  hostdevQemuModelRule,
];
