// Runner B: the e2e suite in code-server 4.99.4 (VS Code 1.99.3, server + web workbench) driven
// by headless Debian chromium, for machines where desktop VS Code cannot be downloaded.
// It runs PASSES one after another, each in a code-server of its own (own profile, own copy of
// the fixture workspace, own port, ended with its process group when the pass is over):
//  1. installs the .vsix (and the pass's language pack) into a fresh extensions dir and starts
//     code-server on a free loopback port in its own process group;
//  2. runs the pass's mocha suites inside the extension host (the payload URL @vscode/test-web
//     uses);
//  3. a DOM pass in the same editor, as a user sees it, with screenshots in
//     test/e2e/artifacts/PASS/.
// Usage: node out/test/e2e/runCodeServer.js [--vsix FILE] [--pass NAME] [--update-screenshot]
// Needs scripts/install-e2e.sh to have run.
//
// The display language (what `--locale zh-cn` needs, found by experiment on 4.99.4):
// - `--locale zh-cn` alone changes nothing for extensions: vscode.env.language stays `en` and
//   package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json go unread. code-server sets the
//   workbench's language (globalThis._VSCODE_NLS_LANGUAGE, which the extension host reports as
//   vscode.env.language and by which the server localizes manifests and picks l10n bundles)
//   only when <user-data-dir>/languagepacks.json lists a language pack for the locale.
// - The real pack (MS-CEINTL.vscode-language-pack-zh-hans) comes from the extension
//   marketplaces only, which cannot be reached here. Debian has none. npm has
//   @codingame/monaco-vscode-language-pack-zh-hans, but its VS Code strings are an array indexed
//   for monaco-vscode-api's own build (12,821 entries against the 14,397 of code-server
//   1.99.3's nls.messages.json), so it cannot translate code-server's workbench.
// - So the Chinese pass installs test/e2e/language-packs/zh-cn: a language pack that declares
//   zh-cn with no translations. VS Code's own menus stay English (every string falls back); the
//   extension's strings and the language server's messages are Chinese, which is what is tested.
// - `code-server --install-extension` does not write languagepacks.json: the CLI never starts
//   the language-pack service that records a pack on install (VS Code issue 237663, code-server
//   issue 3372); installing from the Extensions view does. The runner writes the same entry.
import * as cp from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadDocsData } from '../../server/src/docs/loadDocs';
import { checkSet } from '../../server/src/features/cpuset/checkSet';
import { render, type Language } from '../../server/src/messages/words';
import { inEnglish, schemaStatusText, type Translate } from '../../client/src/schemaInUse';
import { artifactsDir, errorText, findVsix, harnessDir, makeScratch, option, readResults, repoRoot, suiteEntry } from './common';

/** One pass: the longest the suite may take, its workbench loads and the DOM checks. */
const PASS_TIMEOUT_MS = 4 * 60_000;
const SUITE_TIMEOUT_MS = 3 * 60_000;
const UI_TIMEOUT_MS = 30_000;
/** How long one try waits for a widget to fill before asking again. */
const RETRY_WAIT_MS = 3_000;
const CHROMIUM = '/usr/bin/chromium';
const LANGUAGE_NAME = 'Libvirt Domain XML';

/** One code-server run: a display language and what is checked in it. */
interface Pass {
  /** Names the pass in the log and its artifacts folder (test/e2e/artifacts/NAME/). */
  name: string;
  /** code-server's --locale, with the language pack in test/e2e/language-packs/LOCALE; none: English. */
  locale?: string;
  /** The language the extension's docs and messages are expected in. */
  language: Language;
  /** The suites (test/e2e/suite/NAME.e2e.ts) run in the extension host; each is in one pass. */
  suites: string[];
  /** What a user sees in the workbench. */
  dom: (ui: Ui) => Promise<void>;
}

const PASSES: Pass[] = [
  {
    name: 'en',
    language: 'en',
    suites: ['editor', 'libvirt'],
    dom: async (ui) => {
      await editorChecks(ui);
      await libvirtViewChecks(ui);
      await languageChecks(ui);
    },
  },
  { name: 'zh-cn', locale: 'zh-cn', language: 'zh', suites: [], dom: languageChecks },
];

