/** Which files a directory given to `domxml` stands for, and what the walk says it could not check. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { walkXmlFiles, xmlFilesUnder } from '../../server/src/cli/files';
import { render } from '../../server/src/messages/words';

/** The walk with what it says rendered in English. */
function walked(root: string): { files: string[]; problems: string[] } {
  const { files, problems } = walkXmlFiles(root);
  return { files, problems: problems.map((problem) => render(problem, 'en')) };
}

/** A tree of `files` (relative name → content, or `link:TARGET` for a symbolic link) under a fresh directory. */
function withTree(files: Record<string, string>, body: (root: string, outside: string) => void): void {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-walk-'));
  const root = path.join(top, 'tree');
  const outside = path.join(top, 'outside');
  try {
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'elsewhere.xml'), '<domain/>');
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(root, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (content.startsWith('link:')) fs.symlinkSync(content.slice('link:'.length), file);
      else fs.writeFileSync(file, content);
    }
    body(root, outside);
  } finally {
    fs.rmSync(top, { recursive: true, force: true });
  }
}

test('links to files inside the tree are followed, each file checked once, and what is not checked is said', () => {
  withTree(
    {
      'a.xml': '<domain/>',
      'sub/b.xml': '<domain/>',
      'sub/notes.txt': 'x',
      'alias.xml': 'link:sub/b.xml', // the target is reached anyway: checked once, by its own name
      'guest.xml': 'link:sub/notes.txt', // a document under another name: checked by the link's
      'out.xml': 'link:../outside/elsewhere.xml',
      'dangling.xml': 'link:no-such.xml',
      'loop1.xml': 'link:loop2.xml',
      'loop2.xml': 'link:loop1.xml',
      'self': 'link:.', // a directory link: the tree is not walked twice, nothing hangs
      'away': 'link:../outside',
      'other-dangling': 'link:gone', // not named like a document: nothing to say
    },
    (root) => {
      const name = (relative: string): string => path.join(root, relative);
      const { files, problems } = walked(root);
      assert.deepEqual(files, [name('a.xml'), name('guest.xml'), name('sub/b.xml')]);
      assert.deepEqual(problems.sort(), [
        `cannot read ${name('dangling.xml')}: no such file or directory`,
        `cannot read ${name('loop1.xml')}: a loop of symbolic links`,
        `cannot read ${name('loop2.xml')}: a loop of symbolic links`,
        `skipped ${name('away')}: a symbolic link to ${fs.realpathSync(path.join(root, '..', 'outside'))}, outside ${root} (name it to check it)`,
        `skipped ${name('out.xml')}: a symbolic link to ${fs.realpathSync(path.join(root, '..', 'outside', 'elsewhere.xml'))}, outside ${root} (name it to check it)`,
      ]);
      assert.throws(() => xmlFilesUnder(root), /dangling\.xml/, 'scripts over a corpus stop on what they cannot read');
    },
  );
});

test('a FIFO named like a document is reported, not opened (it would block the run)', () => {
  withTree({ 'a.xml': '<domain/>' }, (root) => {
    execFileSync('mkfifo', [path.join(root, 'pipe.xml')]);
    assert.deepEqual(walked(root), { files: [path.join(root, 'a.xml')], problems: [`skipped ${path.join(root, 'pipe.xml')}: not a regular file`] });
  });
});

test('a tree given through a link is walked as its target', () => {
  withTree({ 'a.xml': '<domain/>', 'sub/b.xml': 'link:../a.xml' }, (root) => {
    const via = `${root}-link`;
    fs.symlinkSync(root, via);
    try {
      assert.deepEqual(walked(via), { files: [path.join(via, 'a.xml')], problems: [] });
    } finally {
      fs.rmSync(via);
    }
  });
});
