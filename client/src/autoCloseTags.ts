/**
 * Closes tags as the user types: after `>` of a start tag the server answers with `</name>`
 * (inserted after the cursor), after `</` with the name of the element to close. Only for a
 * single typed character at the cursor, and only if nothing changed while the server answered.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './detect';

import { AUTO_CLOSE_TAG_REQUEST } from '../../server/src/protocol';

type Request = (method: string, params: unknown) => Promise<string | null | undefined>;

export function registerAutoCloseTags(request: Request): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((event) => {
    const { document, contentChanges, reason } = event;
    if (document.languageId !== LANGUAGE_ID || reason !== undefined || contentChanges.length !== 1) return;
    const [change] = contentChanges;
    if ((change.text !== '>' && change.text !== '/') || change.rangeLength !== 0) return;
    if (!vscode.workspace.getConfiguration('libvirtXml', document).get<boolean>('autoClosingTags', true)) return;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== document || editor.selections.length !== 1) return;
    // The editor moves its cursor after this event, so the cursor is checked with the answer.
    const position = change.range.start.translate(0, 1);
    const version = document.version;
    // The version lets the server wait for this change, which may reach it after the request.
    const params = { textDocument: { uri: document.uri.toString(), version }, position: { line: position.line, character: position.character } };
    request(AUTO_CLOSE_TAG_REQUEST, params).then(
      (snippet) => {
        if (!snippet || document.version !== version || !editor.selection.active.isEqual(position)) return;
        void editor.insertSnippet(new vscode.SnippetString(snippet), position, { undoStopBefore: false, undoStopAfter: false });
      },
      () => undefined, // a server that is restarting simply does not close the tag
    );
  });
}
