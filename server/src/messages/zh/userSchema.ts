import { USER_SCHEMA_EN } from '../en/userSchema';

export const USER_SCHEMA_ZH: Record<keyof typeof USER_SCHEMA_EN, string> = {
  'userSchema.pathNotAbsolute': 'libvirtXml.schema.path 必须是绝对路径的目录，而不是 "{path}"',
  'userSchema.noSystemSchemas': '已开启 libvirtXml.schema.useSystemSchemas，但 {directory}/domain.rng 不存在（这台机器装了 libvirt 吗？）',
  'userSchema.notDirectory': '{directory} 不是目录',
  'userSchema.noDomainRng': '{directory} 中没有 domain.rng',
  'userSchema.compileError': '{message}',
  'userSchema.unsupportedDatatypes': '{file} 用到了本扩展无法检查的数据类型：{types}',
  'userSchema.unsupportedDatatypes.more': '{file} 用到了本扩展无法检查的数据类型：{types}，另有 {more} 个',
  'userSchema.cancelled': '加载已取消',
  'userSchema.timeout': '编译超过 {seconds} 秒，已停止',
  'userSchema.outOfMemory': '编译所需内存超过 {megabytes} MB，已停止',
  'userSchema.compileFailed': '编译失败：{message}',
  'userSchema.noAnswer': 'schema 编译器已退出（退出码 {code}），没有给出结果',
  'userSchema.unusable': '编译出的 schema 无法使用：{message}',
  'userSchema.crashedBefore': '加载这个 schema 时语言服务器停止了（{time}），在 {directory} 中有文件改动之前不会再加载它',
};
