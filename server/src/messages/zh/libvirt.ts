import { LIBVIRT_EN } from '../en/libvirt';

export const LIBVIRT_ZH: Record<keyof typeof LIBVIRT_EN, string> = {
  'libvirt.refused': '{connection} 上的 libvirt 拒绝了此定义：{message}',
};
