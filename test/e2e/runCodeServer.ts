// Runner B: the e2e suite in code-server 4.99.4 (VS Code 1.99.3, server + web workbench) driven
// by headless Debian chromium, for machines where desktop VS Code cannot be downloaded.
// It runs PASSES one after another, each in a code-server of its own (own profile, own copy of
// the fixture workspace, own port, ended with its process group when the pass is over):
//  1. installs the .vsix into a fresh extensions dir and starts code-server on a free loopback
//     port in its own process group;
//  2. runs the pass's mocha suites inside the extension host (the payload URL @vscode/test-web
//     uses);
//  3. a DOM pass in the same editor, as a user sees it, with screenshots in
//     test/e2e/artifacts/PASS/.
// Usage: node out/test/e2e/runCodeServer.js [--vsix FILE] [--pass NAME] [--update-screenshot]
// Needs scripts/install-e2e.sh to have run.
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { artifactsDir, errorText, findVsix, harnessDir, makeScratch, option, readResults, repoRoot, suiteEntry } from './common';

/** One pass: the longest the suite may take, its workbench loads and the DOM checks. */
const PASS_TIMEOUT_MS = 4 * 60_000;
const SUITE_TIMEOUT_MS = 3 * 60_000;
const UI_TIMEOUT_MS = 30_000;
/** How long one try waits for a widget to fill before asking again. */
const RETRY_WAIT_MS = 3_000;
const CHROMIUM = '/usr/bin/chromium';
const LANGUAGE_NAME = 'Libvirt Domain XML';

/** One code-server run and what is checked in it. */
interface Pass {
  /** Names the pass in the log and its artifacts folder (test/e2e/artifacts/NAME/). */
  name: string;
  /** The suites (test/e2e/suite/NAME.e2e.ts) run in the extension host; each is in one pass. */
  suites: string[];
  /** What a user sees in the workbench. */
  dom: (ui: Ui) => Promise<void>;
}

const PASSES: Pass[] = [{ name: 'en', suites: ['editor'], dom: editorChecks }];

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

/** The extension's editing features in the workbench. */
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

interface PassResult {
  passed: number;
  failed: number;
  ok: boolean;
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
    }),
  );
  const profile = ['--user-data-dir', userData, '--extensions-dir', extensions];
  install(shared.bin, profile, env, [shared.vsix]);

  const port = await freePort();
  const config = path.join(scratch.dir, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const serverLogName = path.join(path.relative(repoRoot, artifacts), 'code-server.log');
  const serverLog = fs.openSync(path.join(repoRoot, serverLogName), 'w');
  const server = cp.spawn(
    shared.bin,
    ['--config', config, ...profile, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', scratch.workspace],
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
  log(`[${pass.name}] code-server ${base} (pid ${pid})`);
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
