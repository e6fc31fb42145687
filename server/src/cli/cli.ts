/**
 * `domxml`, the command-line checker (dist/cli.js): the language server's findings for files,
 * directories or stdin, as text, JSON or SARIF (`check`), and the editor's safe fixes written
 * back (`fix`). Exit status 0 clean, 1 errors, 2 could not check. What it says to a person is in
 * the language of `--lang`, else of the locale (LC_ALL, LC_MESSAGES, LANG); JSON and SARIF keep
 * English messages, as tools read them.
 */
import { resolve } from 'node:path';
import { Language, Words, render, words } from '../messages/words';
import type { NotReplacedError } from '../safeWrite';
import { Schema, bundledSchemaFile, loadBundledSchema } from '../schema/schema';
import type { CheckOptions, Problem } from './check';
import { checkInputs, checkJobOfThisThread, defaultJobs, optimiseLater, runCheckWorker } from './checkRun';
import type { ConnectionFacts } from '../hostConnection';
import type { HostFactsCache } from '../libvirt/hostFacts';
import type { ParsedDocument } from '../parser/parsedDocument';
import { ExactText, describeError, expandArguments, inputName, readExactInput, withByteOrderMark, writeExactText } from './files';
import type { FixedDocument } from './fix';
import { formatJson } from './jsonFormat';
import { Command, HostConnectionOptions, UsageError, localeLanguage, parseArguments, takeLanguage, usage } from './options';
import { FixCounts, fixSummaryLine, summaryLine } from './summary';
import { formatText } from './textFormat';
import { exitWith, writeErr, writeOut } from './output';
import { INSTALL_DIRECTORY, PACKAGE_JSON, packageVersion } from '../installation';

const TOOL = 'domxml';

const EXIT_CLEAN = 0;
const EXIT_ERRORS = 1;
const EXIT_CANNOT_CHECK = 2;

/** The language of this run: `--lang`, else the locale's (main sets it). */
let language: Language = 'en';

/** One line on standard error, in the language of the run. */
function say(line: Words | string): void {
  writeErr(`${TOOL}: ${render(line, language)}\n`);
}

/** The schema --schema names, else the bundled one; undefined (said why) when it cannot be had. */
async function loadSchema(directory: string | undefined): Promise<Schema | undefined> {
  if (directory !== undefined) {
    // Loaded only here: a check with the bundled schema needs neither the worker that compiles a
    // schema nor the cache's hashes, and Node's start-up is most of what a one-file check costs.
    const { defaultCacheDirectory } = require('../schema/schemaCache') as typeof import('../schema/schemaCache');
    const { detectLibvirtVersion } = require('../schema/libvirtVersion') as typeof import('../schema/libvirtVersion');
    const { loadUserSchemaInWorker } = require('../schema/userSchemaLoader') as typeof import('../schema/userSchemaLoader');
    const absolute = resolve(directory);
    // In a worker, as in the server: a hostile schema costs an error, not a hang or the memory.
    const loaded = await loadUserSchemaInWorker(absolute, defaultCacheDirectory(), await detectLibvirtVersion(absolute));
    if ('error' in loaded) say(words('cli.schema.cannotUse', { directory, reason: loaded.errorWords }));
    else {
      // The schema is good; a cache that could not be trusted is worth knowing about.
      if (loaded.cacheProblem) say(loaded.cacheProblem);
      return loaded.schema;
    }
    return undefined;
  }
  try {
    return loadBundledSchema(INSTALL_DIRECTORY);
  } catch (error) {
    say(words('cli.schema.cannotLoadBundled', { file: bundledSchemaFile(INSTALL_DIRECTORY), reason: describeError(error) }));
    return undefined;
  }
}

/** The schema and the documents a command works on, with the arguments that name none; undefined without a schema. */
async function prepare(command: { schemaDirectory: string | undefined; paths: string[] }) {
  const schema = await loadSchema(command.schemaDirectory);
  if (!schema) return undefined;
  const { inputs, problems, emptyDirectories } = expandArguments(command.paths);
  for (const directory of emptyDirectories) say(words('cli.noXmlFiles', { directory }));
  return { schema, inputs, failures: [...problems] };
}

