/** PCI and the other buses with address maps (ccw, spapr-vio, virtio-serial): controllers, their indexes and models, and the addresses devices take on them. */
import { Rule } from '../rule';

export const busesRules: readonly Rule[] = [];
