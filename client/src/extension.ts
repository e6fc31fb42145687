import * as vscode from 'vscode';
import { registerAutoCloseTags } from './autoCloseTags';
import { LANGUAGE_ID } from './detect';
import { registerDomainDocumentDetection } from './documentLanguage';
import { LanguageServer } from './languageClient';
import { SCHEMA_IN_USE_NOTIFICATION, WORKSPACE_TRUST_NOTIFICATION, type SchemaInUse, type WorkspaceTrust } from '../../server/src/protocol';
import { SchemaStatus } from './schemaStatus';

let server: LanguageServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Libvirt Domain XML', { log: true });
  const languageServer = new LanguageServer(context, output);
  server = languageServer;
  const schemaStatus = new SchemaStatus();
  languageServer.onNotification<SchemaInUse>(SCHEMA_IN_USE_NOTIFICATION, (inUse) => schemaStatus.show(inUse));
  const report = (what: string) => (error: unknown) => output.error(vscode.l10n.t('{0}: {1}', what, String(error)));
  // The extension also activates for every XML file (to sniff it), so the server process is
  // only started once a libvirt-xml document exists.
  const startIfNeeded = (doc: vscode.TextDocument): void => {
    if (doc.languageId === LANGUAGE_ID) languageServer.ensureStarted().catch(report(vscode.l10n.t('Starting the language server failed')));
  };

  context.subscriptions.push(
    output,
    schemaStatus,
    registerDomainDocumentDetection(),
    registerAutoCloseTags((method, params) => languageServer.request<string | null>(method, params)),
    vscode.workspace.onDidOpenTextDocument(startIfNeeded),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const trust: WorkspaceTrust = { trusted: true };
      languageServer.notify(WORKSPACE_TRUST_NOTIFICATION, trust).catch(report(vscode.l10n.t('Telling the language server about workspace trust failed')));
    }),
    vscode.commands.registerCommand('libvirtXml.restartServer', () =>
      languageServer.restart().catch(report(vscode.l10n.t('Restarting the language server failed'))),
    ),
    vscode.commands.registerCommand('libvirtXml.showOutput', () => output.show(true)),
  );

  if (vscode.workspace.textDocuments.some((doc) => doc.languageId === LANGUAGE_ID)) {
    await languageServer.ensureStarted().catch(report(vscode.l10n.t('Starting the language server failed')));
  }
}

export function deactivate(): Promise<void> | undefined {
  return server?.dispose();
}
