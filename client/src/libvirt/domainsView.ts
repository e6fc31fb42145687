/**
 * The Libvirt view in the Explorer: each connection with its domains and their states, and the
 * actions on them (open the live definition, start, shut down, undefine, define a new one from
 * the open document).
 */
import * as vscode from 'vscode';
import { VirshError } from '../../../server/src/libvirt/virsh';
import { Connections } from './connections';
import { ListedDomain, isActive, parseDomainList } from './domainList';
import { defineText, definedName } from './liveDefinitions';
import { liveUriParts } from './liveUri';

export const VIEW_ID = 'libvirtXml.domains';

type Node =
  | { kind: 'connection'; connection: string; domains: ListedDomain[] | undefined; problem: string | undefined }
  | { kind: 'domain'; connection: string; domain: ListedDomain }
  | { kind: 'problem'; connection: string; problem: string };

const said = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function liveUri(connection: string, name: string): vscode.Uri {
  return vscode.Uri.from(liveUriParts({ connection, name }));
}

export class DomainsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly connections: Connections) {
    this.subscriptions = [this.changed, connections.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.connectionNodes();
    if (node.kind !== 'connection') return [];
    if (node.problem !== undefined) return [{ kind: 'problem', connection: node.connection, problem: node.problem }];
    return (node.domains ?? []).map((domain) => ({ kind: 'domain', connection: node.connection, domain }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': {
        const item = new vscode.TreeItem(node.connection, vscode.TreeItemCollapsibleState.Expanded);
        item.contextValue = 'connection';
        item.iconPath = new vscode.ThemeIcon('server');
        item.description = node.problem === undefined ? vscode.l10n.t('{0} domains', node.domains?.length ?? 0) : vscode.l10n.t('not reachable');
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.problem, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = node.problem;
        return item;
      }
      case 'domain': {
        const { domain, connection } = node;
        const active = isActive(domain.state);
        const item = new vscode.TreeItem(domain.name, vscode.TreeItemCollapsibleState.None);
        item.id = `${connection}\u0000${domain.name}`;
        item.description = domain.state;
        item.tooltip = `${domain.name} · ${domain.state} · ${connection}`;
        item.contextValue = active ? 'domain.active' : 'domain.inactive';
        item.iconPath = new vscode.ThemeIcon(active ? 'vm-running' : 'vm-outline');
        item.resourceUri = liveUri(connection, domain.name);
        item.command = { command: 'libvirtXml.domains.open', title: vscode.l10n.t('Open Definition'), arguments: [node] };
        return item;
      }
    }
  }

  /** Each configured connection with its domains read now; a default one that does not answer is left out. */
  private async connectionNodes(): Promise<Node[]> {
    const { uris, explicit } = this.connections.configured();
    const nodes = await Promise.all(
      uris.map(async (connection): Promise<Node | undefined> => {
        try {
          return { kind: 'connection', connection, domains: parseDomainList(await this.connections.run(connection, ['list', '--all'])), problem: undefined };
        } catch (error) {
          if (!explicit) return undefined;
          return { kind: 'connection', connection, domains: undefined, problem: said(error) };
        }
      }),
    );
    return nodes.filter((node): node is Node => node !== undefined);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The view's commands. `report` shows a failure to the user in libvirt's words. */
export function registerDomainCommands(view: DomainsView, connections: Connections): vscode.Disposable[] {
  const report = (error: unknown) => void vscode.window.showErrorMessage(error instanceof VirshError ? error.message : said(error));
  const domainAction = (args: (name: string) => string[], done: (name: string, connection: string) => string) => async (node?: Node) => {
    if (node?.kind !== 'domain') return;
    try {
      await connections.run(node.connection, args(node.domain.name));
      vscode.window.setStatusBarMessage(done(node.domain.name, node.connection), 5_000);
    } catch (error) {
      report(error);
    }
    view.refresh();
  };
  return [
    vscode.commands.registerCommand('libvirtXml.domains.refresh', () => view.refresh()),
    vscode.commands.registerCommand('libvirtXml.domains.open', async (node?: Node) => {
      if (node?.kind !== 'domain') return;
      await vscode.window.showTextDocument(liveUri(node.connection, node.domain.name), { preview: false });
    }),
    vscode.commands.registerCommand(
      'libvirtXml.domains.start',
      domainAction((name) => ['start', name], (name, connection) => vscode.l10n.t('Started {0} on {1}', name, connection)),
    ),
    vscode.commands.registerCommand(
      'libvirtXml.domains.shutdown',
      domainAction((name) => ['shutdown', name], (name, connection) => vscode.l10n.t('Asked {0} on {1} to shut down', name, connection)),
    ),
    vscode.commands.registerCommand('libvirtXml.domains.undefine', async (node?: Node) => {
      if (node?.kind !== 'domain') return;
      const undefine = vscode.l10n.t('Undefine');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Undefine {0} on {1}?', node.domain.name, node.connection),
        { modal: true, detail: vscode.l10n.t("libvirt forgets the domain's definition. Its disk images stay where they are; a running domain keeps running until it stops.") },
        undefine,
      );
      if (answer !== undefine) return;
      await domainAction((name) => ['undefine', name], (name, connection) => vscode.l10n.t('Undefined {0} on {1}', name, connection))(node);
    }),
    vscode.commands.registerCommand('libvirtXml.domains.define', async (node?: Node) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open the domain document to define first.'));
        return;
      }
      const connection = node?.connection ?? (await pickConnection(connections));
      if (!connection) return;
      const text = editor.document.getText();
      try {
        await defineText(connections, connection, text);
      } catch (error) {
        report(error);
        return;
      }
      view.refresh();
      const name = definedName(text);
      const open = vscode.l10n.t('Open Definition');
      if (!name) return;
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Defined {0} on {1}.', name, connection), open);
      if (choice === open) await vscode.window.showTextDocument(liveUri(connection, name), { preview: false });
    }),
  ];
}

export async function pickConnection(connections: Connections): Promise<string | undefined> {
  const { uris } = connections.configured();
  if (uris.length === 1) return uris[0];
  return vscode.window.showQuickPick(uris, { placeHolder: vscode.l10n.t('Define the domain on which connection?') });
}