function codeServerBin(): string {
  // Same location as scripts/install-e2e.sh uses.
  const cache =
    process.env.LIBVIRT_XML_E2E_CACHE ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'libvirt-xml-e2e');
  const bin = path.join(cache, 'code-server', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) throw new Error(`no code-server at ${bin}: run scripts/install-e2e.sh first`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: run scripts/install-e2e.sh first`);
  return bin;
}

function log(message: string): void {
  console.log(`e2e: ${message}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function poll(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends code-server and everything it started (extension hosts outlive the browser). */
async function killGroup(pid: number): Promise<void> {
  if (!groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  try {
    await poll('code-server to exit', 5_000, async () => !groupAlive(pid));
  } catch {
    if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  }
}

/** Cleanups run newest first at the end of a pass, or of the run when it is cut short. */
class Cleanups {
  private readonly stack: (() => Promise<void>)[] = [];

  add(cleanup: () => Promise<void>): void {
    this.stack.push(cleanup);
  }

  /** Runs every cleanup once, newest first, down to `depth` entries. */
  async runDownTo(depth = 0): Promise<void> {
    // Drained until that depth: a pass may still register one while an earlier cleanup awaits.
    while (this.stack.length > depth) {
      const cleanup = this.stack.pop()!;
      await cleanup().catch((e: unknown) => log(`cleanup: ${errorText(e)}`));
    }
  }

  get depth(): number {
    return this.stack.length;
  }
}

/** A started code-server with the workspace it opened. */
interface Editor {
  base: string;
  workspace: string;
  browser: Browser;
}

/** A pass's DOM view: its page and workspace, its checks' bookkeeping and its artifacts. */
interface Ui {
  pass: Pass;
  page: Page;
  workspace: string;
  artifacts: string;
  passed: number;
  failures: string[];
}

/** Runs one named check; a failed one is counted and leaves a screenshot behind. */
async function check(ui: Ui, name: string, body: () => Promise<void>): Promise<boolean> {
  const started = Date.now();
  try {
    await body();
    ui.passed++;
    log(`ok   [${ui.pass.name}] ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (e) {
    ui.failures.push(name);
    log(`FAIL [${ui.pass.name}] ${name}: ${errorText(e)}`);
    await ui.page.screenshot({ path: path.join(ui.artifacts, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
    return false;
  }
}

/** A screenshot in the pass's artifacts; animations 'disabled' fast-forwards a hover's fade-in. */
async function shot(ui: Ui, name: string): Promise<void> {
  await ui.page.screenshot({ path: path.join(ui.artifacts, name), animations: 'disabled' });
}

/** Runs the pass's suites in the extension host; resolves with the workbench's exit code. */
async function runSuite(editor: Editor, artifacts: string): Promise<number> {
  const page = await editor.browser.newPage();
  const workbenchLog = fs.createWriteStream(path.join(artifacts, 'suite-workbench.log'));
  try {
    let exitWith: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (exitWith = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exitWith(code));
    // The workbench's log, including the extension host's console (mocha's report) at info
    // level: info goes to the terminal as well, everything to the log file.
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => {
      const text = util.format(...args);
      workbenchLog.write(`${level} ${text}\n`);
      if (level === 'info') console.log(text);
    });
    const remote = (p: string): string => `vscode-remote://${new URL(editor.base).host}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(harnessDir)],
      ['extensionTestsPath', remote(suiteEntry)],
    ]);
    await page.goto(`${editor.base}/?folder=${encodeURIComponent(editor.workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        log(`the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
        resolve(1);
      }, SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    await page.close();
    workbenchLog.end();
  }
}

/** 1-based line and column of `needle` in a fixture file, moved `delta` characters in. */
function locate(workspace: string, file: string, needle: string, delta = 0): { line: number; column: number } {
  const text = fs.readFileSync(path.join(workspace, file), 'utf8');
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, index + delta).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Opens a quick input with `keys` (retried: the keybindings load after the first paint). */
async function quickInput(page: Page, keys: string, value: string): Promise<void> {
  const input = page.locator('.quick-input-box input');
  await poll(`the quick input for ${keys}`, UI_TIMEOUT_MS, async () => {
    await page.keyboard.press(keys);
    return input.isVisible();
  });
  await input.fill(value);
}

async function openFile(page: Page, name: string): Promise<void> {
  await quickInput(page, 'Control+P', name);
  // The focused row, once the list is filtered: before that, a file opened earlier may be
  // listed (as recently opened) while another row has the focus that Enter opens.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Opens a domain file and waits until the extension has given it its language. */
async function openDomainFile(page: Page, name: string): Promise<void> {
  await openFile(page, name);
  await page.locator('#status\\.editor\\.mode', { hasText: LANGUAGE_NAME }).waitFor({ timeout: UI_TIMEOUT_MS });
}

async function goTo(page: Page, at: { line: number; column: number }): Promise<void> {
  await quickInput(page, 'Control+G', `:${at.line}:${at.column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/**
 * Opens a widget with `open` until one of its `rows` is what `wanted` accepts: asked again
 * while this window's language server is still starting (until then a widget offers plain
 * words from the file, or shows no rows at all). The rows' texts.
 */
async function askUntilShown(page: Page, what: string, open: () => Promise<void>, rows: Locator, wanted: (row: string) => boolean): Promise<string[]> {
  let shown: string[] = [];
  await poll(what, UI_TIMEOUT_MS, async () => {
    await page.keyboard.press('Escape');
    await open();
    // Short, and asked again.
    await rows.first().waitFor({ timeout: RETRY_WAIT_MS }).catch(() => undefined);
    shown = await rows.allTextContents();
    return shown.some(wanted);
  }).catch((e: unknown) => {
    throw new Error(`${errorText(e)}; it showed ${shown.join(' | ')}`);
  });
  return shown;
}

/** The hover at the cursor (editor.action.showHover, the keyboard way to a mouse hover), once it shows `wanted`. */
async function hoverAt(ui: Ui, at: { line: number; column: number }, what: string, wanted: (text: string) => boolean): Promise<void> {
  await goTo(ui.page, at);
  const hover = ui.page.locator('.monaco-hover:not(.hidden)');
  await askUntilShown(
    ui.page,
    what,
    async () => {
      await ui.page.keyboard.press('Control+K');
      await ui.page.keyboard.press('Control+I');
    },
    hover,
    wanted,
  );
}

/** Chooses the Ctrl+. menu's row that holds `title` with Enter (a click is blocked by .context-view-pointerBlock). */
async function applyQuickFix(ui: Ui, title: string, screenshot: string): Promise<void> {
  const rows = ui.page.locator('.action-widget .monaco-list-row');
  const shown = await askUntilShown(ui.page, `"${title}" in the Ctrl+. menu`, () => ui.page.keyboard.press('Control+.'), rows, (row) => row.includes(title));
  await shot(ui, screenshot);
  // Enter applies the focused row: move the focus to the fix first.
  const focused = ui.page.locator('.action-widget .monaco-list-row.focused');
  for (let tries = 0; tries < shown.length && !((await focused.textContent()) ?? '').includes(title); tries++) await ui.page.keyboard.press('ArrowDown');
  await ui.page.keyboard.press('Enter');
}

/** The extension's editing features in the workbench (display-language independent). */
async function editorChecks(ui: Ui): Promise<void> {
  const { page, workspace } = ui;
  const opened = await check(ui, 'web01.xml shows the Libvirt Domain XML language', () => openDomainFile(page, 'web01.xml'));
  if (opened) {
    await check(ui, 'Ctrl+Space inside <devices> suggests disk', async () => {
      await goTo(page, locate(workspace, 'web01.xml', '<devices>', '<devices>'.length));
      // .label-name: a row's text also holds its detail ("child of <devices>").
      const labels = page.locator('.suggest-widget .monaco-list-row .label-name');
      await askUntilShown(page, 'disk in the suggest widget', () => page.keyboard.press('Control+Space'), labels, (label) => /^<?disk$/.test(label.trim()));
      await shot(ui, 'completion.png');
      await page.keyboard.press('Escape');
    });
    await check(ui, 'hover on vcpu shows its documentation', async () => {
      await hoverAt(ui, locate(workspace, 'web01.xml', '<vcpu', 2), 'the vcpu hover', (text) => text.includes('cpuset'));
      await shot(ui, 'hover.png');
      await page.keyboard.press('Escape');
    });
  }
  await check(ui, "Go to Symbol (Ctrl+Shift+O) lists db02.xml's devices by the names an admin reads", async () => {
    await openFile(page, 'db02.xml');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await askUntilShown(page, 'disk vda in the symbol list', () => quickInput(page, 'Control+Shift+O', '@disk'), rows, (row) => row.includes('disk vda') && row.includes('db02.qcow2'));
    await shot(ui, 'symbols.png');
    await page.keyboard.press('Escape');
  });
  await check(ui, 'the unclosed <disk> in db01-broken.xml is squiggled', async () => {
    await openFile(page, 'db01-broken.xml');
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(ui, 'diagnostic.png');
  });
  await check(ui, 'Ctrl+. on <interfce> offers "Change to `<interface>`"; Enter renames both tags', async () => {
    const file = path.join(workspace, 'interfce.xml');
    const wanted = fs.readFileSync(file, 'utf8').replace('<interfce', '<interface').replace('</interfce>', '</interface>');
    await openFile(page, 'interfce.xml');
    await goTo(page, locate(workspace, 'interfce.xml', '<interfce', 3));
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await applyQuickFix(ui, 'Change to `<interface>`', 'quick-fix.png');
    await page.keyboard.press('Control+S');
    await poll('interfce.xml saved with both tags renamed', UI_TIMEOUT_MS, async () => fs.readFileSync(file, 'utf8') === wanted);
  });
}

/** Markdown as the workbench renders it to text: no code ticks, emphasis or link targets. */
/** The Libvirt view against libvirt's test driver (the settings name test:///default): its domain listed with its state, and opened by a click. */
async function libvirtViewChecks(ui: Ui): Promise<void> {
  const { page } = ui;
  await check(ui, "the Libvirt view lists test:///default's running domain test, and a click opens its definition", async () => {
    await quickInput(page, 'Control+Shift+P', '>Focus on Libvirt View');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Focus on Libvirt View' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /libvirt/i }) });
    await view.locator('.monaco-list-row', { hasText: 'test:///default' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const domain = view.locator('.monaco-list-row', { hasText: 'running' }).filter({ hasText: /^\s*test\b/ });
    await domain.waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(ui, 'libvirt-view.png');
    await domain.click();
    await page.locator('.tab.active[data-resource-name="test.xml"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('#status\\.editor\\.mode', { hasText: LANGUAGE_NAME }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.view-lines', { hasText: '<name>test</name>' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(ui, 'libvirt-live-definition.png');
  });
}

function renderedText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
}

/** The first sentence of an element's docs in `language`, as the hover shows it. */
function docsSentence(language: Language, key: string): string {
  const docs = loadDocsData(path.join(repoRoot, 'schemas', 'docs'), language, log);
  const markdown = docs?.entries[key]?.markdown;
  if (!markdown) throw new Error(`no ${language} docs for ${key}`);
  const sentence = /^.+?(?:。|\.(?=\s|$))/su.exec(markdown)?.[0] ?? markdown;
  return renderedText(sentence);
}

/** A setting's description as package.nls[.LOCALE].json gives it to the Settings UI. */
function settingDescription(locale: string | undefined, key: string): string {
  const file = path.join(repoRoot, locale ? `package.nls.${locale}.json` : 'package.nls.json');
  const nls = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  const text = nls[key];
  if (!text) throw new Error(`${path.basename(file)} has no ${key}`);
  return renderedText(text);
}

/** vscode.l10n.t as the extension host does it for `locale`: the client's bundle (l10n/), else the English. */
function l10nTranslate(locale: string | undefined): Translate {
  const file = locale && path.join(repoRoot, 'l10n', `bundle.l10n.${locale}.json`);
  const bundle = file && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  return (message, ...args) => inEnglish(bundle[message] ?? message, ...args);
}

/** What the extension says in the pass's display language: docs, a diagnostic and its fix, settings. */
async function languageChecks(ui: Ui): Promise<void> {
  const { page, workspace, pass } = ui;
  const sentence = docsSentence(pass.language, 'domain/devices/interface');
  await check(ui, `hover on <interface> shows its ${pass.language} docs: "${sentence}"`, async () => {
    await openDomainFile(page, 'web01.xml');
    await hoverAt(ui, locate(workspace, 'web01.xml', '<interface', 2), 'the interface hover', (text) => text.includes(sentence));
    await shot(ui, 'hover-interface.png');
    await page.keyboard.press('Escape');
  });

  // The client's own words (vscode.l10n): the language status item for the bundled schema.
  const translate = l10nTranslate(pass.locale);
  const { libvirt } = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'libvirt-domain.json'), 'utf8')) as { source: { libvirt: string } }).source;
  const schemaText = schemaStatusText({ description: '', libvirt, location: 'bundled' }, translate).text;
  const settingsLink = translate('Settings');
  await check(ui, `the language status ({} in the status bar) says "${schemaText}" with a "${settingsLink}" link`, async () => {
    await openDomainFile(page, 'web01.xml');
    const items = page.locator('.hover-language-status');
    await askUntilShown(page, 'the schema in the language status', () => page.locator('#status\\.languageStatus').click(), items, (item) => item.includes(schemaText) && item.includes(settingsLink));
    await shot(ui, 'language-status.png');
    await page.keyboard.press('Escape');
  });

  // The words the server has for `4-1`, from the checker and the catalogue themselves.
  const reversed = checkSet('4-1').find((f) => f.code === 'cpuset-reversed-range');
  if (!reversed?.words || !reversed.fix) throw new Error('checkSet has no reversed-range finding with words and a fix for 4-1');
  const message = render(reversed.words, pass.language);
  const fixTitle = render(reversed.fix.titleWords, pass.language);
  await check(ui, `typing cpuset='4-1' shows "${message}"; Ctrl+. offers "${fixTitle}"`, async () => {
    await openDomainFile(page, 'web01.xml');
    // Select the value of <vcpupin vcpu='0' cpuset='0'/> and type over it.
    const value = locate(workspace, 'web01.xml', "cpuset='0'", "cpuset='".length);
    await goTo(page, value);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('4-1');
    await page.locator('.view-line', { hasText: "cpuset='4-1'" }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await hoverAt(ui, value, 'the diagnostic in the hover', (text) => text.includes(message));
    await shot(ui, 'cpuset-diagnostic.png');
    await page.keyboard.press('Escape');
    await applyQuickFix(ui, fixTitle, 'cpuset-quick-fix.png');
    await page.locator('.view-line', { hasText: "cpuset='1-4'" }).waitFor({ timeout: UI_TIMEOUT_MS });
  });

  const description = settingDescription(pass.locale, 'config.language.description');
  await check(ui, `Settings: searching libvirtXml shows libvirtXml.language as "${description}"`, async () => {
    await page.keyboard.press('Escape');
    // Ctrl+, opens the Settings editor with its search box focused.
    const search = page.locator('.settings-editor .search-container');
    await poll('the Settings editor', UI_TIMEOUT_MS, async () => {
      await page.keyboard.press('Control+Comma');
      return search.isVisible();
    });
    await page.keyboard.type('libvirtXml');
    const setting = page.locator('.settings-editor .setting-item-contents[data-key="libvirtXml.language"] .setting-item-description');
    await setting.waitFor({ timeout: UI_TIMEOUT_MS });
    await poll(`the description "${description}"`, UI_TIMEOUT_MS, async () => ((await setting.textContent()) ?? '').trim() === description).catch(async (e: unknown) => {
      throw new Error(`${errorText(e)}; it shows "${await setting.textContent()}"`);
    });
    // Every libvirtXml setting on the screen is described in the same language as that one.
    const descriptions = await page.locator('.settings-editor .setting-item-contents[data-key^="libvirtXml."] .setting-item-description').allTextContents();
    const han = /\p{Script=Han}/u;
    const odd = descriptions.filter((d) => han.test(d) !== han.test(description));
    if (odd.length > 0) throw new Error(`descriptions in another language: ${odd.join(' | ')}`);
    await shot(ui, 'settings.png');
  });
}

interface PassResult {
  passed: number;
  failed: number;
  ok: boolean;
}

/** The language pack test/e2e/language-packs/LOCALE packed into a .vsix in `dir`. */
function packLanguagePack(locale: string, dir: string): string {
  const source = path.join(repoRoot, 'test', 'e2e', 'language-packs', locale);
  const vsix = path.join(dir, `language-pack-${locale}.vsix`);
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const packed = cp.spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: source, encoding: 'utf8', timeout: 60_000 });
  if (packed.status !== 0) throw new Error(`vsce package ${source} failed (${packed.status ?? packed.signal}):\n${packed.stdout}${packed.stderr}`);
  return vsix;
}

/**
 * Lists the installed language pack for `locale` in languagepacks.json, as the running server's
 * language-pack service does on an install from the Extensions view (see the header).
 */
function recordLanguagePack(locale: string, userData: string, extensions: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'e2e', 'language-packs', locale, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = (JSON.parse(fs.readFileSync(path.join(extensions, 'extensions.json'), 'utf8')) as { identifier: { id: string }; relativeLocation: string }[]).find(
    (e) => e.identifier.id.toLowerCase() === id.toLowerCase(),
  );
  if (!installed) throw new Error(`${id} is not in ${extensions}/extensions.json after its install`);
  const packs = {
    [locale]: {
      // The service's hash of the pack's extensions; it names the folder of the translations cache.
      hash: crypto.createHash('md5').update(id).update(manifest.version).digest('hex'),
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: path.join(extensions, installed.relativeLocation, 'translations', 'main.i18n.json') },
      label: locale,
    },
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(packs));
}

/** Installs the .vsix files with one code-server command (each start of it costs seconds). */
function install(bin: string, profile: string[], env: NodeJS.ProcessEnv, vsixes: string[]): void {
  log(`installing ${vsixes.map((v) => path.basename(v)).join(', ')}`);
  const done = cp.spawnSync(bin, [...profile, ...vsixes.flatMap((v) => ['--install-extension', v])], { env, encoding: 'utf8', timeout: 120_000 });
  const installed = done.stdout.match(/successfully installed/gi)?.length ?? 0;
  if (done.status !== 0 || installed !== vsixes.length) {
    throw new Error(`code-server --install-extension failed (${done.status ?? done.signal}, ${installed} of ${vsixes.length} installed):\n${done.stdout}${done.stderr}`);
  }
}

/** One pass in a code-server of its own; what it starts is in `cleanups`, ended by the caller. */
async function runPass(pass: Pass, shared: { bin: string; vsix: string; browser: Browser }, cleanups: Cleanups): Promise<PassResult> {
  const artifacts = path.join(artifactsDir, pass.name);
  fs.mkdirSync(artifacts, { recursive: true });
  const scratch = makeScratch();
  cleanups.add(async () => fs.rmSync(scratch.dir, { recursive: true, force: true }));
  const dir = (name: string): string => {
    const d = path.join(scratch.dir, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const userData = dir('user-data');
  const extensions = dir('extensions');
  const env = {
    ...process.env,
    TMPDIR: dir('tmp'),
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    // Inherited by the extension host, where the suite writes its counts and reads its files.
    LIBVIRT_XML_E2E_RESULTS: scratch.resultsFile,
    LIBVIRT_XML_E2E_SUITES: pass.suites.join(','),
  };
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'chat.commandCenter.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      // The Libvirt view and live definitions run against libvirt's test driver.
      'libvirtXml.connections': ['test:///default'],
    }),
  );
  const profile = ['--user-data-dir', userData, '--extensions-dir', extensions];
  install(shared.bin, profile, env, pass.locale ? [shared.vsix, packLanguagePack(pass.locale, scratch.dir)] : [shared.vsix]);
  if (pass.locale) recordLanguagePack(pass.locale, userData, extensions);

  const port = await freePort();
  const config = path.join(scratch.dir, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const serverLogName = path.join(path.relative(repoRoot, artifacts), 'code-server.log');
  const serverLog = fs.openSync(path.join(repoRoot, serverLogName), 'w');
  const locale = pass.locale ? ['--locale', pass.locale] : [];
  const server = cp.spawn(
    shared.bin,
    ['--config', config, ...profile, ...locale, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', scratch.workspace],
    { env, detached: true, stdio: ['ignore', serverLog, serverLog] },
  );
  fs.closeSync(serverLog);
  const pid = server.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  cleanups.add(() => killGroup(pid));
  let exited: string | undefined;
  server.once('exit', (code, signal) => (exited = `code-server exited (${code ?? signal}), see ${serverLogName}`));

  const base = `http://127.0.0.1:${port}`;
  await poll('code-server /healthz', 30_000, async () => {
    if (exited) throw new Error(exited);
    return fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  });
  log(`[${pass.name}] code-server ${base} (pid ${pid})${pass.locale ? ` --locale ${pass.locale}` : ''}`);
  const editor: Editor = { base, workspace: scratch.workspace, browser: shared.browser };

  let suiteOk = true;
  let passed = 0;
  let failed = 0;
  if (pass.suites.length > 0) {
    const started = Date.now();
    const suiteExit = await runSuite(editor, artifacts);
    const reported = readResults(scratch.resultsFile);
    if (!reported) log(`[${pass.name}] the suite reported no results: it did not run to the end (see ${path.relative(repoRoot, artifacts)}/suite-workbench.log)`);
    const results = reported ?? { passed: 0, failed: 1 };
    log(`[${pass.name}] suite in the extension host: exit ${suiteExit}, ${results.passed} passed, ${results.failed} failed (${Date.now() - started} ms)`);
    suiteOk = suiteExit === 0;
    passed += results.passed;
    failed += results.failed;
  }

  const page = await shared.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const ui: Ui = { pass, page, workspace: scratch.workspace, artifacts, passed: 0, failures: [] };
  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(scratch.workspace)}`);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: UI_TIMEOUT_MS });
    await pass.dom(ui);
  } finally {
    await page.close();
  }
  passed += ui.passed;
  failed += ui.failures.length;
  return { passed, failed, ok: suiteOk && failed === 0 };
}

/** Every suite file is in exactly one pass, so a new one is not silently left out. */
function checkSuitesAssigned(passes: readonly Pass[]): void {
  const suiteDir = path.dirname(suiteEntry);
  const files = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.e2e.js')).map((f) => f.slice(0, -'.e2e.js'.length));
  const assigned = PASSES.flatMap((p) => p.suites);
  const missing = files.filter((f) => !assigned.includes(f));
  if (missing.length > 0) throw new Error(`suite ${missing.join(', ')} is in no pass: add it to PASSES in test/e2e/runCodeServer.ts`);
  const unknown = passes.flatMap((p) => p.suites).filter((s) => !files.includes(s));
  if (unknown.length > 0) throw new Error(`no ${unknown.map((s) => `${s}.e2e.js`).join(', ')} in ${suiteDir}`);
}

async function main(cleanups: Cleanups): Promise<boolean> {
  const only = option('--pass');
  const passes = only ? PASSES.filter((p) => p.name === only) : PASSES;
  if (passes.length === 0) throw new Error(`--pass ${only}: the passes are ${PASSES.map((p) => p.name).join(', ')}`);
  checkSuitesAssigned(passes);
  const vsix = findVsix();
  const bin = codeServerBin();
  // Only this run's screenshots and logs: a stale hover.png must not pass for a new one.
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });

  const browserScratch = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-e2e-chromium-'));
  cleanups.add(async () => fs.rmSync(browserScratch, { recursive: true, force: true }));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Chromium's crash reporter writes under XDG_CONFIG_HOME: keep that in a scratch dir too.
    env: { ...process.env, XDG_CONFIG_HOME: browserScratch, XDG_CACHE_HOME: browserScratch },
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Our own signal handlers end code-server too, not only the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.add(() => browser.close());

  let passed = 0;
  let failed = 0;
  let ok = true;
  for (const pass of passes) {
    const started = Date.now();
    const depth = cleanups.depth;
    try {
      const result = await runPass(pass, { bin, vsix, browser }, cleanups);
      passed += result.passed;
      failed += result.failed;
      ok &&= result.ok;
      log(`[${pass.name}] ${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      log(`FAIL [${pass.name}]: ${errorText(e)}`);
      failed++;
      ok = false;
    } finally {
      // This pass's code-server and scratch dir go before the next one starts.
      await cleanups.runDownTo(depth);
    }
  }

  const readmeShot = path.join(artifactsDir, 'en', 'hover.png');
  if (process.argv.includes('--update-screenshot') && fs.existsSync(readmeShot)) {
    fs.mkdirSync(path.join(repoRoot, 'docs'), { recursive: true });
    fs.copyFileSync(readmeShot, path.join(repoRoot, 'docs', 'screenshot.png'));
    log('updated docs/screenshot.png');
  }

  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return ok && failed === 0;
}

const cleanups = new Cleanups();
let finishing: Promise<void> | undefined;

/** Runs every cleanup once, then exits; later callers share the first call. */
function finish(code: number): Promise<void> {
  finishing ??= cleanups.runDownTo(0).then(() => process.exit(code));
  return finishing;
}

const passCount = option('--pass') ? 1 : PASSES.length;
setTimeout(() => {
  log(`FAIL: no result within ${(PASS_TIMEOUT_MS * passCount) / 1000} s`);
  void finish(1);
}, PASS_TIMEOUT_MS * passCount);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => void finish(1));
}
main(cleanups).then(
  (ok) => finish(ok ? 0 : 1),
  (e: unknown) => {
    log(`FAIL: ${errorText(e)}`);
    return finish(1);
  },
);
