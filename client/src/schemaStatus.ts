import * as vscode from 'vscode';
import { LANGUAGE_ID } from './detect';
import type { SchemaInUse } from '../../server/src/protocol';
import { schemaStatusText } from './schemaInUse';

/** The language status item ({} in the status bar) naming the schema documents are checked against. */
export class SchemaStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('libvirtXml.schema', { language: LANGUAGE_ID });

  constructor() {
    this.item.name = vscode.l10n.t('Libvirt schema');
    this.item.text = vscode.l10n.t('libvirt schema');
    this.item.detail = vscode.l10n.t('loading');
    this.item.busy = true;
    this.item.command = { title: vscode.l10n.t('Settings'), command: 'workbench.action.openSettings', arguments: ['libvirtXml.schema'] };
  }

  show(inUse: SchemaInUse): void {
    const { text, detail, warning } = schemaStatusText(inUse, vscode.l10n.t);
    this.item.busy = false;
    this.item.text = text;
    this.item.detail = detail;
    this.item.severity = warning ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
  }
}
