// Runner A: the e2e suite in desktop VS Code via @vscode/test-electron. It downloads VS Code,
// so it needs internet access; where there is none, use runCodeServer (npm run test:e2e).
// Usage: node out/test/e2e/runElectron.js [--vsix FILE]
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { errorText, findVsix, harnessDir, makeScratch, readResults, suiteEntry } from './common';

// The same VS Code as code-server 4.99.4 and the lowest that engines.vscode accepts.
const VSCODE_VERSION = '1.99.3';

async function main(): Promise<number> {
  const vsix = findVsix();
  let executable: string;
  try {
    executable = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: 30_000 });
  } catch (e) {
    console.error(
      `e2e (electron): cannot download VS Code ${VSCODE_VERSION}: ${errorText(e)}\n` +
        'This runner needs internet access (update.code.visualstudio.com). Without it, run `npm run test:e2e` (code-server).',
    );
    return 1;
  }

  const scratch = makeScratch();
  try {
    return await runInstalled(executable, vsix, scratch);
  } finally {
    fs.rmSync(scratch.dir, { recursive: true, force: true });
  }
}

async function runInstalled(executable: string, vsix: string, scratch: ReturnType<typeof makeScratch>): Promise<number> {
  // A profile of our own, so the only libvirt-xml extension present is the one from the .vsix.
  const profile = [`--extensions-dir=${path.join(scratch.dir, 'extensions')}`, `--user-data-dir=${path.join(scratch.dir, 'user-data')}`];
  const [cli] = resolveCliArgsFromVSCodeExecutablePath(executable, { reuseMachineInstall: true });
  const install = cp.spawnSync(cli, [...profile, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) {
    console.error(`e2e (electron): installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
    return 1;
  }

  let exitCode: number;
  try {
    exitCode = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: harnessDir,
      extensionTestsPath: suiteEntry,
      extensionTestsEnv: { LIBVIRT_XML_E2E_RESULTS: scratch.resultsFile },
      launchArgs: [scratch.workspace, ...profile],
    });
  } catch (e) {
    console.error(`e2e (electron): ${errorText(e)}`);
    exitCode = 1;
  }
  const results = readResults(scratch.resultsFile);
  console.log(results ? `e2e: ${results.passed} passed, ${results.failed} failed` : 'e2e: the suite did not report (see above)');
  return results && results.failed === 0 ? exitCode : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e (electron): ${errorText(e)}`);
    process.exit(1);
  },
);
