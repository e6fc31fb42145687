/**
 * The user's own libvirt schema: a directory holding domain.rng (libvirtXml.schema.path, or the
 * system's /usr/share/libvirt/schemas), compiled at start so the editor checks what the user's
 * libvirt checks. Compiling takes a few hundred ms, so the model is cached on disk and reused
 * while every file the compile read still has the same content hash.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileGrammar } from './compileGrammar';
import { compileDatatype, compileValue, isDatatypeError } from './datatypes';
import { GrammarModel, fromModel, toModel } from './model';
import { Grammar, Pattern, subpatterns } from './patterns';
import { Schema } from './schema';
import { SchemaCache, sha256 } from './schemaCache';
import { MAX_SCHEMA_BYTES, SchemaFileReader, readRegularFile } from './schemaFiles';
import { SchemaError, loadUnlessItCrashedBefore, loadUserSchemaInWorker, schemaError } from './userSchemaLoader';
import { Words, words } from '../messages/words';
import { SchemaInUse } from '../protocol';

import { SYSTEM_SCHEMA_DIRECTORY, detectLibvirtVersion } from './libvirtVersion';

export { SYSTEM_SCHEMA_DIRECTORY, detectLibvirtVersion };

export interface SchemaSettings {
  schemaPath: string;
  useSystemSchemas: boolean;
}

/**
 * The directory the settings ask for: undefined for the bundled schema, or an error when the
 * settings ask for something that cannot be used.
 */
export function requestedSchemaDirectory(
  settings: SchemaSettings,
  systemDirectory = SYSTEM_SCHEMA_DIRECTORY,
): { directory: string } | SchemaError | undefined {
  let wanted = settings.schemaPath.trim();
  if (wanted === '~' || wanted.startsWith('~/')) wanted = path.join(os.homedir(), wanted.slice(1));
  if (wanted !== '') {
    if (!path.isAbsolute(wanted)) return schemaError(words('userSchema.pathNotAbsolute', { path: settings.schemaPath }));
    return { directory: path.resolve(wanted) };
  }
  if (!settings.useSystemSchemas) return undefined;
  if (fs.existsSync(path.join(systemDirectory, 'domain.rng'))) return { directory: systemDirectory };
  return schemaError(words('userSchema.noSystemSchemas', { directory: systemDirectory }));
}

export interface SchemaChoice {
  schema: Schema | undefined;
  /** `error` in English; `errorWords` says it in any language. */
  inUse: SchemaInUse;
  errorWords?: Words;
  /** Worth a line in the server's log: what was compiled or loaded, cache trouble. */
  notes: string[];
}

/**
 * The schema the settings ask for, or `bundled` (with the reason) when that cannot be had.
 * `signal` stops the load when its answer is no longer wanted.
 */
export async function chooseSchema(
  settings: SchemaSettings,
  bundled: Schema | undefined,
  cacheDirectory: string,
  systemDirectory = SYSTEM_SCHEMA_DIRECTORY,
  signal?: AbortSignal,
): Promise<SchemaChoice> {
  const fallback = (why?: SchemaError): SchemaChoice => {
    const inUse: SchemaInUse = bundled
      ? { description: bundled.describe(), libvirt: bundled.origin.libvirt, location: bundled.origin.location }
      : { description: 'no schema: well-formedness is checked only', libvirt: 'unknown', location: 'none' };
    if (!why) return { schema: bundled, inUse, notes: [] };
    inUse.error = why.error;
    return { schema: bundled, inUse, errorWords: why.errorWords, notes: [] };
  };
  const requested = requestedSchemaDirectory(settings, systemDirectory);
  if (!requested) return fallback();
  if ('error' in requested) return fallback(requested);
  const libvirt = await detectLibvirtVersion(requested.directory, systemDirectory);
  // In a worker, so that the bundled schema keeps serving; not again if it crashed the server once.
  const { directory } = requested;
  const loaded = await loadUnlessItCrashedBefore(directory, cacheDirectory, () => loadUserSchemaInWorker(directory, cacheDirectory, libvirt, { signal }));
  if ('error' in loaded) return fallback(loaded);
  const { schema } = loaded;
  const notes = [`${schema.describe()}: ${loaded.files} file${loaded.files === 1 ? '' : 's'}, ${loaded.cached ? `from the cache in ${cacheDirectory}` : 'compiled'}`];
  if (loaded.cacheProblem) notes.push(loaded.cacheProblem);
  return { schema, inUse: { description: schema.describe(), libvirt: schema.origin.libvirt, location: schema.origin.location }, notes };
}

export type UserSchemaResult =
  | {
      schema: Schema;
      /** The model came from the cache, no compile was needed. */
      cached: boolean;
      /** How many files the schema is made of. */
      files: number;
      /** The cache could not be read or written; the schema is still good. */
      cacheProblem?: string;
    }
  | SchemaError;

interface CacheEntry {
  cacheFormat: typeof CACHE_FORMAT;
  engine: string;
  directory: string;
  /** [absolute path, sha256 of its content] for every file the compile read. */
  files: [string, string][];
  model: GrammarModel;
}

const CACHE_FORMAT = 1;

/**
 * Compiles `directory`/domain.rng into a schema, or loads it from `cacheDirectory` when none of
 * its files changed since. `libvirt` is the version to show ('unknown' when not known).
 */
