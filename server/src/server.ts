/**
 * LSP wiring only: keeps each open document's tree in step with its edits, and hands requests to
 * the feature functions. `node dist/server.js --stdio` (or --node-ipc from the extension).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  Command,
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  CompletionParams,
  Diagnostic,
  DiagnosticSeverity,
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  FormattingOptions,
  Hover,
  InsertTextFormat,
  LinkedEditingRanges,
  LSPErrorCodes,
  Location,
  MarkupKind,
  Message,
  MessageReader,
  MessageType,
  Position,
  ProposedFeatures,
  RequestMessage,
  ResponseError,
  SelectionRange,
  ShowMessageNotification,
  SnippetTextEdit,
  SymbolInformation,
  SymbolKind,
  TextDocumentSyncKind,
  TextEdit,
  WorkspaceEdit,
  createConnection,
} from 'vscode-languageserver/node';
import { DocsLanguage, ElementDocs, inLanguage, resolveDocsLanguage } from './docs/elementDocs';
import { Words, render, words } from './messages/words';
import { messagesLocale } from './messages/locale';
import { loadElementDocs } from './docs/loadDocs';
import { autoCloseAt } from './features/autoClose';
import { CompletionSuggestion, completeAt } from './features/completion';
import { documentLinks } from './features/documentLinks';
import { completePath, pathQueryAt } from './features/pathCompletion';
import { readLocalDirectory } from './localDirectories';
import { documentFindings, incrementalFindings, mergeFindings, ruleFindings } from './features/diagnostics';
import { moveThroughEdits } from './features/movedFindings';
import { Edit } from './parser/incremental';
import { FixAction, fixAllAction, quickFixesAt } from './features/codeActions';
import { HostTopology } from './features/cpuset/documentSets';
import { Finding, Severity } from './finding';
import { hostTopology } from './hostTopology';
import { connectionFacts } from './hostConnection';
import { HostAnswer, HostFactsCache } from './libvirt/hostFacts';
import { oneShotVirsh } from './libvirt/virsh';
import { hostStatusHover, hostStatusOf } from './features/hostStatus';
import { hoverAt } from './features/hover';
import { FoldKind, foldingRanges } from './features/folding';
import { selectionRangesAt } from './features/selectionRanges';
import { TAG_NAME_PATTERN, linkedTagNamesAt, renameTagAt, tagNamesAt } from './features/tagPairs';
import { Span } from './rules/domain';
import { FormatOptions, Formatting, formatDocument, formatRange } from './features/formatting';
import { DocumentSymbolItem, documentSymbols, workspaceSymbols } from './features/symbols';
import { withRuleExplanations } from './features/ruleHover';
import { definitionAt, referenceHighlightsAt, referencesAt } from './features/references/navigation';
import { Refusal, RenameEdit, prepareReferenceRename, referenceRenameEdits } from './features/references/rename';
import { ruleByCode, ruleHelpUri } from './rules';
import { IdleCollector } from './idleCollector';
import { OpenDocument, OpenDocuments } from './openDocuments';
import { ParsedDocument } from './parser/parsedDocument';
import { INSTALL_DIRECTORY } from './installation';
import { Schema, loadBundledSchema } from './schema/schema';
import { SYSTEM_SCHEMA_DIRECTORY, chooseSchema } from './schema/userSchema';
import { defaultCacheDirectory } from './schema/schemaCache';
import {
  AUTO_CLOSE_TAG_REQUEST,
  AutoCloseTagParams,
  DEFINE_RESULT_NOTIFICATION,
  DOCUMENT_CONNECTION_NOTIFICATION,
  DefineResult,
  DocumentConnection,
  SCHEMA_IN_USE_NOTIFICATION,
  WORKSPACE_TRUST_NOTIFICATION,
  WorkspaceTrust,
} from './protocol';
import { refusalFinding } from './features/libvirtRefusal';
import { DEFAULT_SETTINGS, ServerSettings, readSettings } from './settings';
import { Analysis, AnalysisContext } from './features/analysis';
import { FramingWatch } from './framingWatch';
import { warmUpSteps } from './features/warmUp';
import { DirectMessageWriter } from './directMessageWriter';

// A request still queued when its $/cancelRequest arrives is answered at once, without running it.
const strategy = { cancelUndispatched: (message: Message) => ({ jsonrpc: '2.0', id: (message as RequestMessage).id, error: cancelledError().toJson() }) };
const overStdio = process.argv.includes('--stdio');
// Over stdio, answers go out through DirectMessageWriter, one write each. stdin is given as the
// stream it is, so the library still exits when it closes (its typings pair a stream only with a stream).
const connection = overStdio
  ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new DirectMessageWriter(process.stdout), strategy)
  : createConnection(ProposedFeatures.all, strategy);
if (overStdio) {
  watchStdinFraming();
  keepConsoleOffStdout();
}
/** Hover's and completion items' docs, a megabyte of JSON in two languages: read when first asked for, or by the warm-up, not at start. */
let loadedDocs: ElementDocs | undefined;
function elementDocs(): ElementDocs {
  return (loadedDocs ??= loadElementDocs(path.resolve(__dirname, '..', 'schemas', 'docs'), (message) => connection.console.warn(message)));
}
const bundledSchema = bundledSchemaOrNone();
let schema = bundledSchema;
let schemaCacheDirectory = defaultCacheDirectory();

let settings: ServerSettings = DEFAULT_SETTINGS;
let host: HostTopology | undefined = useHostFrom(DEFAULT_SETTINGS);
/**
 * What every analysis is made with; a new object whenever the schema, the host or the settings
 * change. A document checked against a libvirt connection gets its own (contextOf).
 */
