/** libvirt's rules: what the rules layer adds to every rule's own words. */
export const RULES_EN = {
  'rules.consequence.define': '{message}: libvirt rejects the domain.',
  'rules.consequence.start': '{message}: the guest fails to start.',
  'rules.consequence.accepted': '{message}.',
  'rules.stage.define': '`virsh define` rejects the domain',
  'rules.stage.start': 'the domain is defined, but the guest fails to start',
  'rules.stage.accepted': 'libvirt accepts the domain but ignores or drops this',
};
