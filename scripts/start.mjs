// `npm start`: build the production bundles, package the .vsix, check examples/ with the domxml
// checker, and say how to install the extension.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
const vsix = resolve('libvirt-xml.vsix');

run(process.execPath, ['scripts/build.mjs', '--production']);
run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix]);

const sizeKiB = (statSync(vsix).size / 1024).toFixed(0);
console.log(`
Built ${vsix} (${sizeKiB} KiB).
Install it into VS Code:     code --install-extension ${vsix}
or into code-server:         code-server --install-extension ${vsix}
Then open any domain XML (e.g. examples/web01.xml, or EDITOR="code --wait" virsh edit <vm>).

The same checks from the command line: node dist/cli.js check FILE|DIR... (npm install -g . puts it on PATH as domxml,
and the language server for other editors as libvirt-xml-language-server: README, Other editors)
$ node dist/cli.js check examples/`);

// The examples are meant to be valid: a problem there is a broken example or a checker bug.
const check = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples/'], { stdio: 'inherit' });
if (check.status !== 0) {
  console.error(`\nnpm start: the examples should check clean, but domxml exited with ${check.status ?? check.signal}.`);
  process.exitCode = 1;
}