let context: AnalysisContext = { schema, host, limits: settings };
const documents = new OpenDocuments(() => settings.maxFileSizeMB * 1024 * 1024);
const idleCollector = new IdleCollector();
let editorLocale: string | undefined;
let canPullConfiguration = false;
/** The client applies SnippetTextEdits in a fix's TextDocumentEdit (workspaceEdit.snippetEditSupport). */
let clientTakesSnippetEdits = false;
/** The client takes a completion list's item defaults for the edit range and the insert format (completionList.itemDefaults). */
let clientTakesItemDefaults = false;
/** VS Code's workspace trust (protocol.ts): path completion reads the local file system only when trusted. */
let workspaceTrusted = true;
/** The most folding ranges the client takes (VS Code's editor.foldingMaximumRegions is 5000 by default). */
let foldingRangeLimit = 5000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The schema shipped with the extension; without it, only well-formedness is checked. */
function bundledSchemaOrNone(): Schema | undefined {
  try {
    return loadBundledSchema(INSTALL_DIRECTORY);
  } catch (error) {
    connection.console.error(`Could not load the bundled schema, so documents are checked for well-formedness only: ${String(error)}`);
    return undefined;
  }
}

/** The language of docs and messages: libvirtXml.language, or else the editor's. */
function docsLanguage(): DocsLanguage {
  return resolveDocsLanguage(settings.language, editorLocale);
}

/** A finding's (or related place's) message in the user's language, where the check gave its words. */
function inUserLanguage(said: { message: string; words?: Words }): string {
  return inUserWords(said.message, said.words);
}

/** `english` in the user's language: its `words` where given (a fix title, a completion detail). */
function inUserWords(english: string, said: Words | undefined): string {
  // The English is rendered already, where the finding was made: no second render per publish.
  const language = docsLanguage();
  return said && language !== 'en' ? render(said, language) : english;
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

function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * A request handler that first yields once, so that a $/cancelRequest sent after the request is
 * read before the work starts (the next message is handled only after this continuation), and
 * answers RequestCancelled instead of working for an answer no one waits for.
 */
function cancellable<P, R>(handler: (params: P) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    noteMessage();
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) return cancelledError();
    noteMessage();
    return await handler(params);
  };
}

/**
 * stdout carries the protocol: what a library prints goes to the client's log instead, as
 * vscode-languageserver arranges itself when it opens stdio (not when given the streams, as here
 * for DirectMessageWriter). console.warn and console.error write to stderr.
 */
function keepConsoleOffStdout(): void {
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = console.dir = toLog;
}

/** Broken framing on stdin (framingWatch.ts): log and exit, so that the client starts a new server. */
function watchStdinFraming(): void {
  const watch = new FramingWatch();
  process.stdin.on('data', (chunk: Buffer) => {
    const problem = watch.feed(chunk);
    if (!problem) return;
    process.stderr.write(`libvirt-xml language server: broken message framing on stdin, exiting: ${problem}\n`);
    process.exit(1);
  });
}

connection.onInitialize((params) => {
  const options = params.initializationOptions as { locale?: unknown; cacheDirectory?: unknown; workspaceTrusted?: unknown } | undefined;
  // An editor that sends no locale (Neovim, Helix, eglot) runs in a terminal: its locale is the server's.
  editorLocale = typeof options?.locale === 'string' ? options.locale : (params.locale ?? messagesLocale(process.env));
  if (typeof options?.cacheDirectory === 'string' && options.cacheDirectory !== '') schemaCacheDirectory = options.cacheDirectory;
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
  clientTakesSnippetEdits = workspaceEdit?.snippetEditSupport === true && workspaceEdit.documentChanges === true;
  if (typeof options?.workspaceTrusted === 'boolean') workspaceTrusted = options.workspaceTrusted;
  foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit ?? foldingRangeLimit;
  const itemDefaults = params.capabilities.textDocument?.completion?.completionList?.itemDefaults ?? [];
  clientTakesItemDefaults = itemDefaults.includes('editRange') && itemDefaults.includes('insertTextFormat');
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      // A space in a start tag asks for attributes, a quote for the attribute's values, and
      // `,` `^` `-` for the next item of a cpuset list (they ask nothing elsewhere).
      // Docs come with completionItem/resolve, for the item shown, so the list itself stays small.
      completionProvider: { triggerCharacters: ['<', '/', ' ', '"', "'", ',', '^', '-'], resolveProvider: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      documentLinkProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      linkedEditingRangeProvider: true,
      documentHighlightProvider: true,
      // Rename options only to a client that says it asks prepareRename first (LSP 3.17).
      renameProvider: params.capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      workspaceSymbolProvider: true,
    },
    serverInfo: { name: 'libvirt-xml' },
  };
});

/**
 * Until the client's settings first arrive, documents are not validated: diagnostics made with
 * the defaults (this machine's CPUs, say) would show and then change. A client that answers
 * workspace/configuration slowly is waited for at most FIRST_SETTINGS_WAIT_MS.
 */
const FIRST_SETTINGS_WAIT_MS = 1_000;
let awaitingFirstSettings = false;

connection.onInitialized(() => {
  awaitingFirstSettings = canPullConfiguration;
  const waited = setTimeout(firstSettingsSettled, FIRST_SETTINGS_WAIT_MS);
  // Without settings from the client the schema is still chosen (the bundled one) and announced.
  void pullSettings().finally(() => {
    clearTimeout(waited);
    firstSettingsSettled();
    return useSchemaFrom(settings);
  });
});

/**
 * The warm-up's steps still to run (features/warmUp.ts), made once the first diagnostics are out
 * (the first document is checked first). A step runs once the server has been idle for
 * WARM_UP_PAUSE_MS (the requests an editor sends when a document opens are answered first),
 * while the user reads the diagnostics: what comes during a step waits for that step only.
 */
let warmUp: (() => void)[] | undefined;
const WARM_UP_PAUSE_MS = 100;

function warmUpWhenIdle(): void {
  if (warmUp!.length === 0) return;
  const quietFor = nowMs() - lastBusyAt;
  if (quietFor >= WARM_UP_PAUSE_MS && !validationScheduled) guarded('warmUp', undefined, warmUp!.shift()!)();
  // A timer, not setImmediate: the messages that came during the step are read first.
  setTimeout(warmUpWhenIdle, Math.max(0, WARM_UP_PAUSE_MS - quietFor));
}

