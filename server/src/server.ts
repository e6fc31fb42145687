/**
 * LSP wiring only: keeps each open document's tree in step with its edits, and hands requests to
 * the feature functions. `node dist/server.js --stdio` (or --node-ipc from the extension).
 */
import * as path from 'node:path';
import {
  CompletionItem,
  CompletionItemKind,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  Position,
  TextDocumentSyncKind,
  createConnection,
} from 'vscode-languageserver/node';
import { DocsLanguage, resolveDocsLanguage } from './docs/elementDocs';
import { loadElementDocs } from './docs/loadDocs';
import { placeholderContentModel } from './features/childElements';
import { autoCloseAt } from './features/autoClose';
import { completeAt } from './features/completion';
import { Severity } from './features/finding';
import { hoverAt } from './features/hover';
import { IdleCollector } from './idleCollector';
import { checkWellFormedness } from './features/wellFormedness';
import { ParsedDocument } from './parser/parsedDocument';
import { DEFAULT_SETTINGS, ServerSettings, readSettings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const docs = loadElementDocs(path.resolve(__dirname, '..', 'schemas', 'docs'), (message) => connection.console.warn(message));

interface OpenDocument {
  version: number;
  parsed: ParsedDocument;
}

const documents = new Map<string, OpenDocument>();
const idleCollector = new IdleCollector();
let settings: ServerSettings = DEFAULT_SETTINGS;
let editorLocale: string | undefined;
let canPullConfiguration = false;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function maxParsedLength(): number {
  return settings.maxFileSizeMB * 1024 * 1024;
}

function docsLanguage(): DocsLanguage {
  return resolveDocsLanguage(settings.docsLanguage, editorLocale);
}

/** Runs a handler so that nothing it throws reaches the connection: a bad document costs one answer. */
function guarded<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return handler(...args);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}

connection.onInitialize((params) => {
  const options = params.initializationOptions as { locale?: unknown } | undefined;
  editorLocale = typeof options?.locale === 'string' ? options.locale : params.locale;
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['<', '/'] },
      hoverProvider: true,
    },
    serverInfo: { name: 'libvirt-xml' },
  };
});

connection.onInitialized(() => {
  void pullSettings();
});

async function pullSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    applySettings(readSettings(await connection.workspace.getConfiguration('libvirtXml')));
  } catch (error) {
    connection.console.warn(`Could not read the libvirtXml settings: ${String(error)}`);
  }
}

function applySettings(next: ServerSettings): void {
  const limitChanged = next.maxFileSizeMB !== settings.maxFileSizeMB;
  settings = next;
  for (const [uri, document] of documents) {
    if (limitChanged) document.parsed = ParsedDocument.parse(document.parsed.text, maxParsedLength());
    scheduleValidation(uri);
  }
}

connection.onDidChangeConfiguration(
  guarded('didChangeConfiguration', undefined, (change) => {
    const section = (change.settings as { libvirtXml?: unknown } | null)?.libvirtXml;
    if (section !== undefined) applySettings(readSettings(section));
    else void pullSettings();
  }),
);

connection.onDidOpenTextDocument(
  guarded('didOpen', undefined, ({ textDocument }) => {
    documents.set(textDocument.uri, { version: textDocument.version, parsed: ParsedDocument.parse(textDocument.text, maxParsedLength()) });
    scheduleValidation(textDocument.uri);
  }),
);

connection.onDidChangeTextDocument(
  guarded('didChange', undefined, ({ textDocument, contentChanges }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return;
    for (const change of contentChanges) {
      document.parsed.applyChange(change.text, 'range' in change ? change.range : undefined);
    }
    document.version = textDocument.version;
    scheduleValidation(textDocument.uri);
    releaseVersionWaiters(textDocument.uri, textDocument.version);
  }),
);

connection.onDidCloseTextDocument(
  guarded('didClose', undefined, ({ textDocument }) => {
    const closed = documents.get(textDocument.uri);
    documents.delete(textDocument.uri);
    pendingValidation.delete(textDocument.uri);
    if (closed) idleCollector.afterWork(closed.parsed.text.length);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  }),
);

// Edits that arrive together are validated once, after the last of them is applied.
const pendingValidation = new Set<string>();
let validationScheduled = false;

function scheduleValidation(uri: string): void {
  pendingValidation.add(uri);
  if (validationScheduled) return;
  validationScheduled = true;
  setImmediate(() => {
    validationScheduled = false;
    const uris = [...pendingValidation];
    pendingValidation.clear();
    for (const pending of uris) validate(pending);
  });
}

