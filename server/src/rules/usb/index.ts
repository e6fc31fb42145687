/** USB controllers, ports and hubs, input devices and graphics. */
import { Rule } from '../rule';

export const usbRules: readonly Rule[] = [];