function firstSettingsSettled(): void {
  if (!awaitingFirstSettings) return;
  awaitingFirstSettings = false;
  for (const uri of documents.uris()) scheduleValidation(uri);
}

async function pullSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    applySettings(readSettings(await connection.workspace.getConfiguration('libvirtXml')));
  } catch (error) {
    connection.console.warn(`Could not read the libvirtXml settings: ${String(error)}`);
  }
}

/** The host the pins are checked against, from the settings or this machine; problems are logged. */
function useHostFrom(next: ServerSettings): HostTopology | undefined {
  const { topology, problems } = hostTopology(next);
  for (const problem of problems) connection.console.warn(problem);
  return topology;
}

function applySettings(next: ServerSettings): void {
  const limitChanged = next.maxFileSizeMB !== settings.maxFileSizeMB;
  // Another virsh may answer otherwise: what the old one read is forgotten.
  if (next.virshPath !== settings.virshPath) hostFacts.refresh();
  settings = next;
  host = useHostFrom(next);
  context = { schema, host, limits: settings };
  connectionContexts.clear();
  untrustedContexts.clear();
  if (limitChanged) documents.reparseAll();
  for (const uri of documents.uris()) scheduleValidation(uri);
  void useSchemaFrom(next);
}

/** The libvirtXml.schema settings last acted on: only a change loads a schema again. */
let schemaSettingsKey: string | undefined;
/** Stops the load under way (its worker) when the settings ask for another schema. */
let schemaLoad: AbortController | undefined;

