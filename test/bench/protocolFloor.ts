/**
 * The soak's baseline: a language server that does no work (vscode-languageserver over stdio,
 * answering every request with nothing and publishing empty diagnostics once edits pause, as ours
 * does). Its latencies under the same burst are what the protocol costs on both sides.
 */
import { TextDocumentSyncKind, createConnection } from 'vscode-languageserver/node';

const connection = createConnection();
const pending = new Map<string, number>();
let scheduled = false;

function publishWhenQuiet(uri: string, version: number): void {
  pending.set(uri, version);
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    for (const [pendingUri, pendingVersion] of pending) void connection.sendDiagnostics({ uri: pendingUri, version: pendingVersion, diagnostics: [] });
    pending.clear();
  });
}

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true, completionProvider: {}, documentSymbolProvider: true, definitionProvider: true },
}));
connection.onDidOpenTextDocument(({ textDocument }) => publishWhenQuiet(textDocument.uri, textDocument.version));
connection.onDidChangeTextDocument(({ textDocument }) => publishWhenQuiet(textDocument.uri, textDocument.version));
connection.onDidCloseTextDocument(() => undefined);
connection.onDidChangeConfiguration(() => undefined);
connection.onHover(() => null);
connection.onCompletion(() => []);
connection.onDocumentSymbol(() => []);
connection.onDefinition(() => null);
connection.listen();
