/** USB controllers, ports and hubs, input devices and graphics. */
import { Rule } from '../rule';
import {
  dbusP2pAddressRule,
  eglHeadlessPairingRule,
  eglHeadlessSpiceGlRule,
  graphicsListenRule,
  vncPasswordLengthRule,
} from './graphics';
import { inputBusRule, inputPs2DisabledRule, inputVirtioTransitionalRule } from './inputs';
import { usbAddressDuplicateRule, usbBusMissingRule, usbControllerIndexRule, usbPortRangeRule } from './usbAddresses';
import { usbCompanionMasterRule, usbPortsModelRule, usbQusbRule, usbXhciPortsRule } from './usbControllerModel';
import { usbNoMasterRule, usbNoneAddressRule, usbNoneInputRule, usbNoneOtherControllerRule, usbNoneRedirdevRule } from './usbDisabled';

export const usbRules: readonly Rule[] = [
  usbNoneOtherControllerRule,
  usbNoMasterRule,
  usbNoneInputRule,
  usbNoneRedirdevRule,
  usbNoneAddressRule,
  usbQusbRule,
  usbXhciPortsRule,
  usbPortsModelRule,
  usbCompanionMasterRule,
  usbControllerIndexRule,
  usbBusMissingRule,
  usbPortRangeRule,
  usbAddressDuplicateRule,
  inputBusRule,
  inputPs2DisabledRule,
  inputVirtioTransitionalRule,
  eglHeadlessPairingRule,
  eglHeadlessSpiceGlRule,
  vncPasswordLengthRule,
  graphicsListenRule,
  dbusP2pAddressRule,
];
