/**
 * What the editor tests share: the documents, a scratch directory per run with the server's
 * command on PATH (as npm's bin link puts it), running an editor to its end within a bound, and
 * making sure no server outlives it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const COMMAND = path.join(ROOT, 'dist', 'libvirt-xml-language-server.js');
/** How long one editor run may take, its server's start included. */
export const RUN_TIMEOUT_MS = 60000;

/** The absolute path of `name` on PATH, if it is there. */
export function onPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(directory || '.', name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A domain with a mistake the schema finds (`statc`) and a pin beyond the host the tests' settings name (CPU 70 of 0-63). */
export const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='statc'>2</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='70'/>
  </cputune>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    
  </devices>
</domain>
`;

/** Where completion is asked (the blank line in <devices>) and hover (on `vcpu`), 0-based. */
export const COMPLETION_AT = { line: 11, character: 4 };
export const HOVER_AT = { line: 3, character: 4 };

export const VALID_DOMAIN = `<domain type='kvm'>
  <name>db01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
</domain>
`;

export const NETWORK = `<network>
  <name>default</name>
  <forward mode='nat'/>
</network>
`;

export interface Scratch {
  dir: string;
  /** PATH with the command first, HOME and the XDG directories inside `dir`, the C locale, no VISUAL. */
  env: NodeJS.ProcessEnv;
  /** Where the editor's script writes what it saw. */
  result: string;
  remove: () => void;
}

/** A directory for one run, removed afterwards: the documents, the command on PATH, the editor's home. */
export function scratch(): Scratch {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-editor-')));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(dir, 'home'));
  fs.symlinkSync(COMMAND, path.join(bin, 'libvirt-xml-language-server'));
  const result = path.join(dir, 'result.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [bin, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
    HOME: path.join(dir, 'home'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
    XDG_STATE_HOME: path.join(dir, 'xdg', 'state'),
    XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
    LC_ALL: '',
    LC_MESSAGES: '',
    LANG: 'C.UTF-8',
    LIBVIRT_XML_RESULT: result,
    // Where the editor's script asks for completion and hover, as line,character.
    LIBVIRT_XML_COMPLETION_AT: `${COMPLETION_AT.line},${COMPLETION_AT.character}`,
    LIBVIRT_XML_HOVER_AT: `${HOVER_AT.line},${HOVER_AT.character}`,
  };
  for (const name of ['VISUAL', 'NVIM', 'NVIM_LISTEN_ADDRESS', 'EMACSLOADPATH']) delete env[name];
  return { dir, env, result, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` to its end within RUN_TIMEOUT_MS (then kills it, and fails). */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${RUN_TIMEOUT_MS} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The JSON the editor's script wrote, or what the editor said instead. */
export function readResult<T>(file: string, ran: Ran): T {
  assert.ok(fs.existsSync(file), `the editor wrote no result (status ${ran.status})\nstdout: ${ran.stdout}\nstderr: ${ran.stderr}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/**
 * The processes running the command from this run's PATH (their command line names the link in
 * `dir`/bin, which only this run uses), read from /proc.
 */
function serversOf(dir: string): number[] {
  const command = path.join(dir, 'bin', 'libvirt-xml-language-server');
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(command)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Every server the editor started has gone with it (the editor stops it; a server whose stdin closes exits). */
export async function assertServersGone(dir: string): Promise<void> {
  for (let waited = 0; serversOf(dir).length > 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  const left = serversOf(dir);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.deepEqual(left, [], 'language servers that outlived the editor');
}

/** The line and columns of `needle` in `text` (0-based, end exclusive; ASCII here). */
export function spanOf(text: string, needle: string): { line: number; col: number; endLine: number; endCol: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const col = offset - (before.lastIndexOf('\n') + 1);
  return { line, col, endLine: line, endCol: col + needle.length };
}
