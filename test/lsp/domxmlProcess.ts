/** Runs the bundled checker (dist/cli.js) as a process, as a user runs it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout's non-empty lines. */
  lines: string[];
}

export interface RunOptions {
  cwd: string;
  input?: string;
  /** The environment; by default this process's without a locale, so that domxml speaks English. */
  env?: NodeJS.ProcessEnv;
  /** Options for node before the script, e.g. a module to preload. */
  nodeArguments?: string[];
  /** Run as this user and group (only root may). */
  user?: { uid: number; gid: number };
}

export function runDomxml(args: string[], options: RunOptions): Run {
  const result = spawnSync(process.execPath, [...(options.nodeArguments ?? []), CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: options.env ?? withoutLocale(process.env),
    uid: options.user?.uid,
    gid: options.user?.gid,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.error, undefined);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter((line) => line !== '') };
}

/** `env` without the variables domxml takes its language from (LC_ALL, LC_MESSAGES, LANG). */
export function withoutLocale(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...rest } = env;
  return rest;
}

/** A domain the checker finds nothing in. */
export const VALID = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static'>2</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;
/** One error, at 4:19. */
export const BAD_PLACEMENT = VALID.replace("placement='static'", "placement='sometimes'");
/** A cpuset `domxml fix` rewrites to 1,2,3-4. */
export const FIXABLE = VALID.replace("<vcpu placement='static'>2</vcpu>", "<vcpu placement='static' cpuset='1, 2,4-3,'>2</vcpu>");
