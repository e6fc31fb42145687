import { FIXES_EN } from '../en/fixes';

export const FIXES_ZH: Record<keyof typeof FIXES_EN, string> = {
  'fixes.change': '改为 `{name}`',
  'fixes.add': '添加 {names}',
  'fixes.remove': '删除这个 `<{element}>`',
  'fixes.moveBefore': '把 `<{element}>` 移到 `<{sibling}>` 之前',
  'fixes.moveAfter': '把 `<{element}>` 移到 `<{sibling}>` 之后',
  'fixes.uuid.canonical': '将 UUID 改写为 `{uuid}`',
  'fixes.uuid.fresh': '替换为新的随机 UUID',
  'fixes.mac.canonical': '将 MAC 地址改写为 `{mac}`',
  'fixes.mac.fresh': '替换为新的 MAC 地址 `{mac}`',
};
