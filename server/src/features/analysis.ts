/**
 * One analysis of one document version: what every feature reads. It holds the text and tree,
 * the schema with validation's memo (kept across versions by the document, so a keystroke
 * re-validates only what it touched), the host the pins are meant for, the libvirt rules' view
 * of the domain, and whatever is derived from them (the findings), each computed at most once
 * for the version, whichever feature asks first.
 */
import { ParsedDocument } from '../parser/parsedDocument';
import { NodeMemo } from '../parser/parsedDocument';
import { Words } from '../messages/words';
import { Domain } from '../rules/domain';
import { HostChecks } from '../rules/host/facts';
import { Schema } from '../schema/schema';
import { ElementValidation } from '../schema/validate';
import { HostTopology } from './cpuset/documentSets';
import { setAttributeKeysOf } from './cpuset/setAttributes';

export interface AnalysisContext {
  /** Undefined: well-formedness only (the bundled schema could not be loaded). */
  schema: Schema | undefined;
  /** The host's CPUs and NUMA nodes, when pins are checked against them. */
  host: HostTopology | undefined;
  /** The libvirt host the document is checked against, once its capabilities are read (rules/host/). */
  hostChecks?: HostChecks;
  /** Why a document with a libvirt connection is not checked against it (yet): its capabilities are being read, could not be read… */
  hostStatus?: Words;
  /** Most problems reported, and the size above which a document is not analysed. */
  limits: { maxProblems: number; maxFileSizeMB: number };
  /**
   * False where the document is analysed once and never edited (the command line): the checks
   * then remember nothing per element for the next version. True when left out (the server).
   */
  remembering?: boolean;
}

export class Analysis {
  private readonly derivedFacts = new Map<(analysis: Analysis) => unknown, unknown>();
  private domainView: Domain | undefined | null = null;

  constructor(
    readonly document: ParsedDocument,
    readonly context: AnalysisContext,
  ) {}

  /** A document parsed from `text` (tests, the command line). */
  static ofText(text: string, context: AnalysisContext): Analysis {
    return new Analysis(ParsedDocument.parse(text), context);
  }

  /** The text as one string (built once per version of a large document: prefer `source`). */
  get text() {
    return this.document.text;
  }

  /** The text, read in parts. */
  get source() {
    return this.document.source;
  }

  get tree() {
    return this.document.tree;
  }

  get schema() {
    return this.context.schema;
  }

  get host() {
    return this.context.host;
  }

  /** Validation's memo for the schema in use (none where nothing is remembered). */
  get memo(): NodeMemo<ElementValidation> | undefined {
    return this.context.schema && this.memos?.memo<ElementValidation>(this.context.schema);
  }

  /** Where the checks remember what they found per element: the document's memos, unless the context says not to. */
  get memos(): ParsedDocument | undefined {
    return this.context.remembering === false ? undefined : this.document;
  }

  /** "element@attribute" of the attributes the schema types as CPU or node lists. */
  get setKeys(): ReadonlySet<string> | undefined {
    return this.context.schema && setAttributeKeysOf(this.context.schema);
  }

  /** The rules' view of the domain; undefined when the root is not `<domain>`. */
  get domain(): Domain | undefined {
    if (this.domainView === null) this.domainView = Domain.of(this.text, this.tree);
    return this.domainView;
  }

  /** `compute(this)`, computed once for this version: the findings, say. */
  derived<T>(compute: (analysis: Analysis) => T): T {
    if (this.derivedFacts.has(compute)) return this.derivedFacts.get(compute) as T;
    const value = compute(this);
    this.derivedFacts.set(compute, value);
    return value;
  }
}
