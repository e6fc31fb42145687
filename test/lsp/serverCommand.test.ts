/**
 * `libvirt-xml-language-server`, the server as a command for other editors: run as a program
 * (its `#!` line, its executable bit), and spoken to over stdio the way Neovim, Helix or eglot
 * speak to it: no workspace/configuration, no locale, no workspace folders, `file:` URIs outside
 * any folder, `languageId` `xml`, and XML documents that are not domains.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const COMMAND = path.join(ROOT, 'dist', 'libvirt-xml-language-server.js');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
/** This node first on PATH, for the command's `#!/usr/bin/env node`; the locale English unless a test says otherwise. */
const ENV: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };

function run(args: string[], env: NodeJS.ProcessEnv = ENV): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(COMMAND, args, { env, encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='statc'>2</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    
  </devices>
</domain>
`;

/** XML an editor may send the server when it is set up for every `.xml` file. */
const NOT_DOMAINS: Record<string, string> = {
  'default.xml': `<network>\n  <name>default</name>\n  <forward mode='nat'/>\n  <ip address='192.168.122.1' netmask='255.255.255.0'/>\n</network>\n`,
  'pom.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <artifactId>demo</artifactId>\n</project>\n`,
  'page.xhtml': `<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>hi</p></body></html>\n`,
};

test('the package names the command as a bin beside domxml, and the build makes it an executable with a #! line', () => {
  assert.deepEqual(PACKAGE.bin, { domxml: 'dist/cli.js', 'libvirt-xml-language-server': 'dist/libvirt-xml-language-server.js' });
  assert.ok((fs.statSync(COMMAND).mode & 0o111) !== 0, 'executable');
  assert.equal(fs.readFileSync(COMMAND, 'utf8').split('\n')[0], '#!/usr/bin/env node');
});

test('--version prints the package version, --help what the server is and how an editor starts it', () => {
  assert.deepEqual(run(['--version']), { status: 0, stdout: `libvirt-xml-language-server ${PACKAGE.version}\n`, stderr: '' });
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.equal(help.stderr, '');
  assert.match(help.stdout, /^Usage: libvirt-xml-language-server --stdio\n/);
  assert.match(help.stdout, /workspace\/configuration/);
  assert.match(help.stdout, /Other editors/);
  assert.match(run(['--help'], { ...ENV, LANG: 'zh_CN.UTF-8' }).stdout, /^用法：libvirt-xml-language-server --stdio\n/);
});

test('a command line it cannot use: what is wrong and where help is, on stderr, status 2, nothing on stdout', () => {
  const cases: [string[], string][] = [
    [[], 'say how to talk to the editor: --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)'],
    [['--stdio', '--verbose'], 'unknown argument "--verbose"'],
    [['stdio'], 'unknown argument "stdio"'],
  ];
  for (const [args, message] of cases) {
    assert.deepEqual(run(args), { status: 2, stdout: '', stderr: `libvirt-xml-language-server: ${message}\nTry 'libvirt-xml-language-server --help'.\n` }, args.join(' '));
  }
  assert.match(run(['--bogus'], { ...ENV, LANG: 'zh_CN.UTF-8' }).stderr, /^libvirt-xml-language-server: 未知参数 "--bogus"\n/);
});

/** The command over stdio, initialized as Neovim 0.7 does: no configuration capability, no locale, no folders, no options. */
let editor: LspClient;
before(async () => {
  editor = await LspClient.startCommand(COMMAND, ['--stdio'], { rootUri: null, workspaceFolders: null, capabilities: {} }, ENV);
});
after(async () => {
  await editor.stop();
});

/** didOpen as Neovim sends it: the filetype `xml` as languageId, version 0. */
async function openAsXml(uri: string, text: string): Promise<PublishDiagnosticsParams> {
  const published = editor.waitForDiagnostics(uri, (p) => p.version === 0);
  await editor.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xml', version: 0, text } });
  return published;
}

/** What the server logged as a failure (a guarded handler that threw, a setting it could not read). */
function failures(): string[] {
  return editor.logs.filter((line) => /failed|could not|cannot|error/i.test(line));
}

test('over stdio, started as the command: diagnostics, hover and completion for a domain outside any folder, opened as `xml`', async () => {
  const capabilities = editor.capabilities!.capabilities;
  assert.equal(capabilities.hoverProvider, true);
  assert.deepEqual(editor.capabilities!.serverInfo, { name: 'libvirt-xml' });
  // Without settings from the client (Neovim sends `[]` for an empty table, others null): the defaults, and nothing thrown.
  for (const settings of [[], null, {}, { libvirtXml: null }, { libvirtXml: [] }]) {
    await editor.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }
  const uri = 'file:///tmp/libvirt-xml-elsewhere/web01.xml';
  const published = await openAsXml(uri, DOMAIN);
  assert.deepEqual(
    published.diagnostics.map((d) => [d.code, d.range]),
    [['bad-attribute-value', { start: { line: 3, character: 18 }, end: { line: 3, character: 25 } }]],
  );
  assert.match(String(published.diagnostics[0].message), /^`placement` must be `static` or `auto`/);
  const hover = await editor.hover(uri, { line: 3, character: 4 });
  const shown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(shown, /Maximum number of virtual CPUs for the guest/);
  const labels = (await editor.completion(uri, { line: 8, character: 4 })).map((item) => item.label);
  assert.ok(labels.includes('interface') && labels.includes('disk'), labels.join(' '));
  assert.deepEqual(failures(), []);
});

test('XML that is not a domain gets its one root-not-domain finding and nothing else; every request on it answers without a failure', async () => {
  for (const [name, text] of Object.entries(NOT_DOMAINS)) {
    const uri = `file:///tmp/libvirt-xml-elsewhere/${name}`;
    const published = await openAsXml(uri, text);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity]),
      [['root-not-domain', 1]],
      name,
    );
    const start = { line: 0, character: 0 };
    const end = { line: text.split('\n').length - 1, character: 0 };
    await editor.hover(uri, { line: 1, character: 3 });
    await editor.completion(uri, { line: 1, character: 3 });
    await editor.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await editor.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    await editor.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    await editor.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start, end }, context: { diagnostics: published.diagnostics } });
  }
  assert.deepEqual(failures(), []);
});

