// Loads the grammar into vscode-textmate with vscode-oniguruma, as VS Code does, and lists
// documents to run it over: for the grammar tests and the benchmark.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const tm = require('vscode-textmate');
const onig = require('vscode-oniguruma');
const grammarPath = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'syntaxes/libvirt-xml.tmLanguage.json');

export async function loadGrammar() {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'text.xml.libvirt' ? tm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('text.xml.libvirt');
  assert.ok(grammar, 'grammar failed to load');
  return grammar;
}


/** The .xml files under `dir`, recursively, sorted. */
export function xmlFilesUnder(dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? xmlFilesUnder(path) : name.endsWith('.xml') ? [path] : [];
    })
    .sort();
}
