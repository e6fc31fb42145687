// `npm start`: build the production bundles, package the .vsix, and say how to install it.
import { execFileSync } from 'node:child_process';
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
Then open any domain XML (e.g. examples/web01.xml, or EDITOR="code --wait" virsh edit <vm>).`);
