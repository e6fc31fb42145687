/**
 * The language server in Neovim, with nothing but Neovim and the README's configuration
 * (editors/neovim/libvirt-xml.lua): `nvim --headless --clean -u test/editors/neovim/init.lua`
 * opens documents, waits for what the server says, asks for completion and hover, and writes it
 * all to a JSON file this test reads. The server is the package's command,
 * `libvirt-xml-language-server`, found on PATH as an installed one would be. Also through
 * `virsh edit` of libvirt's test driver, with Neovim as the EDITOR, when virsh is installed.
 * Skipped, saying why, where nvim is not installed (.ci/run installs Debian's neovim).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const COMMAND = path.join(ROOT, 'dist', 'libvirt-xml-language-server.js');
const CONFIG = path.join(ROOT, 'editors', 'neovim', 'libvirt-xml.lua');
const INIT = path.join(ROOT, 'test', 'editors', 'neovim', 'init.lua');
/** How long one Neovim run may take, its server's start included. */
const RUN_TIMEOUT_MS = 60000;

/** The absolute path of `name` on PATH, if it is there. */
function onPath(name: string): string | undefined {
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

const NVIM = onPath('nvim');
const VIRSH = onPath('virsh');

/** A domain with a mistake the schema finds (`statc`) and a pin beyond the host the settings name (CPU 70 of 0-63). */
const DOMAIN = `<domain type='kvm'>
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

const VALID_DOMAIN = `<domain type='kvm'>
  <name>db01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
</domain>
`;

const NETWORK = `<network>
  <name>default</name>
  <forward mode='nat'/>
</network>
`;

interface Diagnostic {
  code?: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source?: string;
  message: string;
}

interface Result {
  nvim: string;
  error?: string;
  steps: string[];
  file?: string;
  filetype: string;
  attached: string[];
  diagnostics: Diagnostic[];
  completion: string[];
  hover: string;
  virsh_file: { attached: string[]; diagnostics: Diagnostic[]; same_server: boolean };
  network: { filetype: string; attached: string[]; diagnostics_when_attached: Diagnostic[]; hover_when_attached: string };
}

/** A directory for one run, removed afterwards: the documents, the command on PATH, Neovim's XDG directories and HOME. */
function scratch(): { dir: string; env: NodeJS.ProcessEnv; remove: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-nvim-')));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  // On PATH as npm's bin link puts it: a symbolic link to the bundle.
  fs.symlinkSync(COMMAND, path.join(bin, 'libvirt-xml-language-server'));
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
    LIBVIRT_XML_CONFIG: CONFIG,
    LIBVIRT_XML_RESULT: path.join(dir, 'result.json'),
  };
  delete env.VISUAL;
  delete env.NVIM;
  delete env.NVIM_LISTEN_ADDRESS;
  return { dir, env, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `command` to its end within RUN_TIMEOUT_MS (then kills it, and fails). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
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

/** The result Neovim wrote, or what it said instead. */
function readResult(file: string, ran: { status: number | null; stdout: string; stderr: string }): Result {
  assert.ok(fs.existsSync(file), `Neovim wrote no result (status ${ran.status})\nstdout: ${ran.stdout}\nstderr: ${ran.stderr}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Result;
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

/** Every server Neovim started has gone with it (Neovim stops it; a server whose stdin closes exits). */
async function assertServersGone(dir: string): Promise<void> {
  for (let waited = 0; serversOf(dir).length > 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  const left = serversOf(dir);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.deepEqual(left, [], 'language servers that outlived Neovim');
}

/** What Neovim's LSP log holds at WARN or ERROR (window/logMessage from the server, client errors): nothing, in a good run. */
function loggedProblems(dir: string): string[] {
  const problems: string[] = [];
  // 0.7 logs under stdpath('cache'), 0.8 and newer under stdpath('log') (XDG_STATE_HOME).
  for (const home of ['cache', 'state']) {
    const log = path.join(dir, 'xdg', home, 'nvim', 'lsp.log');
    if (fs.existsSync(log)) problems.push(...fs.readFileSync(log, 'utf8').split('\n').filter((line) => /\[(ERROR|WARN)\]/.test(line)));
  }
  return problems;
}

/** The line and columns of `needle` in `text`, as vim.diagnostic counts them (0-based, end exclusive; ASCII here). */
function spanOf(text: string, needle: string): { lnum: number; col: number; end_lnum: number; end_col: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset);
  const lnum = before.split('\n').length - 1;
  const col = offset - (before.lastIndexOf('\n') + 1);
  return { lnum, col, end_lnum: lnum, end_col: col + needle.length };
}

test(
  'Neovim (its built-in LSP client and the README configuration): diagnostics, completion and hover for a domain; a virsh-named domain shares the server; a network is left alone',
  { skip: NVIM ? false : 'nvim is not installed (Debian: apt-get install neovim)' },
  async (t) => {
    const { dir, env, remove } = scratch();
    try {
      const domain = path.join(dir, 'web01.xml');
      fs.writeFileSync(domain, DOMAIN);
      fs.writeFileSync(path.join(dir, 'virshAbC123.xml'), VALID_DOMAIN);
      fs.writeFileSync(path.join(dir, 'default.xml'), NETWORK);
      const ran = await run(NVIM!, ['--headless', '--clean', '-u', INIT, domain], { ...env, LIBVIRT_XML_MODE: 'domain' }, dir);
      const result = readResult(env.LIBVIRT_XML_RESULT!, ran);
      t.diagnostic(`Neovim ${result.nvim}`);
      assert.equal(result.error, undefined, `${result.error}\nstderr: ${ran.stderr}`);
      assert.deepEqual(result.steps, ['diagnostics', 'completion', 'hover', 'virsh file', 'network']);
      assert.equal(ran.status, 0, ran.stderr);

      // Neovim's filetype for a domain is xml; the configuration starts the server for it.
      assert.equal(result.filetype, 'xml');
      assert.deepEqual(result.attached, ['libvirt-xml']);
      // The schema's finding on the value, and the pin beyond the host of the settings (which reached the server).
      assert.deepEqual(
        result.diagnostics.map(({ code, lnum, col, end_lnum, end_col, severity, source }) => ({ code, lnum, col, end_lnum, end_col, severity, source })),
        [
          { code: 'bad-attribute-value', ...spanOf(DOMAIN, "'statc'"), severity: 1, source: 'libvirt-xml' },
          { code: 'cpuset-beyond-host', ...spanOf(DOMAIN, '70'), severity: 2, source: 'libvirt-xml' },
        ],
      );
      assert.match(result.diagnostics[0].message, /^`placement` must be `static` or `auto`: did you mean `static`\?/);
      assert.match(result.diagnostics[1].message, /it has CPUs 0-63/);
      // Completion in <devices>, hover with <vcpu>'s documentation.
      assert.ok(result.completion.includes('interface') && result.completion.includes('disk'), result.completion.join(' '));
      assert.match(result.hover, /Maximum number of virtual CPUs for the guest/);

      // The file virsh edit writes: a domain, the same server, nothing wrong with it.
      assert.deepEqual(result.virsh_file, { attached: ['libvirt-xml'], diagnostics: [], same_server: true });
      // A network: no server; and a client that sends it anyway gets one finding, and a hover that fails nothing.
      assert.equal(result.network.filetype, 'xml');
      assert.deepEqual(result.network.attached, []);
      assert.deepEqual(
        result.network.diagnostics_when_attached.map((d) => [d.code, d.lnum, d.severity]),
        [['root-not-domain', 0, 1]],
      );
      assert.deepEqual(loggedProblems(dir), []);
      await assertServersGone(dir);
    } finally {
      remove();
    }
  },
);

test(
  'virsh edit with Neovim as the EDITOR: the temporary file virsh writes ($TMPDIR/virshXXXXXX.xml) gets the server',
  { skip: !NVIM ? 'nvim is not installed (Debian: apt-get install neovim)' : !VIRSH ? 'virsh is not installed (Debian: apt-get install libvirt-clients)' : false },
  async (t) => {
    const { dir, env, remove } = scratch();
    try {
      const tmp = path.join(dir, 'tmp');
      fs.mkdirSync(tmp);
      // virsh runs an EDITOR made of its safe characters itself, without a shell.
      const editor = path.join(dir, 'bin', 'nvim-headless');
      const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
      fs.writeFileSync(editor, `#!/bin/sh\nexec ${quote(NVIM!)} --headless --clean -u ${quote(INIT)} "$@"\n`, { mode: 0o755 });
      const ran = await run(VIRSH!, ['-c', 'test:///default', 'edit', 'test'], { ...env, EDITOR: editor, TMPDIR: tmp, LIBVIRT_XML_MODE: 'virsh' }, dir);
      const result = readResult(env.LIBVIRT_XML_RESULT!, ran);
      t.diagnostic(`Neovim ${result.nvim}; virsh said: ${ran.stdout.trim()}`);
      assert.equal(result.error, undefined, `${result.error}\nstderr: ${ran.stderr}`);
      assert.equal(ran.status, 0, `${ran.stdout}${ran.stderr}`);
      assert.match(result.file ?? '', new RegExp(`^${tmp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/virsh[A-Za-z0-9]{6}\\.xml$`));
      assert.equal(result.filetype, 'xml');
      assert.deepEqual(result.attached, ['libvirt-xml']);
      assert.match(result.hover, /Short name of the virtual machine/);
      // Nothing was changed, so nothing was defined; virsh removed its file.
      assert.match(ran.stdout, /not changed/);
      assert.deepEqual(fs.readdirSync(tmp), []);
      assert.deepEqual(loggedProblems(dir), []);
      await assertServersGone(dir);
    } finally {
      remove();
    }
  },
);
