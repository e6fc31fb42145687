/**
 * The README shows the editor set-ups that test/editors/ runs: each file under editors/ appears
 * in it whole, in a fenced block, so what a user copies is what was tested.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

for (const [file, fence] of [
  ['editors/neovim/libvirt-xml.lua', 'lua'],
  ['editors/emacs/libvirt-xml.el', 'elisp'],
  ['editors/helix/languages.toml', 'toml'],
]) {
  test(`the README shows ${file} as it is`, () => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    assert.ok(README.includes(`\`\`\`${fence}\n${text}\`\`\`\n`), `README.md has no \`\`\`${fence} block with ${file} as it is`);
  });
}
