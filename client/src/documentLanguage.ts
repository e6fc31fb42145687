import * as vscode from 'vscode';
import { isDomainDocumentText, LANGUAGE_ID, SNIFF_LIMIT } from './detect';
import { LanguageChoices } from './languageChoice';

/**
 * Gives XML documents whose root element is `<domain>` the libvirt-xml language: `.xml` files
 * outside libvirt's directories, such as the `/tmp/virshXXXXXX.xml` file `virsh edit` opens.
 * Documents are checked when they open, when they are saved, and when the
 * `libvirtXml.detectDomainDocuments` setting is turned on; a language the user picked by hand
 * is left alone.
 */
export function registerDomainDocumentDetection(): vscode.Disposable {
  const choices = new LanguageChoices();

  const consider = (doc: vscode.TextDocument): void => {
    if (!choices.mayDetect(doc.uri.toString(), doc.languageId)) return;
    if (!isXmlCandidate(doc) || !detectionEnabled()) return;
    if (!isDomainDocumentText(textPrefix(doc, SNIFF_LIMIT))) return;
    // Rejects only when the document was closed in the meantime.
    vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID).then(undefined, () => undefined);
  };

  vscode.workspace.textDocuments.forEach(consider);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.workspace.onDidSaveTextDocument(consider),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      // A language change also fires a close event, but leaves the document open.
      if (!vscode.workspace.textDocuments.includes(doc)) choices.forget(doc.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('libvirtXml.detectDomainDocuments') && detectionEnabled()) {
        vscode.workspace.textDocuments.forEach(consider);
      }
    }),
  );
}

function detectionEnabled(): boolean {
  return vscode.workspace.getConfiguration('libvirtXml').get<boolean>('detectDomainDocuments', true);
}

// `.xml` files are plain text when the built-in XML language is disabled or mapped away.
function isXmlCandidate(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'xml' || (doc.languageId === 'plaintext' && /\.xml$/i.test(doc.uri.path));
}

// The first `limit` characters (line ends as \n), without building the text of a huge document.
function textPrefix(doc: vscode.TextDocument, limit: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let line = 0; line < doc.lineCount && length < limit; line++) {
    const text = doc.lineAt(line).text;
    lines.push(text.length > limit - length ? text.slice(0, limit - length) : text);
    length += text.length + 1;
  }
  return lines.join('\n');
}