const validate = guarded('validation', undefined, (uri: string) => {
  const document = documents.get(uri);
  if (!document) return;
  const { parsed, version } = document;
  const diagnostics: Diagnostic[] = parsed.parsed
    ? checkWellFormedness(parsed.tree, settings.maxProblems).map((finding) => ({
        range: parsed.rangeOf(finding.start, finding.end),
        severity: SEVERITY[finding.severity],
        code: finding.code,
        source: 'libvirt-xml',
        message: finding.message,
      }))
    : [
        {
          range: parsed.rangeOf(0, 0),
          severity: DiagnosticSeverity.Information,
          code: 'file-too-large',
          source: 'libvirt-xml',
          message: `This file is ${(parsed.text.length / 1048576).toFixed(1)} MB, over the ${settings.maxFileSizeMB} MB set in libvirtXml.analysis.maxFileSizeMB: it is not checked.`,
        },
      ];
  void connection.sendDiagnostics({ uri, version, diagnostics });
  idleCollector.afterWork(parsed.text.length);
});

connection.onCompletion(
  guarded('completion', null, ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document || !document.parsed.parsed) return null;
    const { parsed } = document;
    const offset = parsed.offsetAt(position);
    const language = docsLanguage();
    const items: CompletionItem[] = completeAt(parsed, offset, placeholderContentModel).map((suggestion) => {
      const doc = suggestion.element ? docs.lookup(suggestion.element.name, suggestion.element.parent, language) : undefined;
      return {
        label: suggestion.label,
        kind: suggestion.kind === 'element' ? CompletionItemKind.Property : CompletionItemKind.Keyword,
        detail: suggestion.detail,
        documentation: doc ? { kind: MarkupKind.Markdown, value: doc.entry.markdown } : undefined,
        filterText: suggestion.filterText,
        sortText: suggestion.sortText,
        insertTextFormat: suggestion.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: parsed.rangeOf(suggestion.replaceStart, suggestion.replaceEnd), newText: suggestion.insertText },
      };
    });
    return { isIncomplete: false, items };
  }),
);

connection.onHover(
  guarded('hover', null, ({ textDocument, position }): Hover | null => {
    const document = documents.get(textDocument.uri);
    if (!document || !document.parsed.parsed) return null;
    const { parsed } = document;
    const result = hoverAt(parsed.tree, parsed.offsetAt(position), docs, docsLanguage());
    if (!result) return null;
    return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: parsed.rangeOf(result.start, result.end) };
  }),
);

/** The client asks right after the user types `>` or `/`; see features/autoClose.ts. */
const AUTO_CLOSE_TAG_REQUEST = 'libvirtXml/autoCloseTag';

connection.onRequest(AUTO_CLOSE_TAG_REQUEST, async ({ textDocument, position }: VersionedTextDocumentPositionParams): Promise<string | null> => {
  const document = await documentAtVersion(textDocument.uri, textDocument.version);
  if (!document || !document.parsed.parsed) return null;
  const { parsed } = document;
  return guarded('autoCloseTag', null, () => autoCloseAt(parsed.text, parsed.tree, parsed.offsetAt(position)) ?? null)();
});

interface VersionedTextDocumentPositionParams {
  textDocument: { uri: string; version: number };
  position: Position;
}

/** Requests made right after an edit may overtake its didChange: they wait for it (briefly). */
const versionWaiters = new Map<string, { version: number; resolve: () => void }[]>();

function documentAtVersion(uri: string, version: number): Promise<OpenDocument | undefined> {
  const document = documents.get(uri);
  if (!document || document.version >= version) return Promise.resolve(document);
  return new Promise((resolve) => {
    const waiter = { version, resolve: () => resolve(documents.get(uri)) };
    const waiters = versionWaiters.get(uri) ?? [];
    waiters.push(waiter);
    versionWaiters.set(uri, waiters);
    setTimeout(() => {
      const list = versionWaiters.get(uri);
      if (list?.includes(waiter)) {
        list.splice(list.indexOf(waiter), 1);
        resolve(undefined);
      }
    }, 1000).unref();
  });
}

function releaseVersionWaiters(uri: string, version: number): void {
  const waiters = versionWaiters.get(uri);
  if (!waiters) return;
  const ready = waiters.filter((waiter) => waiter.version <= version);
  versionWaiters.set(uri, waiters.filter((waiter) => waiter.version > version));
  for (const waiter of ready) waiter.resolve();
}

connection.listen();