/** Loads the schema the settings name (or falls back to the bundled one), tells the client, re-validates. */
async function useSchemaFrom(next: ServerSettings): Promise<void> {
  const key = JSON.stringify([next.schemaPath, next.useSystemSchemas]);
  if (key === schemaSettingsKey) return;
  schemaSettingsKey = key;
  schemaLoad?.abort();
  schemaLoad = new AbortController();
  try {
    const choice = await chooseSchema(next, bundledSchema, schemaCacheDirectory, SYSTEM_SCHEMA_DIRECTORY, schemaLoad.signal);
    if (key !== schemaSettingsKey) return; // the settings changed again while this one loaded
    schema = choice.schema;
    context = { schema, host, limits: settings };
    connectionContexts.clear();
    untrustedContexts.clear();
    for (const note of choice.notes) connection.console.info(note);
    if (choice.inUse.error) connection.console.warn(`Validating with ${choice.inUse.description}: ${choice.inUse.error}`);
    // The log in English; the status item in the user's language.
    const inUse = choice.errorWords ? { ...choice.inUse, error: render(choice.errorWords, docsLanguage()) } : choice.inUse;
    void connection.sendNotification(SCHEMA_IN_USE_NOTIFICATION, inUse);
    for (const uri of documents.uris()) scheduleValidation(uri);
  } catch (error) {
    connection.console.error(`Choosing the schema failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/*
 * Checks against libvirt hosts (rules/host/): per document, the connection the client chose
 * (DOCUMENT_CONNECTION_NOTIFICATION: a live definition's own, the status item's choice) or else
 * libvirtXml.host.connection; none in an untrusted workspace or with libvirtXml.host.checks off.
 * What virsh says of each host is read in the background (libvirt/hostFacts.ts): a document is
 * checked with what is known, and again when more arrives.
 */
const hostFacts = new HostFactsCache({
  virsh: (uri) => oneShotVirsh(uri, { virshPath: settings.virshPath }),
  onChange: (uri) => hostFactsArrived(uri),
  onFailure: (uri, reason) => connection.console.warn(render(words('host.log.failed', { uri, reason }), 'en')),
});
/** Per document URI: the connection the client chose for it ('' for none); absent: the setting's. */
const documentConnections = new Map<string, string>();
/** Per connection: the context its documents are analysed with, and the host answer it was made from. */
const connectionContexts = new Map<string, { answer: HostAnswer; context: AnalysisContext }>();
/** The notes already logged, per connection: each is said once. */
const loggedHostNotes = new Set<string>();

/** The libvirt connection chosen for the document, whether or not the workspace lets it be used. */
function chosenConnection(uri: string): string | undefined {
  if (!settings.hostChecks) return undefined;
  return documentConnections.get(uri) ?? (settings.hostConnection || undefined);
}

/** The libvirt connection the document is checked against, if any: none in an untrusted workspace. */
function connectionOf(uri: string): string | undefined {
  return workspaceTrusted ? chosenConnection(uri) : undefined;
}

/** Per connection, in an untrusted workspace: the context that says why its documents are not checked against it. */
const untrustedContexts = new Map<string, AnalysisContext>();

/** The context a document is analysed with: the common one, or its connection's. */
function contextOf(uri: string): AnalysisContext {
  const target = connectionOf(uri);
  if (!target) {
    const chosen = chosenConnection(uri);
    if (!chosen) return context;
    let untrusted = untrustedContexts.get(chosen);
    if (!untrusted) untrustedContexts.set(chosen, (untrusted = { ...context, hostStatus: words('host.note.untrusted', { uri: chosen }) }));
    return untrusted;
  }
  const answer = hostFacts.host(target);
  const cached = connectionContexts.get(target);
  if (cached && cached.answer === answer) return cached.context;
  const made: AnalysisContext = { ...context, ...connectionFacts(hostFacts, target, answer) };
  connectionContexts.set(target, { answer, context: made });
  return made;
}

/** An answer about `target` arrived: its documents are checked again with it. */
function hostFactsArrived(target: string): void {
  connectionContexts.delete(target);
  for (const uri of documents.uris()) if (connectionOf(uri) === target) scheduleValidation(uri);
}

/** Logs, once per connection, what the host checks of a document could not do (the driver has no domcapabilities…). */
function logHostNotes(uri: string, analysis: Analysis): void {
  const target = connectionOf(uri);
  const status = target && hostStatusOf(analysis);
  if (!target || !status) return;
  for (const note of status.notes) {
    if (note.key === 'host.note.reading') continue;
    const line = render(note, 'en');
    const key = `${target}\n${line}`;
    if (loggedHostNotes.has(key) || loggedHostNotes.size > 1000) continue;
    loggedHostNotes.add(key);
    connection.console.info(line);
  }
}

connection.onNotification(
  DOCUMENT_CONNECTION_NOTIFICATION,
  guarded('documentConnection', undefined, ({ textDocument, connection: chosen }: DocumentConnection) => {
    if (typeof textDocument?.uri !== 'string') return;
    if (typeof chosen === 'string') documentConnections.set(textDocument.uri, chosen.trim());
    else documentConnections.delete(textDocument.uri);
    if (documents.get(textDocument.uri)) scheduleValidation(textDocument.uri);
  }),
);

/** The analysis of each open document, for the version and context it was made for. */
const analyses = new Map<string, { version: number; context: AnalysisContext; analysis: Analysis }>();

/** The analysis of the document's current version: made once, whichever request asks first. */
function analysisOf(uri: string, document: OpenDocument): Analysis {
  const cached = analyses.get(uri);
  const current = contextOf(uri);
  if (cached && cached.version === document.version && cached.context === current) return cached.analysis;
  const analysis = new Analysis(document.parsed, current);
  analyses.set(uri, { version: document.version, context: current, analysis });
  return analysis;
}

/** The analysis behind a request, if the document is open and not over the size limit. */
function analysed(uri: string, document: OpenDocument | undefined): Analysis | undefined {
  return document?.parsed.parsed ? analysisOf(uri, document) : undefined;
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
    documents.open(textDocument.uri, textDocument.version, textDocument.text);
    scheduleValidation(textDocument.uri);
  }),
);

connection.onDidChangeTextDocument(
  guarded('didChange', undefined, ({ textDocument, contentChanges }) => {
    const changes = contentChanges.map((change) => ('range' in change ? { text: change.text, range: change.range } : { text: change.text }));
    const edits = documents.change(textDocument.uri, textDocument.version, changes);
    if (!edits) return;
    rulesRuns.get(textDocument.uri)?.edits.push(...edits);
    defineRefusals.get(textDocument.uri)?.edits.push(...edits);
    scheduleValidation(textDocument.uri);
  }),
);

connection.onDidCloseTextDocument(
  guarded('didClose', undefined, ({ textDocument }) => {
    const closed = documents.close(textDocument.uri);
    pendingValidation.delete(textDocument.uri);
    analyses.delete(textDocument.uri);
    published.delete(textDocument.uri);
    clearTimeout(rulesRuns.get(textDocument.uri)?.timer);
    rulesRuns.delete(textDocument.uri);
    defineRefusals.delete(textDocument.uri);
    documentConnections.delete(textDocument.uri);
    if (closed) idleCollector.afterWork(closed.parsed.length);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  }),
);

/*
 * Edits that arrive together are validated once, after the last of them is applied: vscode-jsonrpc
 * handles one message per event loop turn, so validation waits for a turn in which no edit or
 * request was handled. A burst of edits thus never computes diagnostics for a version a newer
 * edit already replaced, and requests between the edits are answered before any validation.
 */
const pendingValidation = new Set<string>();
let validationScheduled = false;
/** Edits and requests handled since validation last looked; it waits while this grows. */
let messagesSinceValidationCheck = 0;
/** When the server last handled an edit or a request or published diagnostics (nowMs()); the warm-up waits for a pause. */
let lastBusyAt = 0;

/**
 * Milliseconds on a monotonic clock. Not performance.now(): its first read loads node:perf_hooks,
 * which cost the first didOpen about 8M instructions.
 */
function nowMs(): number {
  return process.uptime() * 1000;
}

function noteMessage(): void {
  messagesSinceValidationCheck++;
  lastBusyAt = nowMs();
}

function scheduleValidation(uri: string): void {
  pendingValidation.add(uri);
  noteMessage();
  if (validationScheduled) return;
  validationScheduled = true;
  setImmediate(validateWhenQuiet);
}

function validateWhenQuiet(): void {
  if (messagesSinceValidationCheck > 0) {
    messagesSinceValidationCheck = 0;
    setImmediate(validateWhenQuiet);
    return;
  }
  validationScheduled = false;
  // What is pending stays so; firstSettingsSettled schedules every document again.
  if (awaitingFirstSettings) return checkAheadOfSettings();
  const uris = [...pendingValidation];
  pendingValidation.clear();
  for (const pending of uris) validate(pending);
}

/**
 * While the first settings are awaited, the documents waiting for them are checked with the
 * defaults and nothing is published: most of a fresh server's first check is code and schema
 * derivatives met for the first time, and the checks remember per element what they found, so
 * once the settings come the diagnostics cost little more than libvirt's rules. Only documents
 * whose rules run on every keystroke (RULES_INLINE_LENGTH): in a larger one the rules' second run
 * would hold the diagnostics back.
 */
function checkAheadOfSettings(): void {
  for (const uri of pendingValidation) {
    const document = documents.get(uri);
    if (document?.parsed.parsed && document.parsed.length <= RULES_INLINE_LENGTH) guarded('checkAhead', undefined, () => documentFindings(analysisOf(uri, document)))();
  }
}

/**
 * libvirt's rules read the whole domain: about 5 ms at 64 KB, 30 at 1 MB. In a document larger
 * than RULES_INLINE_LENGTH a keystroke publishes the other checks at once with the rules' last
 * findings moved through the edits since, and the rules run again once the edits pause for
 * RULES_PAUSE_MS.
 */
const RULES_INLINE_LENGTH = 64 * 1024;
const RULES_PAUSE_MS = 150;

interface RulesRun {
  findings: Finding[];
  /** The edits applied since the findings were computed. */
  edits: Edit[];
  timer?: NodeJS.Timeout;
}

const rulesRuns = new Map<string, RulesRun>();

/** What was last published per document, for code actions and hover on that version. */
const published = new Map<string, { version: number; context: AnalysisContext; findings: Finding[] }>();

/** In a large document between the rules' runs: the other checks, with the rules' last findings moved through the edits since. */
function findingsWithMovedRules(uri: string, document: OpenDocument, analysis: Analysis): Finding[] | undefined {
  const run = rulesRuns.get(uri);
  if (!run || document.parsed.length <= RULES_INLINE_LENGTH || published.get(uri)?.context !== contextOf(uri)) return undefined;
  return mergeFindings(incrementalFindings(analysis), moveThroughEdits(run.findings, run.edits), settings.maxProblems);
}

const validate = guarded('validation', undefined, (uri: string) => {
  const document = documents.get(uri);
  if (!document) return;
  const analysis = analysisOf(uri, document);
  const findings = findingsWithMovedRules(uri, document, analysis);
  if (!findings) return runRulesAndPublish(uri);
  publish(uri, document, findings);
  const run = rulesRuns.get(uri)!;
  clearTimeout(run.timer);
  run.timer = setTimeout(() => runRulesAndPublish(uri), RULES_PAUSE_MS);
});

const runRulesAndPublish = guarded('rules', undefined, (uri: string) => {
  const document = documents.get(uri);
  // Edits waiting to be validated: they will run the rules again for their version.
  if (!document || pendingValidation.has(uri)) return;
  const analysis = analysisOf(uri, document);
  clearTimeout(rulesRuns.get(uri)?.timer);
  rulesRuns.set(uri, { findings: ruleFindings(analysis), edits: [] });
  publish(uri, document, documentFindings(analysis));
  logHostNotes(uri, analysis);
});

/**
 * Per live definition: what libvirt said when it last refused to define it (the client saves
 * those with `virsh define`), shown until a define succeeds, moved through the edits since.
 */
const defineRefusals = new Map<string, { finding: Finding; edits: Edit[] }>();

connection.onNotification(
  DEFINE_RESULT_NOTIFICATION,
  guarded('defineResult', undefined, ({ textDocument, connection: host, refusal }: DefineResult) => {
    const document = documents.get(textDocument.uri);
    if (!document) return;
    const analysis = analysed(textDocument.uri, document);
    if (refusal === null || !analysis) defineRefusals.delete(textDocument.uri);
    else defineRefusals.set(textDocument.uri, { finding: refusalFinding(analysis, currentFindings(textDocument.uri, analysis), host, refusal), edits: [] });
    scheduleValidation(textDocument.uri);
  }),
);

function publish(uri: string, document: OpenDocument, checked: Finding[]): void {
  const refused = defineRefusals.get(uri);
  const findings = refused ? [...moveThroughEdits([refused.finding], refused.edits), ...checked] : checked;
  const { parsed, version } = document;
  published.set(uri, { version, context: contextOf(uri), findings });
  const diagnostics: Diagnostic[] = findings.map((finding) => diagnosticOf(uri, parsed, finding));
  void connection.sendDiagnostics({ uri, version, diagnostics });
  idleCollector.afterWork(parsed.length);
  lastBusyAt = nowMs();
  if (!warmUp) {
    warmUp = warmUpSteps(context, elementDocs, docsLanguage());
    warmUpWhenIdle();
  }
}

/**
 * The findings of the document's current version: those published, else those validation will
 * publish (a request between the edits of a burst in a large document does not run the rules).
 */
function currentFindings(uri: string, analysis: Analysis): Finding[] {
  const last = published.get(uri);
  const document = documents.get(uri);
  if (last && document && last.version === document.version && last.context === contextOf(uri)) return last.findings;
  return (document && findingsWithMovedRules(uri, document, analysis)) ?? documentFindings(analysis);
}

/**
 * libvirt's rule findings as the editor shows them: the last run's, moved through the edits since
 * (VS Code moves the published diagnostics the same way), so that a hover between keystrokes
 * does not run the rules again. Computed now only before the rules' first run.
 */
function shownRuleFindings(uri: string, analysis: Analysis): Finding[] {
  const run = rulesRuns.get(uri);
  if (!run || published.get(uri)?.context !== contextOf(uri)) return ruleFindings(analysis);
  return run.edits.length > 0 ? moveThroughEdits(run.findings, run.edits) : run.findings;
}

function diagnosticOf(uri: string, parsed: ParsedDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: parsed.rangeOf(finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: 'libvirt-xml',
    message: inUserLanguage(finding),
  };
  const rule = ruleByCode(finding.code);
  if (rule) diagnostic.codeDescription = { href: ruleHelpUri(rule) };
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((related) => ({ location: { uri, range: parsed.rangeOf(related.start, related.end) }, message: inUserLanguage(related) }));
  }
  return diagnostic;
}

/** `source.fixAll.libvirt-xml`: for "Source Action…" and editor.codeActionsOnSave. */
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.libvirt-xml`;

/**
 * A fix's edits; where the client takes snippet edits (LSP 3.18, VS Code through
 * vscode-languageclient 10 and later) its snippet, such as a missing attribute's allowed values
 * to choose from, replaces the plain text.
 */
function workspaceEditOf(uri: string, version: number, parsed: ParsedDocument, action: FixAction): WorkspaceEdit {
  const { snippet } = action;
  if (!snippet || !clientTakesSnippetEdits) {
    return { changes: { [uri]: action.edits.map((edit) => ({ range: parsed.rangeOf(edit.start, edit.end), newText: edit.newText })) } };
  }
  const edits = action.edits.map((edit): TextEdit | SnippetTextEdit => {
    const range = parsed.rangeOf(edit.start, edit.end);
    return edit.start === snippet.start && edit.end === snippet.end ? { range, snippet: { kind: 'snippet', value: snippet.snippet } } : { range, newText: edit.newText };
  });
  return { documentChanges: [{ textDocument: { uri, version }, edits }] };
}

connection.onCodeAction(
  cancellable(guarded('codeAction', null, ({ textDocument, range, context }): CodeAction[] | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const wanted = (kind: string) => !context.only || context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
    const actions: FixAction[] = [];
    if (wanted(CodeActionKind.QuickFix)) actions.push(...quickFixesAt(currentFindings(textDocument.uri, analysis), parsed.offsetAt(range.start), parsed.offsetAt(range.end)));
    // Only when asked for (Source Action menu, on save): the lightbulb asks with no `only` on
    // every cursor move, and fix-all reads every set value of the document.
    if (context.only && wanted(FIX_ALL_KIND)) {
      const all = fixAllAction(analysis);
      if (all) actions.push(all);
    }
    return actions.map((action) => ({
      title: inUserWords(action.title, action.titleWords),
      kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : FIX_ALL_KIND,
      isPreferred: action.preferred || undefined,
      // The editor's own diagnostics for what the action resolves, matched by range and code.
      diagnostics: context.diagnostics.filter((d) =>
        action.findings.some((f) => d.code === f.code && parsed.offsetAt(d.range.start) === f.start && parsed.offsetAt(d.range.end) === f.end),
      ),
      edit: workspaceEditOf(textDocument.uri, documents.get(textDocument.uri)!.version, parsed, action),
    }));
  })),
);

const COMPLETION_KIND: Record<CompletionSuggestion['kind'], CompletionItemKind> = {
  element: CompletionItemKind.Property,
  attribute: CompletionItemKind.Field,
  value: CompletionItemKind.EnumMember,
  closingTag: CompletionItemKind.Keyword,
};

/** What completionItem/resolve needs to find an item's docs. */
type DocsKey = Pick<CompletionSuggestion, 'element' | 'attribute'>;

/** The tail of an element's path that completion knows: its parent, if any, and its name. */
function knownPath(parent: string | undefined, name: string): string[] {
  return parent === undefined ? [name] : [parent, name];
}

/** The docs text of an element, or of an attribute from its element's entry. */
function suggestionDocs(key: DocsKey, language: DocsLanguage): string | undefined {
  const docs = elementDocs();
  const found = key.element
    ? docs.elementDoc(knownPath(key.element.parent, key.element.name), language)?.markdown
    : key.attribute && docs.attributeDoc(knownPath(key.attribute.parent, key.attribute.element), key.attribute.name, language);
  return found && inLanguage(found, language);
}

connection.onCompletion(
  cancellable(withItemDefaults(withHostPaths(guarded('completion', null, ({ textDocument, position, context }: CompletionParams): CompletionList | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const items: CompletionItem[] = completeAt(analysis, parsed.offsetAt(position), context?.triggerCharacter).map((suggestion) => {
      const key: DocsKey | undefined = suggestion.element || suggestion.attribute ? { element: suggestion.element, attribute: suggestion.attribute } : undefined;
      return {
        label: suggestion.label,
        kind: COMPLETION_KIND[suggestion.kind],
        detail: inUserWords(suggestion.detail, suggestion.detailWords),
        data: key,
        // The client filters by the label when there is no filterText.
        filterText: suggestion.filterText === suggestion.label ? undefined : suggestion.filterText,
        sortText: suggestion.sortText,
        insertTextFormat: suggestion.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: parsed.rangeOf(suggestion.replaceStart, suggestion.replaceEnd), newText: suggestion.insertText },
      };
    });
    return { isIncomplete: false, items };
  })))),
);

