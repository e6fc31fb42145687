/**
 * A schema ready to use: the derivative engine over a compiled grammar, its datatypes, and where
 * the grammar came from. Validation, completion and hover all read the same one.
 */
import * as fs from 'node:fs';
import { XsdDatatypes } from './datatypeChecker';
import { Derivatives } from './derivatives';
import { GrammarModel, fromModel } from './model';
import { Grammar } from './patterns';

export interface SchemaOrigin {
  /** libvirt's version, or 'unknown'. */
  libvirt: string;
  /** 'bundled', or the directory the schema was compiled from. */
  location: string;
}

export class Schema {
  readonly derivatives: Derivatives;
  readonly datatypes = new XsdDatatypes();

  constructor(
    readonly grammar: Grammar,
    readonly origin: SchemaOrigin,
    /** The model the grammar was read from, when it was (what can be read off it without building the grammar). */
    readonly model?: GrammarModel,
  ) {
    this.derivatives = new Derivatives(grammar, this.datatypes);
  }

  /** A schema of a model we ship: its grammar is built as validation reads it. */
  static fromModel(model: GrammarModel, location: string): Schema {
    return new Schema(fromModel(model, true), { libvirt: model.source.libvirt ?? 'unknown', location }, model);
  }

  /** "libvirt 12.8.0 (bundled)", or "libvirt schema from DIR" when the version is not known. */
  describe(): string {
    const { libvirt, location } = this.origin;
    return libvirt === 'unknown' ? `libvirt schema from ${location}` : `libvirt ${libvirt} (${location})`;
  }
}

/** The model shipped in schemas/libvirt-domain.json. */
export function loadModelFile(file: string): GrammarModel {
  const model = JSON.parse(fs.readFileSync(file, 'utf8')) as GrammarModel;
  if (model.format !== 1) throw new Error(`${file}: unknown schema model format ${String(model.format)}`);
  return model;
}