export function loadUserSchema(directory: string, cacheDirectory: string, libvirt = 'unknown'): UserSchemaResult {
  const mainFile = path.join(directory, 'domain.rng');
  if (!isDirectory(directory)) return schemaError(words('userSchema.notDirectory', { directory }));
  if (!fs.existsSync(mainFile)) return schemaError(words('userSchema.noDomainRng', { directory }));

  const cacheName = `${sha256(`${engineIdentity()}\0${directory}`).slice(0, 32)}.json`;
  const origin = { libvirt, location: directory };
  const cache = SchemaCache.open(cacheDirectory);
  let cacheProblem: string | undefined;
  if ('problem' in cache) cacheProblem = cache.problem;
  else {
    const entry = readCacheEntry(cache, cacheName);
    if (entry && 'problem' in entry) cacheProblem = entry.problem;
    else if (entry && entry.files.every(([file, hash]) => contentHash(file) === hash)) {
      try {
        return { schema: new Schema(fromModel(entry.model), origin), cached: true, files: entry.files.length };
      } catch (error) {
        cacheProblem = `ignored the schema cache entry ${path.join(cacheDirectory, cacheName)}: ${message(error)}`;
      }
    }
  }

  const files = new Map<string, string>();
  const reader = new SchemaFileReader();
  let grammar: Grammar;
  try {
    grammar = compileGrammar(mainFile, (file) => {
      const text = reader.read(file);
      files.set(file, sha256(text));
      return text;
    });
  } catch (error) {
    return schemaError(words('userSchema.compileError', { message: message(error) }));
  }
  const unsupported = unsupportedDatatypes(grammar);
  if (unsupported.length > 0) {
    const types = unsupported.slice(0, 3).join('; ');
    const more = unsupported.length - 3;
    return schemaError(more > 0 ? words('userSchema.unsupportedDatatypes.more', { file: mainFile, types, more }) : words('userSchema.unsupportedDatatypes', { file: mainFile, types }));
  }

  const fileHashes = [...files.entries()].sort(([a], [b]) => a.localeCompare(b));
  const source = { libvirt, compiledFrom: directory, files: fileHashes.map(([file, hash]) => `${path.basename(file)} ${hash}`).join('; ') };
  const model = toModel(grammar, source);
  if (!('problem' in cache)) {
    try {
      const fresh: CacheEntry = { cacheFormat: CACHE_FORMAT, engine: engineIdentity(), directory, files: fileHashes, model };
      cache.write(cacheName, JSON.stringify(fresh));
    } catch (error) {
      cacheProblem = `could not write the schema cache: ${message(error)}`;
    }
  }
  const result: UserSchemaResult = { schema: new Schema(grammar, origin), cached: false, files: files.size };
  if (cacheProblem) result.cacheProblem = cacheProblem;
  return result;
}

/** data and value patterns whose type or parameters the datatype library rejects, in words. */
function unsupportedDatatypes(grammar: Grammar): string[] {
  const problems = new Set<string>();
  const seen = new Set<Pattern>();
  const visit = (p: Pattern): void => {
    if (seen.has(p)) return;
    seen.add(p);
    if (p.kind === 'data') {
      const compiled = compileDatatype(p.library, p.type, p.params);
      if (isDatatypeError(compiled)) problems.add(`<data type="${p.type}">: ${compiled.error}`);
    } else if (p.kind === 'value') {
      const compiled = compileValue(p.library, p.type, p.value);
      if (isDatatypeError(compiled)) problems.add(`<value type="${p.type}">${p.value}</value>: ${compiled.error}`);
    }
    for (const inner of subpatterns(p)) visit(inner);
  };
  visit(grammar.start);
  for (const element of grammar.elements) visit(element.content);
  return [...problems];
}

/** The entry for `name`, undefined when there is none or another build wrote it, else why it was ignored. */
function readCacheEntry(cache: SchemaCache, name: string): CacheEntry | { problem: string } | undefined {
  const read = cache.read(name);
  if (!read || 'problem' in read) return read;
  const corrupt = { problem: `ignored the schema cache entry ${path.join(cache.directory, name)}: it is not a compiled schema` };
  try {
    const entry = JSON.parse(read.payload) as Partial<CacheEntry>;
    const wellFormed =
      entry.cacheFormat === CACHE_FORMAT &&
      Array.isArray(entry.files) &&
      entry.files.length > 0 &&
      entry.files.every((f) => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string') &&
      typeof entry.model === 'object' &&
      entry.model !== null;
    if (!wellFormed) return corrupt;
    // Written by another build of the server: its compiler may differ, so it is compiled again.
    return entry.engine === engineIdentity() ? (entry as CacheEntry) : undefined;
  } catch {
    return corrupt;
  }
}

function contentHash(file: string): string | undefined {
  try {
    return sha256(readRegularFile(file, MAX_SCHEMA_BYTES).toString('utf8'));
  } catch {
    return undefined;
  }
}

let engine: string | undefined;

/** The running server's code: a cache written by another version of the compiler is not trusted. */
function engineIdentity(): string {
  engine ??= sha256(fs.readFileSync(__filename));
  return engine;
}

function isDirectory(directory: string): boolean {
  try {
    return fs.statSync(directory).isDirectory();
  } catch {
    return false;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
