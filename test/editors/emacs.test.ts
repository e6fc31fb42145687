/**
 * The language server in Emacs with eglot, configured as the README says
 * (editors/emacs/libvirt-xml.el): `emacs --batch` runs test/editors/emacs/driver.el, which opens
 * a domain and a network, waits for the diagnostics, asks for completion and hover, and writes
 * it all to a JSON file this test reads. Skipped, saying why, where emacs or its eglot is not
 * installed (Debian 12: emacs-nox and elpa-eglot; CI installs neither).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DOMAIN, NETWORK, ROOT, assertServersGone, onPath, readResult, run, scratch, spanOf } from './editorRun';

const CONFIG = path.join(ROOT, 'editors', 'emacs', 'libvirt-xml.el');
const DRIVER = path.join(ROOT, 'test', 'editors', 'emacs', 'driver.el');
const EMACS = onPath('emacs');

interface Diagnostic {
  line: number;
  col: number;
  length: number;
  type: string;
  text: string;
}

interface Result {
  emacs: string;
  error?: string;
  mode: string;
  diagnostics: Diagnostic[];
  completion: string[];
  hover: string;
  network: { mode: string; managed: boolean };
}

/** Why the test cannot run here, if it cannot: no emacs, or one without eglot (Emacs 29 has it built in). */
function missing(): string | undefined {
  if (!EMACS) return 'emacs is not installed (Debian: apt-get install emacs-nox elpa-eglot)';
  // -q, not -Q: Debian's site start-up puts its elpa-* packages on the load path.
  const probe = spawnSync(EMACS, ['--batch', '-q', '--eval', "(require 'eglot)"], { encoding: 'utf8', timeout: 30000 });
  return probe.status === 0 ? undefined : 'this emacs has no eglot (Debian 12: apt-get install elpa-eglot)';
}

test('Emacs with eglot (the README configuration): diagnostics, completion and hover for a domain in libvirt-xml-mode; a network stays in nXML mode without the server', async (t) => {
  const why = missing();
  if (why) {
    t.skip(why);
    return;
  }
  const { dir, env, result: resultFile, remove } = scratch();
  try {
    fs.writeFileSync(path.join(dir, 'web01.xml'), DOMAIN);
    fs.writeFileSync(path.join(dir, 'default.xml'), NETWORK);
    const ran = await run(EMACS!, ['--batch', '-q', '-l', DRIVER], { ...env, LIBVIRT_XML_CONFIG: CONFIG }, dir);
    const result = readResult<Result>(resultFile, ran);
    t.diagnostic(`Emacs ${result.emacs}`);
    assert.equal(result.error, undefined, `${result.error}\nstderr: ${ran.stderr}`);
    assert.equal(ran.status, 0, ran.stderr);

    assert.equal(result.mode, 'libvirt-xml-mode');
    const at = (needle: string) => {
      const { line, col } = spanOf(DOMAIN, needle);
      return { line, col, length: needle.length };
    };
    assert.deepEqual(
      result.diagnostics.map(({ line, col, length, type }) => ({ line, col, length, type })),
      [
        { ...at("'statc'"), type: 'eglot-error' },
        { ...at('70'), type: 'eglot-warning' },
      ],
    );
    assert.match(result.diagnostics[0].text, /\[bad-attribute-value\]: `placement` must be `static` or `auto`/);
    assert.match(result.diagnostics[1].text, /\[cpuset-beyond-host\]: .*it has CPUs 0-63/);
    assert.ok(result.completion.includes('interface') && result.completion.includes('disk'), result.completion.join(' '));
    assert.match(result.hover, /Maximum number of virtual CPUs for the guest/);
    assert.deepEqual(result.network, { mode: 'nxml-mode', managed: false });
    await assertServersGone(dir);
  } finally {
    remove();
  }
});