/**
 * The list with what its items share said once (CompletionList.itemDefaults, LSP 3.17) where the
 * client takes it, as VS Code does: the range the items replace, each item then giving only its
 * text (textEditText), and the snippet format. The 31 elements in <devices> were 11.5 KB of JSON.
 */
function withItemDefaults(completion: (params: CompletionParams) => Promise<CompletionList | null>): (params: CompletionParams) => Promise<CompletionList | null> {
  return async (params) => {
    const list = await completion(params);
    const edits = list?.items.map((item) => item.textEdit);
    if (!list || !edits || edits.length < 2 || !clientTakesItemDefaults) return list;
    const range = edits[0] && 'range' in edits[0] ? edits[0].range : undefined;
    // An item without an edit would take the default range: only lists whose items all have one.
    if (!range || !edits.every((edit) => edit && 'range' in edit)) return list;
    const items = list.items.map(({ textEdit, insertTextFormat, ...item }): CompletionItem => {
      const edit = textEdit as TextEdit;
      const sameRange = edit.range.start.line === range.start.line && edit.range.start.character === range.start.character && edit.range.end.line === range.end.line && edit.range.end.character === range.end.character;
      const format = insertTextFormat ?? InsertTextFormat.PlainText;
      return { ...item, ...(sameRange ? { textEditText: edit.newText } : { textEdit: edit }), ...(format === InsertTextFormat.Snippet ? {} : { insertTextFormat: format }) };
    });
    return { ...list, itemDefaults: { editRange: range, insertTextFormat: InsertTextFormat.Snippet }, items };
  };
}

