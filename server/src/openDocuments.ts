/** The documents the editor has open, kept parsed and in step with their edits. */
import { Edit } from './parser/incremental';
import { ParsedDocument, Range } from './parser/parsedDocument';

export interface OpenDocument {
  version: number;
  parsed: ParsedDocument;
}

export interface ContentChange {
  text: string;
  /** Absent: the whole text is replaced. */
  range?: Range;
}

interface VersionWaiter {
  version: number;
  resolve: (document: OpenDocument | undefined) => void;
}

/** How long a request waits for the edit it was made after. */
const VERSION_WAIT_MS = 1000;

export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();
  private readonly waiters = new Map<string, VersionWaiter[]>();

  /** `maxParsedLength`: texts longer than this are tracked but not parsed. */
  constructor(private readonly maxParsedLength: () => number) {}

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  open(uri: string, version: number, text: string): void {
    this.byUri.set(uri, { version, parsed: ParsedDocument.parse(text, this.maxParsedLength()) });
  }

  /** Applies the edits of one didChange in order and says what each replaced; undefined for a document that is not open. */
  change(uri: string, version: number, changes: readonly ContentChange[]): Edit[] | undefined {
    const document = this.byUri.get(uri);
    if (!document) return undefined;
    const edits = changes.map((change) => document.parsed.applyChange(change.text, change.range));
    document.version = version;
    this.releaseWaiters(uri, version);
    return edits;
  }

  close(uri: string): OpenDocument | undefined {
    const document = this.byUri.get(uri);
    this.byUri.delete(uri);
    return document;
  }

  /** Parses every document again, after the size limit changed. */
  reparseAll(): void {
    for (const document of this.byUri.values()) document.parsed = ParsedDocument.parse(document.parsed.text, this.maxParsedLength());
  }

  /**
   * The document once it has reached `version`: a request sent right after an edit may reach
   * the server before the edit's didChange. Undefined if that does not happen soon.
   */
  atVersion(uri: string, version: number): Promise<OpenDocument | undefined> {
    const document = this.byUri.get(uri);
    if (!document || document.version >= version) return Promise.resolve(document);
    return new Promise((resolve) => {
      const waiter: VersionWaiter = { version, resolve };
      const list = this.waiters.get(uri) ?? [];
      list.push(waiter);
      this.waiters.set(uri, list);
      setTimeout(() => {
        const pending = this.waiters.get(uri);
        const index = pending ? pending.indexOf(waiter) : -1;
        if (index < 0) return;
        pending!.splice(index, 1);
        resolve(undefined);
      }, VERSION_WAIT_MS).unref();
    });
  }

  private releaseWaiters(uri: string, version: number): void {
    const list = this.waiters.get(uri);
    if (!list) return;
    const document = this.byUri.get(uri);
    const ready = list.filter((waiter) => waiter.version <= version);
    this.waiters.set(uri, list.filter((waiter) => waiter.version > version));
    for (const waiter of ready) waiter.resolve(document);
  }
}
