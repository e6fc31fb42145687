/**
 * Where the bundles are installed: dist/ holds them, the package (package.json, schemas/) is one
 * level up. The CLI and the server command read their version here.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const INSTALL_DIRECTORY = resolve(__dirname, '..');
export const PACKAGE_JSON = join(INSTALL_DIRECTORY, 'package.json');

/** The package's version, or undefined when package.json cannot be read. */
export function packageVersion(): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