/** After a folder is picked, its entries are asked for (the editor does not ask on text a completion inserts). */
const SUGGEST_AGAIN = Command.create('Suggest', 'editor.action.triggerSuggest');

/** The schema's completion, with the local files and folders when the cursor is in a host path value. */
function withHostPaths(schemaCompletion: (params: CompletionParams) => CompletionList | null): (params: CompletionParams) => Promise<CompletionList | null> {
  return async (params) => {
    const list = schemaCompletion(params);
    const paths = await hostPathItems(params.textDocument.uri, params.position);
    if (paths.items.length === 0 && !paths.incomplete) return list;
    return { isIncomplete: (list?.isIncomplete ?? false) || paths.incomplete, items: [...(list?.items ?? []), ...paths.items] };
  };
}

/** Local files and folders for a host path value (features/pathCompletion.ts): in a trusted workspace, for `file:` documents. */
async function hostPathItems(uri: string, position: Position): Promise<{ items: CompletionItem[]; incomplete: boolean }> {
  const none = { items: [], incomplete: false };
  if (!workspaceTrusted || !uri.startsWith('file:')) return none;
  const analysis = analysed(uri, documents.get(uri));
  const query = analysis && guarded('pathCompletion', undefined, () => pathQueryAt(analysis, analysis.document.offsetAt(position), path.dirname(fileURLToPath(uri))))();
  if (!analysis || !query) return none;
  const range = analysis.document.rangeOf(query.replaceStart, query.replaceEnd);
  const { suggestions, incomplete } = await completePath(query, readLocalDirectory);
  const items = suggestions.map(
    (suggestion): CompletionItem => ({
      label: suggestion.label,
      kind: suggestion.kind === 'directory' ? CompletionItemKind.Folder : CompletionItemKind.File,
      detail: inUserWords(suggestion.detail, suggestion.detailWords),
      filterText: suggestion.filterText,
      sortText: suggestion.sortText,
      textEdit: { range, newText: suggestion.insertText },
      command: suggestion.kind === 'directory' ? SUGGEST_AGAIN : undefined,
    }),
  );
  return { items, incomplete };
}

