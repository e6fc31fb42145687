/**
 * Schema directories built to hurt whoever loads them (issue 11): each is made in a fresh
 * temporary directory, with the reason loading it must give.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const NS = 'xmlns="http://relaxng.org/ns/structure/1.0"';

export interface HostileSchema {
  name: string;
  /** The schema directory (domain.rng and what it reads). */
  directory: string;
  /** What the error must say. */
  reason: RegExp;
}

/** A grammar whose start includes `href` (a grammar is what an include must name). */
function including(href: string): string {
  return `<grammar ${NS}><include href="${href}"/><start><element name="domain"><empty/></element></start></grammar>`;
}

/** Generators of the hostile schemas, each writing into an empty directory. */
export const HOSTILE_SCHEMAS: { name: string; reason: RegExp; make: (directory: string) => void }[] = [
  {
    // Issue 11: two files, 250 bytes, took 4.9 GB before the server was killed.
    name: 'an externalRef cycle through an element',
    reason: /other\.rng: the externalRefs loop: domain\.rng → other\.rng → domain\.rng/,
    make: (directory) => {
      fs.writeFileSync(path.join(directory, 'domain.rng'), `<element name="domain" ${NS}><externalRef href="other.rng"/></element>`);
      fs.writeFileSync(path.join(directory, 'other.rng'), `<element name="other" ${NS}><externalRef href="domain.rng"/></element>`);
    },
  },
  {
    name: 'an include of a link to /dev/zero',
    reason: /zero\.rng: cannot be read \(is a character device, not a regular file\)/,
    make: (directory) => {
      fs.writeFileSync(path.join(directory, 'domain.rng'), including('zero.rng'));
      fs.symlinkSync('/dev/zero', path.join(directory, 'zero.rng'));
    },
  },
  {
    name: 'an include of a FIFO nobody writes to',
    reason: /fifo\.rng: cannot be read \(is a FIFO, not a regular file\)/,
    make: (directory) => {
      fs.writeFileSync(path.join(directory, 'domain.rng'), including('fifo.rng'));
      const made = spawnSync('mkfifo', [path.join(directory, 'fifo.rng')]);
      if (made.status !== 0) throw new Error(`mkfifo failed: ${String(made.stderr)}`);
    },
  },
  {
    name: 'a 40 MB grammar',
    reason: /domain\.rng: cannot be read \(is larger than the 16\.0 MB left of the 16\.0 MB a schema's files may hold in all\)/,
    make: (directory) => {
      const descriptor = fs.openSync(path.join(directory, 'domain.rng'), 'w');
      try {
        fs.writeSync(descriptor, `<grammar ${NS}><start><element name="domain"><choice>`);
        const block = `<element name="e"><attribute name="a"><text/></attribute></element>\n`.repeat(16_384);
        for (let written = 0; written < 40 * 1024 * 1024; written += block.length) fs.writeSync(descriptor, block);
        fs.writeSync(descriptor, '</choice></element></start></grammar>');
      } finally {
        fs.closeSync(descriptor);
      }
    },
  },
  {
    // 30 files, each referring to the next twice: 2^30 copies of the last one.
    name: 'an exponential pattern count',
    reason: /the grammar is too large: it expands to more than 500000 patterns and definitions/,
    make: (directory) => {
      const levels = 30;
      fs.writeFileSync(path.join(directory, 'domain.rng'), `<element name="domain" ${NS}><externalRef href="level0.rng"/></element>`);
      for (let i = 0; i < levels; i++) {
        const next = `<externalRef href="level${i + 1}.rng"/>`;
        fs.writeFileSync(path.join(directory, `level${i}.rng`), `<choice ${NS}>${next}<group>${next}<empty/></group></choice>`);
      }
      fs.writeFileSync(path.join(directory, `level${levels}.rng`), `<element name="leaf" ${NS}><text/></element>`);
    },
  },
];

/** Every hostile schema, made under `root`. */
export function makeHostileSchemas(root: string): HostileSchema[] {
  return HOSTILE_SCHEMAS.map(({ name, reason, make }, index) => {
    const directory = path.join(root, `hostile-${index}`);
    fs.mkdirSync(directory);
    make(directory);
    return { name, directory, reason };
  });
}

/**
 * Leaves the marker a process leaves when it dies while loading the schema in `directory`, as one
 * killed out of memory does: a process that starts the load and kills itself. Its pid.
 */
export function dieWhileLoading(directory: string, stateDirectory: string): number {
  const loader = require.resolve('../../../server/src/schema/userSchemaLoader');
  const died = spawnSync(process.execPath, [
    '-e',
    `require(${JSON.stringify(loader)}).loadUnlessItCrashedBefore(${JSON.stringify(directory)}, ${JSON.stringify(stateDirectory)}, () => process.kill(process.pid, 'SIGKILL'))`,
  ]);
  if (died.signal !== 'SIGKILL') throw new Error(`the loading process ended otherwise: ${String(died.stderr)}`);
  return died.pid;
}

/** A fresh temporary directory; the caller removes it. */
export function temporaryDirectory(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
