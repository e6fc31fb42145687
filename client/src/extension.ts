import * as vscode from 'vscode';
import { registerAutoCloseTags } from './autoCloseTags';
import { LANGUAGE_ID } from './detect';
import { registerDomainDocumentDetection } from './documentLanguage';
import { HostConnectionChoice } from './hostConnection';
import { LanguageServer } from './languageClient';
import { Connections } from './libvirt/connections';
import { DomainsView, VIEW_ID, registerDomainCommands } from './libvirt/domainsView';
import { LiveDefinitions } from './libvirt/liveDefinitions';
import { LIVE_SCHEME } from './libvirt/liveUri';
import {
  DEFINE_RESULT_NOTIFICATION,
  DOCUMENT_CONNECTION_NOTIFICATION,
  SCHEMA_IN_USE_NOTIFICATION,
  WORKSPACE_TRUST_NOTIFICATION,
  type DefineResult,
  type SchemaInUse,
  type WorkspaceTrust,
} from '../../server/src/protocol';
import { SchemaStatus } from './schemaStatus';

let server: LanguageServer | undefined;

/** What the extension offers other extensions and its end-to-end tests. */
export interface LibvirtXmlApi {
  /** `virsh ARGS…` on a configured connection, through the session the view and live definitions use. */
  virsh(connection: string, args: readonly string[]): Promise<string>;
}

export async function activate(context: vscode.ExtensionContext): Promise<LibvirtXmlApi> {
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

  const connections = new Connections();
  const hostChoice = new HostConnectionChoice(connections, (params) => languageServer.notify(DOCUMENT_CONNECTION_NOTIFICATION, params));
  languageServer.onDidStart(() => hostChoice.tellAll());
  const liveDefinitions = new LiveDefinitions(connections, (uri, connection, refusal) => {
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (!document) return;
    const result: DefineResult = { textDocument: { uri: uri.toString(), version: document.version }, connection, refusal };
    languageServer.notify(DEFINE_RESULT_NOTIFICATION, result).catch(report(vscode.l10n.t('Telling the language server what libvirt said failed')));
  });
  const domainsView = new DomainsView(connections);

  context.subscriptions.push(
    output,
    schemaStatus,
    connections,
    hostChoice,
    domainsView,
    vscode.workspace.registerFileSystemProvider(LIVE_SCHEME, liveDefinitions, { isCaseSensitive: true }),
    vscode.window.registerTreeDataProvider(VIEW_ID, domainsView),
    ...registerDomainCommands(domainsView, connections),
    registerDomainDocumentDetection(),
    registerAutoCloseTags((method, params) => languageServer.request<string | null>(method, params)),
    vscode.workspace.onDidOpenTextDocument(startIfNeeded),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const trust: WorkspaceTrust = { trusted: true };
      languageServer.notify(WORKSPACE_TRUST_NOTIFICATION, trust).catch(report(vscode.l10n.t('Telling the language server about workspace trust failed')));
      domainsView.refresh();
    }),
    vscode.commands.registerCommand('libvirtXml.restartServer', () =>
      languageServer.restart().catch(report(vscode.l10n.t('Restarting the language server failed'))),
    ),
    vscode.commands.registerCommand('libvirtXml.showOutput', () => output.show(true)),
  );

  // Without virsh the Libvirt view says why and offers nothing else; the rest works as before.
  const virshProblem = await connections.virshProblem();
  if (virshProblem) output.warn(virshProblem);
  await vscode.commands.executeCommand('setContext', 'libvirtXml.virsh', virshProblem ? 'missing' : 'ready');

  if (vscode.workspace.textDocuments.some((doc) => doc.languageId === LANGUAGE_ID)) {
    await languageServer.ensureStarted().catch(report(vscode.l10n.t('Starting the language server failed')));
  }
  return { virsh: (connection, args) => connections.run(connection, args) };
}

export function deactivate(): Promise<void> | undefined {
  return server?.dispose();
}
