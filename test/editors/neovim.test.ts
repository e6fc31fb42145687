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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DOMAIN, NETWORK, ROOT, VALID_DOMAIN, assertServersGone, onPath, readResult, run, scratch, spanOf } from './editorRun';

const CONFIG = path.join(ROOT, 'editors', 'neovim', 'libvirt-xml.lua');
const INIT = path.join(ROOT, 'test', 'editors', 'neovim', 'init.lua');
const NVIM = onPath('nvim');
const VIRSH = onPath('virsh');

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

/** Where vim.diagnostic puts `needle` of `text` (0-based lines, byte columns, end exclusive). */
function vimSpan(text: string, needle: string): { lnum: number; col: number; end_lnum: number; end_col: number } {
  const { line, col, endLine, endCol } = spanOf(text, needle);
  return { lnum: line, col, end_lnum: endLine, end_col: endCol };
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

test(
  'Neovim (its built-in LSP client and the README configuration): diagnostics, completion and hover for a domain; a virsh-named domain shares the server; a network is left alone',
  { skip: NVIM ? false : 'nvim is not installed (Debian: apt-get install neovim)' },
  async (t) => {
    const { dir, env, result: resultFile, remove } = scratch();
    try {
      const domain = path.join(dir, 'web01.xml');
      fs.writeFileSync(domain, DOMAIN);
      fs.writeFileSync(path.join(dir, 'virshAbC123.xml'), VALID_DOMAIN);
      fs.writeFileSync(path.join(dir, 'default.xml'), NETWORK);
      const ran = await run(NVIM!, ['--headless', '--clean', '-u', INIT, domain], { ...env, LIBVIRT_XML_CONFIG: CONFIG, LIBVIRT_XML_MODE: 'domain' }, dir);
      const result = readResult<Result>(resultFile, ran);
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
          { code: 'bad-attribute-value', ...vimSpan(DOMAIN, "'statc'"), severity: 1, source: 'libvirt-xml' },
          { code: 'cpuset-beyond-host', ...vimSpan(DOMAIN, '70'), severity: 2, source: 'libvirt-xml' },
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
    const { dir, env, result: resultFile, remove } = scratch();
    try {
      const tmp = path.join(dir, 'tmp');
      fs.mkdirSync(tmp);
      // virsh runs an EDITOR made of its safe characters itself, without a shell.
      const editor = path.join(dir, 'bin', 'nvim-headless');
      const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
      fs.writeFileSync(editor, `#!/bin/sh\nexec ${quote(NVIM!)} --headless --clean -u ${quote(INIT)} "$@"\n`, { mode: 0o755 });
      const ran = await run(VIRSH!, ['-c', 'test:///default', 'edit', 'test'], { ...env, LIBVIRT_XML_CONFIG: CONFIG, EDITOR: editor, TMPDIR: tmp, LIBVIRT_XML_MODE: 'virsh' }, dir);
      const result = readResult<Result>(resultFile, ran);
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
