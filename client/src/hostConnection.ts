/**
 * Which libvirt host a document's host-aware checks read (machine types, emulator, CPU models,
 * NUMA nodes…): a live definition uses its own connection; for any other document the status
 * item chooses, and otherwise the server uses `libvirtXml.host.connection`. The server is told
 * every choice, again after each start.
 */
import * as vscode from 'vscode';
import type { DocumentConnection } from '../../server/src/protocol';
import { LANGUAGE_ID } from './detect';
import { Connections, userSetting } from './libvirt/connections';
import { liveDomainOf } from './libvirt/liveUri';

export class HostConnectionChoice implements vscode.Disposable {
  /** Per document URI: a connection, or '' for none; absent: the setting's. */
  private readonly chosen = new Map<string, string>();
  private readonly item = vscode.window.createStatusBarItem('libvirtXml.hostConnection', vscode.StatusBarAlignment.Right, 99);
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly connections: Connections,
    private readonly notify: (params: DocumentConnection) => Promise<void>,
  ) {
    this.item.name = vscode.l10n.t('libvirt host for checks');
    this.item.command = 'libvirtXml.chooseHostConnection';
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.show()),
      vscode.workspace.onDidOpenTextDocument((document) => this.tellLive(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.chosen.delete(document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((change) => change.affectsConfiguration('libvirtXml.host.connection') && this.show()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.show()),
      vscode.commands.registerCommand('libvirtXml.chooseHostConnection', () => this.choose()),
    ];
    this.show();
  }

  /** The connection the document is checked against, '' for none. */
  connectionOf(document: vscode.TextDocument): string {
    const live = liveDomainOf(document.uri);
    if (live) return live.connection;
    const chosen = this.chosen.get(document.uri.toString());
    if (chosen !== undefined) return chosen;
    const { value } = userSetting<string>('host.connection', '');
    return typeof value === 'string' ? value.trim() : '';
  }

  /** Tells a freshly started server every choice made. */
  async tellAll(): Promise<void> {
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      if (liveDomainOf(document.uri)) await this.tellLive(document);
      else if (this.chosen.has(key)) await this.notify({ textDocument: { uri: key }, connection: this.chosen.get(key)! });
    }
  }

  private async tellLive(document: vscode.TextDocument): Promise<void> {
    const live = liveDomainOf(document.uri);
    if (live) await this.notify({ textDocument: { uri: document.uri.toString() }, connection: live.connection });
  }

  private show(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID || !vscode.workspace.isTrusted) {
      this.item.hide();
      return;
    }
    const connection = this.connectionOf(document);
    this.item.text = connection ? `$(server) ${connection}` : `$(server) ${vscode.l10n.t('no host')}`;
    this.item.tooltip = connection
      ? vscode.l10n.t('Checked against what libvirt on {0} offers. Click to choose another host.', connection)
      : vscode.l10n.t('Not checked against a libvirt host. Click to choose one.');
    this.item.show();
  }

  private async choose(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !vscode.workspace.isTrusted) return;
    if (liveDomainOf(document.uri)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('A live definition is checked against its own connection.'));
      return;
    }
    const none = vscode.l10n.t('No host checks');
    const current = this.connectionOf(document);
    const picks = [none, ...this.connections.configured().uris].map((label) => ({ label, picked: (label === none ? '' : label) === current }));
    const picked = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Check this document against which libvirt host?') });
    if (!picked) return;
    const connection = picked.label === none ? '' : picked.label;
    this.chosen.set(document.uri.toString(), connection);
    this.show();
    await this.notify({ textDocument: { uri: document.uri.toString() }, connection });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
