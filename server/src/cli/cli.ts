/**
 * `domxml`, the command-line checker (dist/cli.js): the language server's findings for files,
 * directories or stdin, as text, JSON or SARIF. Exit status 0 clean, 1 errors, 2 could not check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Schema, loadModelFile } from '../schema/schema';
import { defaultCacheDirectory, detectLibvirtVersion, loadUserSchema } from '../schema/userSchema';
import { Problem, checkText } from './check';
import { describeError, expandArguments, inputName, readInput } from './files';
import { formatJson } from './jsonFormat';
import { Command, USAGE, UsageError, parseArguments } from './options';
import { formatSarif } from './sarifFormat';
import { summaryLine } from './summary';
import { formatText } from './textFormat';

const TOOL = 'domxml';
/** The bundle lives in dist/; the schema and package.json one level up, as for dist/server.js. */
const INSTALL_DIRECTORY = path.resolve(__dirname, '..');

const EXIT_CLEAN = 0;
const EXIT_ERRORS = 1;
const EXIT_CANNOT_CHECK = 2;

function say(line: string): void {
  process.stderr.write(`${TOOL}: ${line}\n`);
}

function packageVersion(): string | undefined {
  try {
    const { version } = JSON.parse(fs.readFileSync(path.join(INSTALL_DIRECTORY, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The schema --schema names, else the bundled one; undefined (said why) when it cannot be had. */
async function loadSchema(directory: string | undefined): Promise<Schema | undefined> {
  if (directory !== undefined) {
    const absolute = path.resolve(directory);
    const loaded = loadUserSchema(absolute, defaultCacheDirectory(), await detectLibvirtVersion(absolute));
    if ('error' in loaded) say(`cannot use the schema in ${directory}: ${loaded.error}`);
    else return loaded.schema;
    return undefined;
  }
  const schemaFile = path.join(INSTALL_DIRECTORY, 'schemas', 'libvirt-domain.json');
  try {
    return Schema.fromModel(loadModelFile(schemaFile), 'bundled');
  } catch (error) {
    say(`cannot load the bundled schema ${schemaFile}: ${describeError(error)}`);
    return undefined;
  }
}

async function check(command: Extract<Command, { kind: 'check' }>): Promise<number> {
  const schema = await loadSchema(command.schemaDirectory);
  if (!schema) return EXIT_CANNOT_CHECK;

  const { inputs, problems: argumentFailures, emptyDirectories } = expandArguments(command.paths);
  const failures = [...argumentFailures];
  for (const directory of emptyDirectories) say(`no .xml files under ${directory}`);
  const problems: Problem[] = [];
  let checked = 0;
  for (const input of inputs) {
    const name = inputName(input);
    let text: string;
    try {
      text = readInput(input);
    } catch (error) {
      failures.push(`cannot read ${name}: ${describeError(error)}`);
      continue;
    }
    try {
      problems.push(...checkText(name, text, { schema, maxProblems: command.maxProblems }));
      checked++;
    } catch (error) {
      // A bug in the checker costs this document, not the run.
      failures.push(`could not check ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  for (const failure of failures) say(failure);
  if (command.format === 'json') process.stdout.write(formatJson(problems));
  else if (command.format === 'sarif') process.stdout.write(formatSarif(problems, { toolName: TOOL, toolVersion: packageVersion(), workingDirectory: process.cwd(), failures }));
  else process.stdout.write(formatText(problems));
  say(summaryLine(checked, problems, failures.length));

  if (failures.length > 0) return EXIT_CANNOT_CHECK;
  if (checked === 0) {
    say('nothing was checked');
    return EXIT_CANNOT_CHECK;
  }
  return problems.some((p) => p.severity === 'error') ? EXIT_ERRORS : EXIT_CLEAN;
}

export async function main(args: readonly string[]): Promise<number> {
  let command: Command;
  try {
    command = parseArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    process.stderr.write(`Try '${TOOL} --help'.\n`);
    return EXIT_CANNOT_CHECK;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_CLEAN;
  }
  if (command.kind === 'version') {
    const version = packageVersion();
    if (version === undefined) {
      say(`cannot read the version from ${path.join(INSTALL_DIRECTORY, 'package.json')}`);
      return EXIT_CANNOT_CHECK;
    }
    process.stdout.write(`${TOOL} ${version}\n`);
    return EXIT_CLEAN;
  }
  return check(command);
}

// A reader that stops early (`domxml check … | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_CLEAN);
  throw error;
});
void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
