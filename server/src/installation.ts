/**
 * Where the bundles are installed: dist/ holds them, the package (package.json, schemas/) is one
 * level up. The CLI and the server command read their version here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const INSTALL_DIRECTORY = path.resolve(__dirname, '..');
export const PACKAGE_JSON = path.join(INSTALL_DIRECTORY, 'package.json');

/** The package's version, or undefined when package.json cannot be read. */
export function packageVersion(): string | undefined {
  try {
    const { version } = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
