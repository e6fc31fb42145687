/**
 * Why the user's own libvirt schema (libvirtXml.schema.*, `domxml --schema`) is not the one in
 * use: shown in the editor's status item and by domxml. A compile error inside the schema's
 * files is the compiler's own text (`{message}`), file and line first.
 */
export const USER_SCHEMA_EN = {
  'userSchema.pathNotAbsolute': 'libvirtXml.schema.path must be an absolute directory, not "{path}"',
  'userSchema.noSystemSchemas': 'libvirtXml.schema.useSystemSchemas is on, but {directory}/domain.rng does not exist (is libvirt installed here?)',
  'userSchema.notDirectory': '{directory} is not a directory',
  'userSchema.noDomainRng': '{directory} has no domain.rng',
  'userSchema.compileError': '{message}',
  'userSchema.unsupportedDatatypes': '{file} uses data types this extension cannot check: {types}',
  'userSchema.unsupportedDatatypes.more': '{file} uses data types this extension cannot check: {types} and {more} more',
  'userSchema.cancelled': 'the load was cancelled',
  'userSchema.timeout': 'compiling took longer than {seconds} s, and was stopped',
  'userSchema.outOfMemory': 'compiling needed more than {megabytes} MB of memory, and was stopped',
  'userSchema.compileFailed': 'compiling failed: {message}',
  'userSchema.noAnswer': 'the schema compiler stopped (exit code {code}) without an answer',
  'userSchema.unusable': 'the compiled schema cannot be used: {message}',
  'userSchema.crashedBefore': 'loading this schema stopped the language server (at {time}), so it is not loaded again until a file in {directory} changes',
};
