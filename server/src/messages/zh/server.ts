import { SERVER_EN } from '../en/server';

export const SERVER_ZH: Record<keyof typeof SERVER_EN, string> = {
  'server.fileTooLarge': '此文件有 {size} MB，超过了 libvirtXml.analysis.maxFileSizeMB 设定的 {limit} MB：不做检查。',
  'server.fixAll.one': '修复所有可安全修复的问题（{count} 处）',
  'server.fixAll.other': '修复所有可安全修复的问题（{count} 处）',
  'server.notFormatted': '未格式化（第 {line} 行）：{reason}',
  'server.format.notWellFormed': '文档不是格式正确的 XML：{problem}',
  'server.format.tooDeep': '此处元素嵌套过深：缩进增加的内容会超过文档大小的 {times} 倍。',
  'server.ruleHover.source': 'libvirt 中的检查：`{function}` · [libvirt.org]({uri})',

  'server.command.usage': `用法：{tool} --stdio
      {tool} --help | --version

libvirt 域 XML 的语言服务器（virsh edit 打开的、/etc/libvirt/qemu/ 中存放的 <domain>
文档）：依据 libvirt 的 schema 和 libvirt 自身规则的诊断、补全、附带文档的悬停提示、
快速修复、格式化和大纲。由编辑器启动，经标准输入输出与之使用语言服务器协议（LSP）
通信；不需要手动运行。设置（libvirtXml 部分，与 VS Code 相同）由编辑器通过
workspace/configuration 或 workspace/didChangeConfiguration 提供；没有时使用默认值。
Neovim、配合 virsh edit 的 Vim、Emacs（eglot）和 Helix 的配置方法见 README 的
“Other editors”一节。

  --stdio                  经标准输入输出使用 LSP 通信（编辑器使用的方式）
  --node-ipc, --socket=PORT, --pipe=NAME
                           vscode-languageserver 的其他连接方式（VS Code）
  --clientProcessId=PID    该进程号的编辑器退出后即退出
  -h, --help               显示本帮助
  --version                显示版本`,
  'server.command.unknownArgument': '未知参数 {argument}',
  'server.command.needsValue': '{option} 需要一个值',
  'server.command.notANumber': '{option} 必须是整数，而不是 {value}',
  'server.command.noConnection': '请指明与编辑器的通信方式：--stdio（或 --node-ipc、--socket=PORT、--pipe=NAME）',
  'server.command.twoConnections': '一次只能使用一种连接：同时给出了 {first} 和 {second}',
};