connection.onNotification(
  WORKSPACE_TRUST_NOTIFICATION,
  guarded('workspaceTrust', undefined, (params: WorkspaceTrust) => {
    const trusted = params.trusted === true;
    if (trusted === workspaceTrusted) return;
    workspaceTrusted = trusted;
    // Host checks are on only in a trusted workspace.
    for (const uri of documents.uris()) scheduleValidation(uri);
  }),
);

connection.onCompletionResolve((item: CompletionItem) =>
  guarded('completionItem/resolve', item, () => {
    const doc = item.data ? suggestionDocs(item.data as DocsKey, docsLanguage()) : undefined;
    return doc ? { ...item, documentation: { kind: MarkupKind.Markdown, value: doc } } : item;
  })(),
);

connection.onHover(
  cancellable(guarded('hover', null, ({ textDocument, position }): Hover | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const offset = parsed.offsetAt(position);
    const result = withHostStatus(withRuleExplanations(hoverAt(analysis, offset, elementDocs(), docsLanguage()), shownRuleFindings(textDocument.uri, analysis), offset, docsLanguage()), analysis, offset);
    if (!result) return null;
    return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: parsed.rangeOf(result.start, result.end) };
  })),
);

/** On the root element's name, the libvirt host the document is checked against (features/hostStatus.ts) after the element's docs. */
function withHostStatus(result: { markdown: string; start: number; end: number } | undefined, analysis: Analysis, offset: number) {
  const status = hostStatusHover(analysis, offset, docsLanguage());
  if (!status) return result;
  return result ? { ...result, markdown: `${result.markdown}\n\n---\n\n${status.markdown}` } : status;
}

connection.onDocumentLinks(
  cancellable(guarded('documentLink', null, ({ textDocument }): DocumentLink[] | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    return documentLinks(analysis).map((link) => ({ range: analysis.document.rangeOf(link.start, link.end), target: link.target }));
  })),
);

const FOLDING_KIND: Partial<Record<FoldKind, FoldingRangeKind>> = { comment: FoldingRangeKind.Comment, region: FoldingRangeKind.Region };

connection.onFoldingRanges(
  cancellable(guarded('foldingRange', null, ({ textDocument }): FoldingRange[] | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const ranges: FoldingRange[] = [];
    for (const fold of foldingRanges(analysis, foldingRangeLimit)) {
      const startLine = parsed.positionAt(fold.start).line;
      const endLine = parsed.positionAt(fold.end).line;
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: FOLDING_KIND[fold.kind] });
    }
    return ranges;
  })),
);

/** Innermost levels answered: the answer nests one object per level, and JSON.stringify recurses on it. */
const SELECTION_DEPTH_LIMIT = 1000;

connection.onSelectionRanges(
  cancellable(guarded('selectionRange', null, ({ textDocument, positions }): SelectionRange[] | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const offsets = positions.map((position) => parsed.offsetAt(position));
    return selectionRangesAt(analysis, offsets).map(
      (chain, i) =>
        chain.slice(0, SELECTION_DEPTH_LIMIT).reduceRight<SelectionRange | undefined>((parent, span) => ({ range: parsed.rangeOf(span.from, span.to), parent }), undefined) ?? {
          range: parsed.rangeOf(offsets[i], offsets[i]),
        },
    );
  })),
);

connection.languages.onLinkedEditingRange(
  cancellable(guarded('linkedEditingRange', null, ({ textDocument, position }): LinkedEditingRanges | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const spans = linkedTagNamesAt(analysis, parsed.offsetAt(position));
    return spans ? { ranges: spans.map((span) => parsed.rangeOf(span.from, span.to)), wordPattern: TAG_NAME_PATTERN } : null;
  })),
);

// libvirt's references (features/references/): an id or an index and the places that name it.
function locations(uri: string, analysis: Analysis, spans: Span[]): Location[] {
  return spans.map((span) => ({ uri, range: analysis.document.rangeOf(span.from, span.to) }));
}

connection.onDefinition(
  cancellable(guarded('definition', null, ({ textDocument, position }) => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    return analysis ? locations(textDocument.uri, analysis, definitionAt(analysis, analysis.document.offsetAt(position))) : null;
  })),
);

connection.onReferences(
  cancellable(guarded('references', null, ({ textDocument, position, context }) => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    return analysis ? locations(textDocument.uri, analysis, referencesAt(analysis, analysis.document.offsetAt(position), context.includeDeclaration)) : null;
  })),
);

/*
 * Document highlight and rename ask each provider in turn, each answering on its own tokens: a
 * tag's names (tagPairs.ts), then libvirt's references (an id, an index, a use of one).
 */
function highlightsAt(analysis: Analysis, offset: number): (Span & { kind: 'text' | 'read' | 'write' })[] | undefined {
  const tag = tagNamesAt(analysis, offset);
  if (tag) return tag.spans.map((span) => ({ ...span, kind: 'text' }));
  const references = referenceHighlightsAt(analysis, offset);
  return references.length > 0 ? references : undefined;
}

function renameTargetAt(analysis: Analysis, offset: number): { span: Span; placeholder: string } | Refusal | undefined {
  const names = tagNamesAt(analysis, offset);
  if (names) return { span: names.at, placeholder: names.name };
  const place = prepareReferenceRename(analysis, offset);
  return place && !('error' in place) ? { span: { from: place.from, to: place.to }, placeholder: place.placeholder } : place;
}

