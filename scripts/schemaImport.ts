/**
 * `npm run schema:import -- <dir>`: compiles libvirt's RELAX NG schemas in <dir> (domain.rng and
 * what it includes) into schemas/libvirt-domain.json, the model the server ships, with where it
 * came from. Example: npm run schema:import -- ../shared/libvirt-schemas/12.8.0
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGrammar } from '../server/src/schema/compileGrammar';
import { modelText, toModel, withLeafOrder } from '../server/src/schema/model';
import { Grammar } from '../server/src/schema/patterns';
import { withSetAttributes } from '../server/src/features/cpuset/setAttributes';
import { writeFileAtomically } from '../server/src/safeWrite';

const OUTPUT = path.resolve(__dirname, '..', '..', 'schemas', 'libvirt-domain.json');

/** What schemas/libvirt-domain.json holds for `grammar`: the model laid out, with what the import stores beside its rows. */
export function shippedModelText(grammar: Grammar, source: Record<string, string>): string {
  return modelText(withLeafOrder(withSetAttributes(toModel(grammar, source))));
}

function main(argv: string[]): void {
  const directory = argv[0];
  if (!directory) {
    console.error('usage: npm run schema:import -- <directory holding domain.rng>');
    process.exitCode = 2;
    return;
  }
  const files = new Map<string, string>();
  const grammar = compileGrammar(path.resolve(directory, 'domain.rng'), (file) => {
    const text = fs.readFileSync(file, 'utf8');
    files.set(path.basename(file), createHash('sha256').update(text).digest('hex'));
    return text;
  });
  const version = path.basename(path.resolve(directory));
  const source: Record<string, string> = {
    libvirt: /^\d+\.\d+\.\d+$/.test(version) ? version : 'unknown',
    generatedBy: 'npm run schema:import -- <libvirt schema directory>',
    files: [...files.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, sha]) => `${name} ${sha}`)
      .join('; '),
  };
  writeFileAtomically(OUTPUT, shippedModelText(grammar, source));
  console.log(`${OUTPUT}: ${grammar.elements.length} element patterns from ${files.size} files (libvirt ${source.libvirt})`);
}

if (require.main === module) main(process.argv.slice(2));
