/**
 * Which libvirt a schema directory comes from. A module of its own, so that `domxml check
 * --schema` reads it without the schema compiler (userSchema.ts, xmldom), which runs in a worker.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** Where distributions install libvirt's schemas (libvirtXml.schema.useSystemSchemas). */
export const SYSTEM_SCHEMA_DIRECTORY = '/usr/share/libvirt/schemas';

/**
 * libvirt's version for a schema directory: a version in its path (/opt/libvirt-11.2.0/…), or for
 * the system directory what `virsh --version` prints (virsh and the schemas ship from one libvirt
 * build; --version only prints, it connects to nothing); else 'unknown'.
 */
export async function detectLibvirtVersion(
  directory: string,
  systemDirectory = SYSTEM_SCHEMA_DIRECTORY,
  versionCommand: readonly string[] = ['virsh', '--version'],
): Promise<string> {
  for (const segment of directory.split(/[\\/]/).reverse()) {
    const match = /^(?:libvirt-)?(\d+\.\d+\.\d+)$/.exec(segment);
    if (match) return match[1];
  }
  if (path.resolve(directory) !== path.resolve(systemDirectory)) return 'unknown';
  const [command, ...args] = versionCommand;
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 3000, windowsHide: true }, (error, stdout) => {
      const match = /^\s*(\d+\.\d+\.\d+)\s*$/.exec(String(stdout));
      resolve(!error && match ? match[1] : 'unknown');
    });
  });
}
