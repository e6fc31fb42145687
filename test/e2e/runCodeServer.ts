// Runner B: the e2e suite in code-server 4.99.4 (VS Code 1.99.3, server + web workbench) driven
// by headless Debian chromium, for machines where desktop VS Code cannot be downloaded.
//  1. installs the .vsix into a fresh extensions dir and starts code-server on a free loopback
//     port in its own process group;
//  2. runs the mocha suite inside the extension host (the payload URL @vscode/test-web uses);
//  3. a DOM pass in the same editor, as a user sees it: language in the status bar, the suggest
//     widget, a hover, an error squiggle and a quick fix chosen with Ctrl+. and Enter, with
//     screenshots in test/e2e/artifacts/.
// Usage: node out/test/e2e/runCodeServer.js [--vsix FILE] [--update-screenshot]
// Needs scripts/install-e2e.sh to have run.
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { artifactsDir, errorText, findVsix, harnessDir, makeScratch, readResults, repoRoot, suiteEntry } from './common';

const TOTAL_TIMEOUT_MS = 5 * 60_000;
const SUITE_TIMEOUT_MS = 3 * 60_000;
const UI_TIMEOUT_MS = 30_000;
/** How long one try waits for a widget to fill before asking again. */
const RETRY_WAIT_MS = 3_000;
const CHROMIUM = '/usr/bin/chromium';
const LANGUAGE_NAME = 'Libvirt Domain XML';

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

/** Pass/fail bookkeeping for the DOM checks; a failed check leaves a screenshot behind. */
class Checks {
  readonly failures: string[] = [];
  passed = 0;

