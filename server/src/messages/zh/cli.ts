import { CLI_EN } from '../en/cli';

export const CLI_ZH: Record<keyof typeof CLI_EN, string> = {
  'cli.usage': `用法：domxml check [选项] FILE|DIR|- ...
      domxml fix [--dry-run] [选项] FILE|DIR ...
      domxml fix [选项] -

check  检查 libvirt 域 XML 文档中的问题，结果与编辑器扩展相同：按 libvirt 的域
       schema 检查，并按 libvirt 的读法检查 cpuset/nodeset 列表。DIR 会被递归查找
       *.xml 文件（按名称顺序检查；DIR 内的符号链接会被跟随，指向 DIR 之外的会被
       跳过并说明）；- 从标准输入读取一个文档（显示为 <stdin>）。

fix    应用安全修复，即不改变文档原意、无需人来判断的修复（编辑器的“全部修复”）：
       对 cpuset/nodeset 列表，删除空格和多余的逗号，调换 4-3 这样的倒序范围，展开
       ^N-M，删除不起作用的 ^N 或列表项，删除 libvirt 会丢弃的 vCPU；以及其他所有
       问题的安全修复。不是格式正确的 XML 的文档先做格式正确性修复，格式正确之后
       才做其他修复。修复分轮进行（一个修复可能暴露出下一个问题），文件只有在变得
       更好时才会写回：错误更少；或错误一样多而警告更少；再依次比较信息和提示。
       否则文件保持原样，fix 会说明原因；不是域或不是 UTF-8 的文档也是如此。写回
       时只改动需要改的部分，先写临时文件，再重命名覆盖原文件：磁盘已满或期间有
       其他保存时，文件保持原样。每处修改输出一行：
         path:line:column: "旧文本" → "新文本" [代码] 修复的内容
       然后像 check 一样列出剩余的错误和警告，位置以 fix 处理后的文件为准。使用 -
       时，修复后的文档写到标准输出，其余内容写到标准错误。

选项：
  --format text|json|sarif  （check）text（默认）：每个问题一行，
                              path:line:column: 严重级别：消息 [代码]
                            json：由 {file, line, column, endLine, endColumn,
                              severity, code, message} 组成的数组，适用时还有
                              beyondSchema: true（libvirt 的 schema 接受，但
                              libvirt 本身或虚拟机启动时不接受）、related（涉及的
                              其他位置，每个为 {line, column, endLine, endColumn,
                              message}）、help 和 helpUri（libvirt 的规则：libvirt
                              检查什么，以及它在 libvirt.org 上的页面）
                            sarif：SARIF 2.1.0 日志，用于 CI 中的代码扫描
  --dry-run                 （fix）只输出将要做的修改，不写任何文件
  --max-problems N          每个文档最多报告 N 个问题（默认 {maxProblems}）
  --jobs N                  （check）用 N 个线程检查，最多每个 CPU 核一个（默认：
                              至少 512 个文件时每两个核一个线程，最多 8 个，否则
                              一个）。无论 N 是多少，输出都相同；--connect、- 以及
                              自带 schema 之外的 --schema 只在一个线程中检查
  --schema DIR              用 DIR 中的 libvirt schema（包含 domain.rng 的目录，
                              如 /usr/share/libvirt/schemas）代替自带的 schema
                              检查；只编译一次，文件不变时使用缓存
  --host-cpus LIST          这些域所用宿主机的 CPU（如 0-15 或 0-7,16-23）：绑定到
                              其他 CPU 时给出警告
  --host-nodes LIST         宿主机的 NUMA 节点（如 0-1）：<numatune> 的 nodeset
                              超出这些节点时给出警告
                            不给出这两项时不检查宿主机：这些域可能是为其他机器
                            准备的。fix 从不自行删除宿主机之外的 CPU 或节点。
  --connect URI             （check）针对 URI 指定的 libvirt 宿主机检查，写法与
                              virsh -c 相同（qemu:///system、
                              qemu+ssh://root@kvm01/system、test:///default）：
                              按 virsh capabilities 检查域类型、机器类型、CPU、
                              NUMA 节点和内存页大小，按 virsh domcapabilities 检查
                              每个域的 CPU 型号、设备和固件。问题中会写明宿主机。
                              驱动不支持 domcapabilities 时（如 test 驱动）跳过这些
                              检查并给出提示。不能与 --host-cpus 或 --host-nodes
                              同时使用
  --virsh PATH              （check）--connect 所用的 virsh（默认：PATH 中的 virsh）
  --lang en|zh              消息、汇总和本帮助的语言（默认取自 LC_ALL、LC_MESSAGES
                              或 LANG：以 zh 开头为中文，其他为英文）；json 和
                              sarif 保留代码和英文消息
  -h, --help                显示本帮助
  --version                 显示版本

行号和列号从 1 开始；列按 UTF-16 代码单元计数，与 VS Code 相同，结束列是最后一个
字符之后的那一列。严重级别：错误、警告、信息、提示（json 中为 error、warning、
info、hint）。汇总写到标准错误。

退出状态：没有文档有错误时为 0（只有警告不算失败；对 fix 而言指修复之后）；有文档
有错误时为 1（对 fix 而言指修复后仍有错误，或保持原样的文档有错误）；用法错误或有
内容无法检查时为 2：无法读取的文件或目录、跳过的链接、fix 无法写入或只能保持原样
的文件（不是 UTF-8、期间被修改）、无法读取 capabilities 的 --connect 宿主机。`,
  'cli.tryHelp': "运行 '{tool} --help' 查看用法。",

  'cli.usage.noCommand': '没有给出命令',
  'cli.usage.unknownCommand': '未知命令 {command}',
  'cli.usage.needsValue': '{option} 需要一个值',
  'cli.usage.formatForCheck': '--format 只用于 check；fix 以文本输出它所做的修改',
  'cli.usage.formatValue': '--format 只能是 {formats}，不能是 {value}',
  'cli.usage.dryRunForFix': '--dry-run 只用于 fix；check 从不写文件',
  'cli.usage.dryRunNoValue': '--dry-run 不带值',
  'cli.workerStopped': '一个检查线程停止了（{reason}）；它未检查的文档已在主线程中检查',
  'cli.workerExitCode': '退出码 {code}',
  'cli.usage.jobs': '--jobs 必须是不小于 1 的整数，不能是 {value}',
  'cli.usage.jobsForCheck': '--jobs 只用于 check',
  'cli.usage.maxProblems': '--max-problems 必须是不小于 1 的整数，不能是 {value}',
  'cli.usage.hostCpus': '--host-cpus 必须是 0-15 或 0-7,16-23 这样的列表，不能是 {value}',
  'cli.usage.hostNodes': '--host-nodes 必须是 0-1 这样的列表，不能是 {value}',
  'cli.usage.connectForCheck': '{option} 只用于 check',
  'cli.usage.connectWithHost': '--connect 从 libvirt 获取宿主机信息：请不要同时给出 --host-cpus 和 --host-nodes',
  'cli.usage.virshWithoutConnect': '--virsh 需要与 --connect 一起使用',
  'cli.host.cannotRead': '无法针对 {uri} 检查：{reason}',
  'cli.host.note': '提示：{note}',
  'cli.usage.lang': '--lang 只能是 en 或 zh，不能是 {value}',
  'cli.usage.unknownOption': '未知选项 {option}',
  'cli.usage.noPaths': '{command} 至少需要一个 FILE、DIR 或 -（标准输入）',
  'cli.usage.stdinAlone': 'fix 读取 -（标准输入）时不能再给出其他文件',

  'cli.schema.cannotUse': '无法使用 {directory} 中的 schema：{reason}',
  'cli.schema.cannotLoadBundled': '无法加载自带的 schema {file}：{reason}',
  'cli.noVersion': '无法从 {file} 读取版本',
  'cli.noXmlFiles': '{directory} 下没有 .xml 文件',
  'cli.cannotRead': '无法读取 {name}：{reason}',
  'cli.cannotReadDirectory': '无法读取目录 {directory}：{reason}',
  'cli.skippedLink': '已跳过 {name}：它是指向 {root} 之外的 {target} 的符号链接（直接在命令行给出它即可检查）',
  'cli.skippedNotRegular': '已跳过 {name}：不是普通文件',
  'cli.couldNotCheck': '无法检查 {name}：{reason}',
  'cli.couldNotFix': '无法修复 {name}：{reason}',
  'cli.cannotWrite': '无法写入 {name}：{reason}：文件保持原样',
  'cli.leftAsItIs': '{name} {reason}：保持原样',
  'cli.notFixedWhy': '{name} {reason}',
  'cli.nothingChecked': '没有检查任何文档',
  'cli.noDocumentRead': '没有读取任何文档',

  'cli.error.ENOENT': '没有那个文件或目录',
  'cli.error.EACCES': '权限不够',
  'cli.error.EISDIR': '是一个目录',
  'cli.error.EROFS': '只读文件系统',
  'cli.error.ENOSPC': '设备上没有空间',
  'cli.error.EDQUOT': '超出磁盘配额',
  'cli.error.ELOOP': '符号链接构成了循环',
  'cli.error.ENOTDIR': '不是目录',
  'cli.error.other': '{message}',

  'cli.notReplaced.notRegular': '不是普通文件',
  'cli.notReplaced.hardLinks': '有 {count} 个硬链接，替换它会把这些链接拆开',
  'cli.notReplaced.removed': '在读取之后被删除了',
  'cli.notReplaced.changed': '在读取之后被修改过',
  'cli.notReplaced.owner': '属于用户 {uid}、组 {gid}，当前用户写入的文件无法保留这一属主',
  'cli.notReplaced.notUtf8': '不是 UTF-8 文本',

  'cli.fix.notDomain': '不是 libvirt 域（根元素是 `<{root}>`）：未修复',
  'cli.fix.tooMany': '有 {count} 个或更多问题，太多了，无法判断修复能否让它变好：未修复',
  'cli.fix.notWellFormed': '不是格式正确的 XML，也没有安全修复能让它变得正确：未修复',
  'cli.fix.stillNotWellFormed': '做完格式正确性的安全修复后仍不是格式正确的 XML：其他问题未修复',
  'cli.fix.notBetter': '还有 {fixes}，但它们不会让文档变好：未应用',
  'cli.fix.unsettled': '经过 {rounds} 轮修复后仍有 {fixes}：未应用',
  'cli.fix.worse': '做完安全修复后不会更好（现在 {before}，修复后 {after}）：未修复',
  'cli.fix.safeFixes.one': '{count} 处安全修复',
  'cli.fix.safeFixes.other': '{count} 处安全修复',
  'cli.change': '{location}: {oldText} → {newText} [{codes}] {title}',
  'cli.change.noCodes': '安全修复',

  'cli.text.problem': '{location}: {severity}：{message} [{code}]',
  'cli.text.note': '  附注：{location}: {message}',
  'cli.text.help': '  说明：{help}（{uri}）',
  'cli.severity.error': '错误',
  'cli.severity.warning': '警告',
  'cli.severity.info': '信息',
  'cli.severity.hint': '提示',

  'cli.count.error.one': '{count} 个错误',
  'cli.count.error.other': '{count} 个错误',
  'cli.count.warning.one': '{count} 个警告',
  'cli.count.warning.other': '{count} 个警告',
  'cli.count.info.one': '{count} 条信息',
  'cli.count.info.other': '{count} 条信息',
  'cli.count.hint.one': '{count} 条提示',
  'cli.count.hint.other': '{count} 条提示',
  'cli.count.document.one': '{count} 个文档',
  'cli.count.document.other': '{count} 个文档',
  'cli.count.change.one': '{count} 处修改',
  'cli.count.change.other': '{count} 处修改',
  'cli.list.comma': '{first}，{rest}',
  'cli.list.semicolon': '{first}；{rest}',
  'cli.summary.noProblems': '没有问题',
  'cli.summary.problemsIn': '{documents}中有 {counts}',
  'cli.summary.checked': '已检查 {documents}：{found}',
  'cli.summary.checkedNotAll': '已检查 {documents}：{found}；{count} 项无法检查',
  'cli.summary.nothingToFix': '{documents}中没有需要修复的内容',
  'cli.summary.made': '修改了 {documents}中的 {changed} 个，共 {changes}',
  'cli.summary.wouldMake': '将修改 {documents}中的 {changed} 个，共 {changes}',
  'cli.summary.left': '剩余：{problems}',
  'cli.summary.wouldLeave': '将剩余：{problems}',
  'cli.summary.clean': '没有剩余的错误或警告',
  'cli.summary.notMade': '{documents}未做修复（原因见上文）',
  'cli.summary.notFixed': '{count} 项无法修复',
};
