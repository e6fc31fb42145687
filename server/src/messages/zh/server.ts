import { SERVER_EN } from '../en/server';

export const SERVER_ZH: Record<keyof typeof SERVER_EN, string> = {
  'server.fileTooLarge': '此文件有 {size} MB，超过了 libvirtXml.analysis.maxFileSizeMB 设定的 {limit} MB：不做检查。',
  'server.fixAll.one': '修复所有可安全修复的问题（{count} 处）',
  'server.fixAll.other': '修复所有可安全修复的问题（{count} 处）',
  'server.notFormatted': '未格式化（第 {line} 行）：{reason}',
  'server.format.notWellFormed': '文档不是格式正确的 XML：{problem}',
  'server.format.tooDeep': '此处元素嵌套过深：缩进增加的内容会超过文档大小的 {times} 倍。',
  'server.ruleHover.source': 'libvirt 中的检查：`{function}` · [libvirt.org]({uri})',
};
