import * as fs from 'node:fs';
import * as path from 'node:path';

/** ../shared beside the repository (absent on machines without it: tests then skip). */
export const SHARED = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared');

/** The .xml files under `directory`, recursively, sorted. */
export function xmlFilesUnder(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.xml'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}
