/** Reads the shipped docs data; a missing or broken file costs hover text, never the server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocsData, ElementDocs } from './elementDocs';

export function loadElementDocs(directory: string, log: (message: string) => void): ElementDocs {
  const data: DocsData[] = [];
  for (const language of ['en', 'zh']) {
    const file = path.join(directory, `${language}.json`);
    try {
      data.push(JSON.parse(fs.readFileSync(file, 'utf8')) as DocsData);
    } catch (error) {
      log(`Hover docs ${file} could not be read: ${String(error)}`);
    }
  }
  return new ElementDocs(data);
}