  async run(page: Page, name: string, body: () => Promise<void>): Promise<boolean> {
    const started = Date.now();
    try {
      await body();
      this.passed++;
      log(`ok   ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (e) {
      this.failures.push(name);
      log(`FAIL ${name}: ${errorText(e)}`);
      await page.screenshot({ path: path.join(artifactsDir, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      return false;
    }
  }
}

interface Editor {
  base: string;
  workspace: string;
  browser: Browser;
}

/** Runs the mocha suite in the extension host; resolves with the workbench's exit code. */
async function runSuite(editor: Editor): Promise<number> {
  const page = await editor.browser.newPage();
  const workbenchLog = fs.createWriteStream(path.join(artifactsDir, 'suite-workbench.log'));
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

/** The user's view: what the extension shows in the workbench. */
async function domPass(editor: Editor, checks: Checks): Promise<string | undefined> {
  const page = await editor.browser.newPage({ viewport: { width: 1280, height: 720 } });
  // animations 'disabled' fast-forwards the hover's fade-in, so it is captured fully drawn.
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(artifactsDir, name), animations: 'disabled' });
  let readmeShot: string | undefined;
  try {
    await page.goto(`${editor.base}/?folder=${encodeURIComponent(editor.workspace)}`);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: UI_TIMEOUT_MS });

    const opened = await checks.run(page, 'web01.xml shows the Libvirt Domain XML language', async () => {
      await openFile(page, 'web01.xml');
      await page.locator('#status\\.editor\\.mode', { hasText: LANGUAGE_NAME }).waitFor({ timeout: UI_TIMEOUT_MS });
    });
    if (opened) {
      await checks.run(page, 'Ctrl+Space inside <devices> suggests disk', async () => {
        await goTo(page, locate(editor.workspace, 'web01.xml', '<devices>', '<devices>'.length));
        // .label-name: a row's text also holds its detail ("child of <devices>").
        const labels = page.locator('.suggest-widget .monaco-list-row .label-name');
        await askUntilShown(page, 'disk in the suggest widget', () => page.keyboard.press('Control+Space'), labels, (label) => /^<?disk$/.test(label.trim()));
        await shot('completion.png');
        await page.keyboard.press('Escape');
      });
      await checks.run(page, 'hover on vcpu shows its documentation', async () => {
        await goTo(page, locate(editor.workspace, 'web01.xml', '<vcpu', 2));
        // editor.action.showHover: the keyboard way to what a mouse hover shows.
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        await page.locator('.monaco-hover:not(.hidden)', { hasText: 'cpuset' }).waitFor({ timeout: UI_TIMEOUT_MS });
        await shot('hover.png');
        readmeShot = path.join(artifactsDir, 'hover.png');
        await page.keyboard.press('Escape');
      });
    }
    await checks.run(page, "Go to Symbol (Ctrl+Shift+O) lists db02.xml's devices by the names an admin reads", async () => {
      await openFile(page, 'db02.xml');
      const rows = page.locator('.quick-input-list .monaco-list-row');
      await askUntilShown(page, 'disk vda in the symbol list', () => quickInput(page, 'Control+Shift+O', '@disk'), rows, (row) => row.includes('disk vda') && row.includes('db02.qcow2'));
      await shot('symbols.png');
      await page.keyboard.press('Escape');
    });
    await checks.run(page, 'the unclosed <disk> in db01-broken.xml is squiggled', async () => {
      await openFile(page, 'db01-broken.xml');
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT_MS });
      await shot('diagnostic.png');
    });
    await checks.run(page, 'Ctrl+. on <interfce> offers "Change to `<interface>`"; Enter renames both tags', async () => {
      const file = path.join(editor.workspace, 'interfce.xml');
      const wanted = fs.readFileSync(file, 'utf8').replace('<interfce', '<interface').replace('</interfce>', '</interface>');
      await openFile(page, 'interfce.xml');
      await goTo(page, locate(editor.workspace, 'interfce.xml', '<interfce', 3));
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT_MS });
      const rows = page.locator('.action-widget .monaco-list-row');
      const shown = await askUntilShown(page, 'the fix in the Ctrl+. menu', () => page.keyboard.press('Control+.'), rows, (row) => row.includes('Change to `<interface>`'));
      await shot('quick-fix.png');
      // Enter applies the focused row: move the focus to the fix first.
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      for (let tries = 0; tries < shown.length && !((await focused.textContent()) ?? '').includes('Change to `<interface>`'); tries++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+S');
      await poll('interfce.xml saved with both tags renamed', UI_TIMEOUT_MS, async () => fs.readFileSync(file, 'utf8') === wanted);
    });
  } finally {
    await page.close();
  }
  return readmeShot;
}

async function main(cleanups: (() => Promise<void>)[]): Promise<boolean> {
  const vsix = findVsix();
  const bin = codeServerBin();
  // Only this run's screenshots and logs: a stale hover.png must not pass for a new one.
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  const scratch = makeScratch();
  cleanups.push(async () => fs.rmSync(scratch.dir, { recursive: true, force: true }));
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
    // Inherited by the extension host, where the suite writes its counts.
    LIBVIRT_XML_E2E_RESULTS: scratch.resultsFile,
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

  log(`installing ${path.relative(repoRoot, vsix) || vsix}`);
  const install = cp.spawnSync(bin, [...profile, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout)) {
    throw new Error(`code-server --install-extension failed (${install.status ?? install.signal}):\n${install.stdout}${install.stderr}`);
  }

  const port = await freePort();
  const config = path.join(scratch.dir, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const serverLog = fs.openSync(path.join(artifactsDir, 'code-server.log'), 'w');
  const server = cp.spawn(
    bin,
    ['--config', config, ...profile, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', scratch.workspace],
    { env, detached: true, stdio: ['ignore', serverLog, serverLog] },
  );
  fs.closeSync(serverLog);
  const pid = server.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  cleanups.push(() => killGroup(pid));
  let exited: string | undefined;
  server.once('exit', (code, signal) => (exited = `code-server exited (${code ?? signal}), see test/e2e/artifacts/code-server.log`));

  const base = `http://127.0.0.1:${port}`;
  await poll('code-server /healthz', 30_000, async () => {
    if (exited) throw new Error(exited);
    return fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  });
  log(`code-server ${base} (pid ${pid})`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Chromium's crash reporter writes under XDG_CONFIG_HOME: keep that in the scratch dir too.
    env,
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Our own signal handlers end code-server too, not only the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => browser.close());
  const editor: Editor = { base, workspace: scratch.workspace, browser };

  const started = Date.now();
  const suiteExit = await runSuite(editor);
  const reported = readResults(scratch.resultsFile);
  if (!reported) log('the suite reported no results: it did not run to the end (see test/e2e/artifacts/suite-workbench.log)');
  const results = reported ?? { passed: 0, failed: 1 };
  log(`suite in the extension host: exit ${suiteExit}, ${results.passed} passed, ${results.failed} failed (${Date.now() - started} ms)`);

  const checks = new Checks();
  const readmeShot = await domPass(editor, checks);
  if (readmeShot && process.argv.includes('--update-screenshot')) {
    fs.mkdirSync(path.join(repoRoot, 'docs'), { recursive: true });
    fs.copyFileSync(readmeShot, path.join(repoRoot, 'docs', 'screenshot.png'));
    log('updated docs/screenshot.png');
  }

  const failed = results.failed + checks.failures.length;
  console.log(`e2e: ${results.passed + checks.passed} passed, ${failed} failed`);
  return suiteExit === 0 && failed === 0;
}

const cleanups: (() => Promise<void>)[] = [];
let finishing: Promise<void> | undefined;

/** Runs every cleanup once, newest first, then exits; later callers share the first call. */
function finish(code: number): Promise<void> {
  finishing ??= (async () => {
    // Drained until empty: main() may still register one while an earlier cleanup awaits.
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
      await cleanup().catch((e: unknown) => log(`cleanup: ${errorText(e)}`));
    }
    process.exit(code);
  })();
  return finishing;
}

setTimeout(() => {
  log(`FAIL: no result within ${TOTAL_TIMEOUT_MS / 1000} s`);
  void finish(1);
}, TOTAL_TIMEOUT_MS);
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
