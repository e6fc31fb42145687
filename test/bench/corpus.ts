/**
 * Bench row (issue 3, 8a): checking libvirt's whole valid corpus in one process, beside xmllint
 * validating the same files against libvirt's RELAX NG in one process, in the same run.
 *
 * - domxml in-process: read + parse + validate every file (checkText, what domxml check does per
 *   file) with a freshly loaded schema, so its derivative caches start empty as in one CLI run;
 *   and again with those caches warm, as in the long-running server;
 * - domxml process: `node dist/cli.js check DIR`, Node's start-up and the schema load included;
 * - xmllint --noout --relaxng domain.rng FILES...: one process, its schema compile included.
 * Each is the best of 3 passes.
 * Ratios below 1.0 mean faster than libvirt's own C validator. Skips without ../shared or xmllint.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../server/src/cli/check';
import { Schema, loadModelFile } from '../../server/src/schema/schema';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { SHARED, xmlFilesUnder } from '../unit/helpers/corpus';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VALID = path.join(SHARED, 'corpus', 'valid');
const RNG = path.join(SHARED, 'libvirt-schemas', '12.8.0', 'domain.rng');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const PASSES = 3;

function elapsedMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  if (!fs.existsSync(VALID) || !fs.existsSync(RNG)) {
    console.log(`corpus bench: skipped, ${fs.existsSync(VALID) ? RNG : VALID} is not here`);
    return;
  }
  if (spawnSync('xmllint', ['--version']).error) {
    console.log('corpus bench: skipped, xmllint is not installed (Debian libxml2-utils)');
    return;
  }
  const files = xmlFilesUnder(VALID);
  const modelFile = path.join(ROOT, 'schemas', 'libvirt-domain.json');
  let errors = 0;
  const checkAll = (schema: Schema): void => {
    for (const file of files) {
      const problems = checkText(file, fs.readFileSync(file, 'utf8'), { schema, maxProblems: DEFAULT_SETTINGS.maxProblems });
      errors += problems.filter((p) => p.severity === 'error').length;
    }
  };
  const best = { fresh: Infinity, warm: Infinity, cli: Infinity, xmllint: Infinity };
  const statuses = new Set<string>();
  // Passes interleaved, so that each figure sees the same load on a shared machine.
  for (let pass = 0; pass < PASSES; pass++) {
    let schema: Schema | undefined;
    best.fresh = Math.min(best.fresh, elapsedMs(() => {
      schema = Schema.fromModel(loadModelFile(modelFile), 'bundled');
      checkAll(schema);
    }));
    best.warm = Math.min(best.warm, elapsedMs(() => checkAll(schema!)));
    best.cli = Math.min(best.cli, elapsedMs(() => statuses.add(`domxml exit ${spawnSync(process.execPath, [CLI, 'check', VALID], { stdio: 'ignore' }).status}`)));
    // xmllint prints "FILE validates" on stderr for each file: only its exit status matters.
    best.xmllint = Math.min(best.xmllint, elapsedMs(() => statuses.add(`xmllint exit ${spawnSync('xmllint', ['--noout', '--relaxng', RNG, ...files], { stdio: 'ignore' }).status}`)));
  }

  const row = (label: string, ms: number, ratio = true): string =>
    `  ${label.padEnd(58)} ${(ms / files.length).toFixed(3)} ms/file${ratio ? `   ratio ${(ms / best.xmllint).toFixed(2)}` : ''}`;
  console.log(`\nlibvirt's valid corpus: ${files.length} files, best of ${PASSES} (target: ratio to xmllint <= 1.0)`);
  console.log(row('domxml in-process, fresh schema (load + read/parse/check)', best.fresh));
  console.log(row('domxml in-process, schema caches warm (as in the server)', best.warm));
  console.log(row('domxml process: node dist/cli.js check DIR', best.cli));
  console.log(row('xmllint --noout --relaxng domain.rng FILES, one process', best.xmllint, false));
  console.log(`  (${errors / (2 * PASSES)} errors per pass; ${[...statuses].join(', ')})`);
}

main();
