import { RULES_EN } from '../en/rules';

export const RULES_ZH: Record<keyof typeof RULES_EN, string> = {
  'rules.consequence.define': '{message}：libvirt 会拒绝这个域。',
  'rules.consequence.start': '{message}：虚拟机将无法启动。',
  'rules.consequence.accepted': '{message}。',
  'rules.stage.define': '`virsh define` 会拒绝这个域',
  'rules.stage.start': '域可以定义，但虚拟机无法启动',
  'rules.stage.accepted': 'libvirt 接受这个域，但会忽略或丢弃这一项',
};
