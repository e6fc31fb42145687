// What both e2e runners share: where things are, which .vsix to test, a fresh workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SuiteResults } from './suite/index';

/** The repository root (this file runs from out/test/e2e/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Development "extension" with only a package.json, so the real one comes from the .vsix. */
export const harnessDir = path.join(repoRoot, 'test', 'e2e', 'harness');
export const suiteEntry = path.join(__dirname, 'suite', 'index.js');
export const fixtureWorkspace = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace');
export const artifactsDir = path.join(repoRoot, 'test', 'e2e', 'artifacts');

export function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The .vsix named with --vsix, else the newest *.vsix at the repository root. */
export function findVsix(): string {
  const given = option('--vsix');
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`--vsix ${given}: no such file`);
    return path.resolve(given);
  }
  const candidates = fs
    .readdirSync(repoRoot)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(repoRoot, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (candidates.length === 0) throw new Error(`no .vsix in ${repoRoot}: run npm start first, or pass --vsix FILE`);
  return candidates[0];
}

/** A scratch directory holding a copy of the fixture workspace and the editor's profile. */
export function makeScratch(): { dir: string; workspace: string; resultsFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-e2e-'));
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  return { dir, workspace, resultsFile: path.join(dir, 'suite-results.json') };
}

export function readResults(file: string): SuiteResults | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults) : undefined;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