function renameAt(analysis: Analysis, offset: number, newName: string): { edits: RenameEdit[] } | Refusal | undefined {
  const tag = renameTagAt(analysis, offset, newName);
  if (tag) return 'error' in tag ? tag : { edits: tag.spans.map((span) => ({ start: span.from, end: span.to, newText: newName })) };
  return referenceRenameEdits(analysis, offset, newName);
}

const HIGHLIGHT_KIND = { text: DocumentHighlightKind.Text, read: DocumentHighlightKind.Read, write: DocumentHighlightKind.Write };

connection.onDocumentHighlight(
  cancellable(guarded('documentHighlight', null, ({ textDocument, position }): DocumentHighlight[] | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const highlights = highlightsAt(analysis, parsed.offsetAt(position));
    return highlights ? highlights.map((h) => ({ range: parsed.rangeOf(h.from, h.to), kind: HIGHLIGHT_KIND[h.kind] })) : null;
  })),
);

connection.onPrepareRename(
  cancellable(guarded('prepareRename', null, ({ textDocument, position }) => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const target = renameTargetAt(analysis, parsed.offsetAt(position));
    if (!target) return null;
    // The editor shows the message: why this cannot be renamed.
    if ('error' in target) return new ResponseError(LSPErrorCodes.RequestFailed, inUserWords(target.error, target.errorWords));
    return { range: parsed.rangeOf(target.span.from, target.span.to), placeholder: target.placeholder };
  })),
);

connection.onRenameRequest(
  cancellable(guarded('rename', null, ({ textDocument, position, newName }): WorkspaceEdit | ResponseError | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    if (!analysis) return null;
    const parsed = analysis.document;
    const result = renameAt(analysis, parsed.offsetAt(position), newName);
    if (!result) return null;
    // The editor shows the message: why the name was refused.
    if ('error' in result) return new ResponseError(LSPErrorCodes.RequestFailed, inUserWords(result.error, result.errorWords));
    return { changes: { [textDocument.uri]: result.edits.map((edit) => ({ range: parsed.rangeOf(edit.start, edit.end), newText: edit.newText })) } };
  })),
);

/** The versions already told they are not formatted, so format-on-save does not repeat it on every save. */
const toldNotFormatted = new WeakSet<Analysis>();

/** Format Document and Format Selection; a document that cannot be formatted (not well-formed) is left as it is, and the user is told why. */
function formattingEdits(uri: string, options: FormattingOptions, format: (analysis: Analysis, options: FormatOptions) => Formatting): TextEdit[] | null {
  const analysis = analysed(uri, documents.get(uri));
  if (!analysis) return null;
  const parsed = analysis.document;
  const { edits, notFormatted } = format(analysis, { tabSize: options.tabSize, insertSpaces: options.insertSpaces, quotes: settings.formatQuotes });
  if (notFormatted && !toldNotFormatted.has(analysis)) {
    toldNotFormatted.add(analysis);
    const line = parsed.rangeOf(notFormatted.start, notFormatted.start).start.line + 1;
    const said = words('server.notFormatted', { line, reason: notFormatted.words });
    // The log in English, as every other line of it; the notification in the user's language.
    connection.console.info(`${uri}: ${render(said, 'en')}`);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: render(said, docsLanguage()) });
  }
  return edits.map((edit) => ({ range: parsed.rangeOf(edit.start, edit.end), newText: edit.newText }));
}

connection.onDocumentFormatting(cancellable(guarded('formatting', null, ({ textDocument, options }) => formattingEdits(textDocument.uri, options, formatDocument))));

connection.onDocumentRangeFormatting(
  cancellable(guarded('rangeFormatting', null, ({ textDocument, range, options }) =>
    formattingEdits(textDocument.uri, options, (analysis, formatOptions) => formatRange(analysis, analysis.document.offsetAt(range.start), analysis.document.offsetAt(range.end), formatOptions)),
  )),
);

function documentSymbolOf(parsed: ParsedDocument, symbol: DocumentSymbolItem): DocumentSymbol {
  return {
    name: inUserWords(symbol.name, symbol.nameWords),
    detail: symbol.detail === undefined ? undefined : inUserWords(symbol.detail, symbol.detailWords),
    kind: SymbolKind[symbol.kind],
    range: parsed.rangeOf(symbol.start, symbol.end),
    selectionRange: parsed.rangeOf(symbol.selectionStart, symbol.selectionEnd),
    children: symbol.children.map((child) => documentSymbolOf(parsed, child)),
  };
}

connection.onDocumentSymbol(
  cancellable(guarded('documentSymbol', null, ({ textDocument }): DocumentSymbol[] | null => {
    const analysis = analysed(textDocument.uri, documents.get(textDocument.uri));
    return analysis ? documentSymbols(analysis).map((symbol) => documentSymbolOf(analysis.document, symbol)) : null;
  })),
);

connection.onWorkspaceSymbol(
  cancellable(guarded('workspaceSymbol', [], ({ query }): SymbolInformation[] => {
    const open = documents.uris().flatMap((uri) => {
      const analysis = analysed(uri, documents.get(uri));
      return analysis ? [{ uri, analysis }] : [];
    });
    const documentOf = new Map(open.map(({ uri, analysis }) => [uri, analysis.document]));
    return workspaceSymbols(open, query).map((symbol) => ({
      name: inUserWords(symbol.name, symbol.nameWords),
      kind: SymbolKind[symbol.kind],
      containerName: symbol.containerName,
      location: { uri: symbol.uri, range: documentOf.get(symbol.uri)!.rangeOf(symbol.start, symbol.end) },
    }));
  })),
);

/** The client asks right after the user types `>` or `/`; see features/autoClose.ts. */
connection.onRequest(AUTO_CLOSE_TAG_REQUEST, async ({ textDocument, position }: AutoCloseTagParams): Promise<string | null> => {
  const analysis = analysed(textDocument.uri, await documents.atVersion(textDocument.uri, textDocument.version));
  if (!analysis) return null;
  return guarded('autoCloseTag', null, () => autoCloseAt(analysis, analysis.document.offsetAt(position)) ?? null)();
});

connection.listen();
