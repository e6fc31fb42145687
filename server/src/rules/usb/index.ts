/** The usb family of libvirt's rules. */
import { Rule } from '../rule';

export const usbRules: readonly Rule[] = [];
