/**
 * A schema ready to use: the derivative engine over a compiled grammar, its datatypes, and where
 * the grammar came from. Validation, completion and hover all read the same one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XsdDatatypes } from './datatypeChecker';
import { Derivatives } from './derivatives';
import { GrammarModel, ModelRows, fromModel, readModelText, rowsOf } from './model';
import { Grammar } from './patterns';

export interface SchemaOrigin {
  /** libvirt's version, or 'unknown'. */
  libvirt: string;
  /** BUNDLED, or the directory the schema was compiled from. */
  location: string;
}

export class Schema {
  readonly derivatives: Derivatives;
  readonly datatypes = new XsdDatatypes();

  constructor(
    readonly grammar: Grammar,
    readonly origin: SchemaOrigin,
    /** The rows of the model the grammar was read from, when it was (what can be read off it without building the grammar). */
    readonly model?: ModelRows,
  ) {
    this.derivatives = new Derivatives(grammar, this.datatypes);
  }

  /** A schema of a model we ship: its grammar is built as validation reads it. */
  static fromModel(model: GrammarModel | ModelRows, location: string): Schema {
    const rows = rowsOf(model);
    return new Schema(fromModel(rows, true), { libvirt: rows.head.source.libvirt ?? 'unknown', location }, rows);
  }

  /** "libvirt 12.8.0 (bundled)", or "libvirt schema from DIR" when the version is not known. */
  describe(): string {
    const { libvirt, location } = this.origin;
    return libvirt === 'unknown' ? `libvirt schema from ${location}` : `libvirt ${libvirt} (${location})`;
  }
}

/** The model shipped in schemas/libvirt-domain.json. */
export function loadModelFile(file: string): ModelRows {
  const model = readModelText(readFileSync(file, 'utf8'));
  if (model.head.format !== 1) throw new Error(`${file}: unknown schema model format ${String(model.head.format)}`);
  return model;
}

/** The origin location of the schema shipped with the package (the server's status and domxml's threads tell it by this). */
export const BUNDLED = 'bundled';

/** The shipped model's file in an installation (the package's root: dist/ and schemas/ are beside each other). */
export function bundledSchemaFile(installDirectory: string): string {
  return join(installDirectory, 'schemas', 'libvirt-domain.json');
}

/** The schema shipped with the package installed at `installDirectory`; throws when its model cannot be read. */
export function loadBundledSchema(installDirectory: string): Schema {
  return Schema.fromModel(loadModelFile(bundledSchemaFile(installDirectory)), BUNDLED);
}