test("with no locale from the editor the server speaks the terminal's: LANG=zh_CN gives Chinese findings and hover, unless the editor sends its own", async () => {
  const chinese = await LspClient.startCommand(COMMAND, ['--stdio'], { rootUri: null, workspaceFolders: null, capabilities: {} }, { ...ENV, LANG: 'zh_CN.UTF-8' });
  try {
    const uri = 'file:///tmp/libvirt-xml-elsewhere/zh.xml';
    // A cpuset list that counts down: a finding with Chinese words (the schema's are English still).
    const text = DOMAIN.replace("placement='statc'", "cpuset='1-0'");
    const published = chinese.waitForDiagnostics(uri, (p) => p.version === 0);
    await chinese.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xml', version: 0, text } });
    const finding = (await published).diagnostics.find((d) => d.code === 'cpuset-reversed-range');
    assert.ok(finding, 'the reversed range is found');
    assert.match(String(finding.message), /[\u4e00-\u9fff]/, String(finding.message));
    const hover = await chinese.hover(uri, { line: 3, character: 4 });
    const shown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(shown, /[\u4e00-\u9fff]/, shown);
    // A locale the editor does send still wins.
    const english = await LspClient.startCommand(COMMAND, ['--stdio'], { rootUri: null, capabilities: {}, locale: 'en' }, { ...ENV, LANG: 'zh_CN.UTF-8' });
    try {
      const sent = english.waitForDiagnostics(uri, (p) => p.version === 0);
      await english.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xml', version: 0, text } });
      const reversed = (await sent).diagnostics.find((d) => d.code === 'cpuset-reversed-range');
      assert.match(String(reversed?.message), /^[\x20-\x7e]+$/);
    } finally {
      await english.stop();
    }
  } finally {
    await chinese.stop();
  }
});