/** The libvirt host of --connect, its capabilities read; undefined (said why, as a failure) when they cannot be. */
async function connectHost(connect: HostConnectionOptions, failures: Words[]): Promise<{ cache: HostFactsCache; facts: ConnectionFacts } | undefined> {
  // Loaded only with --connect, like the user schema's compiler.
  const { HostFactsCache } = require('../libvirt/hostFacts') as typeof import('../libvirt/hostFacts');
  const { oneShotVirsh } = require('../libvirt/virsh') as typeof import('../libvirt/virsh');
  const { connectionFacts } = require('../hostConnection') as typeof import('../hostConnection');
  const cache = new HostFactsCache({ virsh: (uri) => oneShotVirsh(uri, { virshPath: connect.virshPath }) });
  const answer = await cache.loadHost(connect.uri);
  if (answer.state === 'ready') return { cache, facts: connectionFacts(cache, connect.uri, answer) };
  failures.push(words('cli.host.cannotRead', { uri: connect.uri, reason: answer.state === 'failed' ? answer.message : 'no answer' }));
  return undefined;
}

/** Reads the domcapabilities the document's host rules will ask for, before they ask (they never wait). */
async function readHostFactsFor(document: ParsedDocument, options: CheckOptions, cache: HostFactsCache): Promise<void> {
  const { Domain } = require('../rules/domain') as typeof import('../rules/domain');
  const { hostView } = require('../rules/host/facts') as typeof import('../rules/host/facts');
  const checks = options.hostChecks;
  const domain = checks && document.parsed ? Domain.of(document.text, document.tree) : undefined;
  const query = domain && checks && hostView(domain, checks).query;
  if (checks && query) await cache.loadDomainCapabilities(checks.host.uri, query);
}

async function check(command: Extract<Command, { kind: 'check' }>): Promise<number> {
  const prepared = await prepare(command);
  if (!prepared) return EXIT_CANNOT_CHECK;
  const { schema, inputs, failures } = prepared;
  const problems: Problem[] = [];
  let checked = 0;
  const connected = command.connect && (await connectHost(command.connect, failures));
  const options: CheckOptions = { schema, maxProblems: command.maxProblems, host: connected ? connected.facts.host : command.host };
  if (connected && connected.facts.hostChecks) options.hostChecks = connected.facts.hostChecks;
  /** What the host checks could not do, each said once (by its English). */
  const notes = new Map<string, Words>();
  const beforeAnalysis = connected ? (document: ParsedDocument) => readHostFactsFor(document, options, connected.cache) : undefined;
  const { outcomes, stoppedWorkers } = await checkInputs(inputs, options, command.jobs ?? defaultJobs(inputs.length), beforeAnalysis);
  for (const stopped of stoppedWorkers) say(stopped);
  for (const outcome of outcomes) {
    if (outcome.failure) failures.push(outcome.failure);
    else checked++;
    problems.push(...outcome.problems);
    for (const note of outcome.notes ?? []) notes.set(render(note, 'en'), note);
  }

  for (const failure of failures) say(failure);
  for (const note of notes.values()) say(words('cli.host.note', { note }));
  if (command.format === 'json') writeOut(formatJson(problems));
  // SARIF, like JSON, in English: what code scanning shows is read by tools and by every reader alike.
  else if (command.format === 'sarif') {
    const { formatSarif } = require('./sarifFormat') as typeof import('./sarifFormat');
    const inEnglish = failures.map((failure) => render(failure, 'en'));
    writeOut(formatSarif(problems, { toolName: TOOL, toolVersion: packageVersion(), workingDirectory: process.cwd(), failures: inEnglish, notes: [...notes.keys()] }));
  } else writeOut(formatText(problems, language));
  say(summaryLine(checked, problems, failures.length));

  if (failures.length > 0) return EXIT_CANNOT_CHECK;
  if (checked === 0) {
    say(words('cli.nothingChecked'));
    return EXIT_CANNOT_CHECK;
  }
  return problems.some((p) => p.severity === 'error') ? EXIT_ERRORS : EXIT_CLEAN;
}

/** "web01.xml changed since it was read: left as it is" */
const leftAsItIs = (name: string, error: NotReplacedError): Words => words('cli.leftAsItIs', { name, reason: error.words });

