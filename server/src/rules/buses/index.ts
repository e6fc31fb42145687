/** PCI and the other buses with address maps (ccw, spapr-vio, virtio-serial): controllers, their indexes and models, and the addresses devices take on them. */
import { Rule } from '../rule';
import { ccwAddressDoubleUseRule } from './ccw';
import { controllerDuplicateIndexRule } from './controllerIndex';
import {
  pciAddressDoubleUseRule,
  pciAddressIncompatibleRule,
  pciAddressIntegratedRule,
  pciAddressInvalidRule,
  pciBuiltinAddressRule,
  pciControllerNoSlotRule,
  pciNoBusesRule,
} from './pciAddresses';
import { pciControllerOptionsRule } from './pciControllerOptions';
import { pciBridgeIndexRule, pciControllerNumaNodeRule, pciExpanderMachineRule } from './pciExpander';
import { pciRootIndexRule, pciRootModelRule } from './pciRoot';
import { spaprVioAddressClashRule } from './spaprVio';
import { virtioDiskAddressTypeRule } from './virtioDiskAddress';
import { virtioSerialPortRule } from './virtioSerial';
import { zpciAddressRule } from './zpci';

export const busesRules: readonly Rule[] = [
  pciRootModelRule,
  pciRootIndexRule,
  controllerDuplicateIndexRule,
  pciControllerOptionsRule,
  pciExpanderMachineRule,
  pciControllerNumaNodeRule,
  pciBridgeIndexRule,
  pciAddressDoubleUseRule,
  pciAddressIncompatibleRule,
  pciAddressIntegratedRule,
  pciAddressInvalidRule,
  pciNoBusesRule,
  pciBuiltinAddressRule,
  pciControllerNoSlotRule,
  spaprVioAddressClashRule,
  virtioSerialPortRule,
  ccwAddressDoubleUseRule,
  zpciAddressRule,
  virtioDiskAddressTypeRule,
];
