// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every
// *.e2e.js next to it with mocha. The files are not named *.test.js so that `node --test`
// over out/test never picks them up: they need the vscode module.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: number;
  failed: number;
}

/** The suites to run: the base names the runner's pass lists (LIBVIRT_XML_E2E_SUITES), or all. */
function selected(file: string): boolean {
  const names = process.env.LIBVIRT_XML_E2E_SUITES?.split(',').filter(Boolean);
  return !names || names.includes(file.slice(0, -'.e2e.js'.length));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js') && selected(f)).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The runners cannot see mocha's counters (the exit code is all VS Code passes on),
      // so the counts go to a file they name in the environment.
      const resultsFile = process.env.LIBVIRT_XML_E2E_RESULTS;
      if (resultsFile) {
        const results: SuiteResults = { passed: runner.stats?.passes ?? 0, failed: failures };
        fs.writeFileSync(resultsFile, JSON.stringify(results));
      }
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