async function fix(command: Extract<Command, { kind: 'fix' }>): Promise<number> {
  // The fixes and the safe writer are loaded only for `fix` (see loadSchema).
  const { fixDocument, formatChanges } = require('./fix') as typeof import('./fix');
  const { NotReplacedError } = require('../safeWrite') as typeof import('../safeWrite');
  const prepared = await prepare(command);
  if (!prepared) return EXIT_CANNOT_CHECK;
  const { schema, inputs, failures } = prepared;
  if (inputs.length > 1) optimiseLater();
  // `fix -` is a filter: the fixed document takes standard output, the report standard error.
  const filter = !command.dryRun && inputs.length === 1 && inputs[0].kind === 'stdin';
  const report = (text: string): void => {
    if (filter) {
      writeErr(text);
    } else writeOut(text);
  };
  const counts: FixCounts = { documents: 0, changes: 0, changedDocuments: 0, notFixed: 0, failures: 0 };
  const remaining: Problem[] = [];
  for (const input of inputs) {
    const name = inputName(input);
    let read: ExactText;
    try {
      read = readExactInput(input, !command.dryRun);
    } catch (error) {
      // Not UTF-8, or not a file that can be replaced: said and left alone.
      failures.push(error instanceof NotReplacedError ? leftAsItIs(name, error) : words('cli.cannotRead', { name, reason: describeError(error) }));
      continue;
    }
    let fixed: FixedDocument;
    try {
      fixed = fixDocument(name, read.text, { schema, maxProblems: command.maxProblems, host: command.host, positionsIn: command.dryRun ? 'original' : 'fixed' });
    } catch (error) {
      // A bug in the fixer costs this document, not the run; the file stays as it was.
      failures.push(words('cli.couldNotFix', { name, reason: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
      continue;
    }
    if (read.original && fixed.changes.length > 0) {
      try {
        writeExactText(read.original, { text: fixed.text, byteOrderMark: read.byteOrderMark });
      } catch (error) {
        failures.push(error instanceof NotReplacedError ? leftAsItIs(name, error) : words('cli.cannotWrite', { name, reason: describeError(error) }));
        continue;
      }
    }
    counts.documents++;
    if (fixed.notFixed !== undefined) {
      counts.notFixed++;
      say(words('cli.notFixedWhy', { name, reason: fixed.notFixedWords ?? fixed.notFixed }));
    }
    if (fixed.changes.length > 0) {
      counts.changedDocuments++;
      counts.changes += fixed.changes.length;
    }
    report(formatChanges(name, fixed.changes, language));
    report(formatText(fixed.remaining, language));
    remaining.push(...fixed.remaining);
    if (filter) writeOut(withByteOrderMark(fixed.text, read.byteOrderMark));
  }

  for (const failure of failures) say(failure);
  counts.failures = failures.length;
  say(fixSummaryLine(counts, remaining, command.dryRun));
  if (failures.length > 0) return EXIT_CANNOT_CHECK;
  if (counts.documents === 0) {
    say(words('cli.noDocumentRead'));
    return EXIT_CANNOT_CHECK;
  }
  return remaining.some((p) => p.severity === 'error') ? EXIT_ERRORS : EXIT_CLEAN;
}

export async function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  language = localeLanguage(env);
  let command: Command;
  try {
    const taken = takeLanguage(args);
    language = taken.language ?? language;
    command = parseArguments(taken.rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.words);
    writeErr(`${render(words('cli.tryHelp', { tool: TOOL }), language)}\n`);
    return EXIT_CANNOT_CHECK;
  }
  if (command.kind === 'help') {
    writeOut(`${usage(language)}\n`);
    return EXIT_CLEAN;
  }
  if (command.kind === 'version') {
    const version = packageVersion();
    if (version === undefined) {
      say(words('cli.noVersion', { file: PACKAGE_JSON }));
      return EXIT_CANNOT_CHECK;
    }
    writeOut(`${TOOL} ${version}\n`);
    return EXIT_CLEAN;
  }
  return command.kind === 'fix' ? fix(command) : check(command);
}

const workerJob = checkJobOfThisThread();
if (workerJob) runCheckWorker(workerJob);
else void main(process.argv.slice(2)).then(exitWith);
