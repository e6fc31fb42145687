/**
 * `libvirt-xml-language-server`, the language server as a command for any LSP editor
 * (dist/libvirt-xml-language-server.js, the package's second bin beside domxml). It checks its
 * arguments, answers --help and --version, and otherwise loads dist/server.js itself, which
 * reads the same arguments: `libvirt-xml-language-server --stdio` is `node dist/server.js
 * --stdio`. What it says to a person is in the language of the locale (LC_ALL, LC_MESSAGES,
 * LANG), as domxml's.
 */
import { localeLanguage } from './messages/locale';
import { render, words } from './messages/words';
import { SERVER_COMMAND, ServerUsageError, parseServerArguments } from './serverArguments';
import { PACKAGE_JSON, packageVersion } from './installation';

const EXIT_USAGE = 2;

function main(args: readonly string[]): void {
  const language = localeLanguage(process.env);
  let command;
  try {
    command = parseServerArguments(args);
  } catch (error) {
    if (!(error instanceof ServerUsageError)) throw error;
    process.stderr.write(`${SERVER_COMMAND}: ${render(error.words, language)}\n${render(words('cli.tryHelp', { tool: SERVER_COMMAND }), language)}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${render(words('server.command.usage', { tool: SERVER_COMMAND }), language)}\n`);
    return;
  }
  if (command.kind === 'version') {
    const version = packageVersion();
    if (version === undefined) {
      process.stderr.write(`${SERVER_COMMAND}: ${render(words('cli.noVersion', { file: PACKAGE_JSON }), language)}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    process.stdout.write(`${SERVER_COMMAND} ${version}\n`);
    return;
  }
  // The server itself, unchanged: it reads process.argv as under `node dist/server.js`.
  // (scripts/build.mjs keeps this require out of the bundle, so there is one server, dist/server.js.)
  (require('./server') as typeof import('./serverLaunch')).launchServer(__dirname);
}

main(process.argv.slice(2));
