/**
 * The invariants ARCHITECTURE.md states, checked on the import graph of client/src and
 * server/src: a test fails when an import breaks one.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Import {
  from: string;
  /** A repository-relative path for our own modules (without .ts), else the package name. */
  to: string;
}

function sourcesUnder(directory: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, directory), { withFileTypes: true })) {
    const relative = `${directory}/${entry.name}`;
    if (entry.isDirectory()) found.push(...sourcesUnder(relative));
    else if (entry.name.endsWith('.ts')) found.push(relative);
  }
  return found;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const imports: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    const to = specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.(ts|json)$/, '') : specifier;
    imports.push({ from: file, to });
  }
  return imports;
}

const IMPORTS = [...sourcesUnder('server/src'), ...sourcesUnder('client/src')].flatMap(importsOf);
const ours = (i: Import) => i.to.startsWith('server/') || i.to.startsWith('client/') || i.to.startsWith('schemas/');
const within = (folder: string) => (i: Import) => i.from.startsWith(`${folder}/`);
const broken = (imports: Import[]) => imports.map((i) => `${i.from} imports ${i.to}`);

test('the import graph was read', () => {
  assert.ok(IMPORTS.length > 100 && IMPORTS.some((i) => i.to === 'server/src/parser/nodes'), `${IMPORTS.length} imports`);
});

test('parser/ imports nothing of ours outside parser/', () => {
  assert.deepEqual(broken(IMPORTS.filter(within('server/src/parser')).filter((i) => ours(i) && !i.to.startsWith('server/src/parser/'))), []);
});

test('messages/ imports nothing of ours outside messages/', () => {
  assert.deepEqual(broken(IMPORTS.filter(within('server/src/messages')).filter((i) => ours(i) && !i.to.startsWith('server/src/messages/'))), []);
});

test('the schema engine never imports features, rules, docs, the CLI or the server', () => {
  const above = /^server\/src\/(features|rules|docs|cli)\/|^server\/src\/server$/;
  assert.deepEqual(broken(IMPORTS.filter(within('server/src/schema')).filter((i) => above.test(i.to))), []);
});

test("libvirt's rules sit below the features: rules/ imports neither features, the CLI nor the server", () => {
  const above = /^server\/src\/(features|cli)\/|^server\/src\/server$/;
  assert.deepEqual(broken(IMPORTS.filter(within('server/src/rules')).filter((i) => above.test(i.to))), []);
});

test('only the server entry and its writer to stdio know LSP', () => {
  const lsp = IMPORTS.filter((i) => i.from.startsWith('server/') && /^vscode-languageserver|^vscode$/.test(i.to));
  assert.deepEqual([...new Set(lsp.map((i) => i.from))].sort(), ['server/src/directMessageWriter.ts', 'server/src/server.ts']);
});

test('features and rules talk in offsets: they use no LSP types and no line/column index', () => {
  const lineBased = (i: Import) => /^vscode-languageserver|^vscode$/.test(i.to) || i.to === 'server/src/parser/lineIndex';
  assert.deepEqual(broken(IMPORTS.filter((i) => (within('server/src/features')(i) || within('server/src/rules')(i)) && lineBased(i))), []);
});

test("the client imports nothing of the server's but the protocol module and virsh", () => {
  const shared = new Set(['server/src/protocol', 'server/src/libvirt/virsh']);
  assert.deepEqual(broken(IMPORTS.filter(within('client/src')).filter((i) => i.to.startsWith('server/') && !shared.has(i.to))), []);
});

test('libvirt/ reads libvirt with the parser and says so in words: it imports nothing else of ours', () => {
  const allowed = /^server\/src\/(libvirt|parser|messages)\//;
  assert.deepEqual(broken(IMPORTS.filter(within('server/src/libvirt')).filter((i) => ours(i) && !allowed.test(i.to))), []);
});
