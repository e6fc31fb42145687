// The Libvirt view's live definitions in a real extension host, against libvirt's test driver
// (test:///default, which the runner names in libvirtXml.connections): a definition opens from
// libvirt, a saved edit reaches libvirt, and a define libvirt refuses leaves the text unsaved
// with libvirt's words on the token they name.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const EXTENSION_ID = 'libvirt-xml.libvirt-xml';
const CONNECTION = 'test:///default';
const LIVE = vscode.Uri.from({ scheme: 'libvirt', path: '/test/default/test.xml' });

interface LibvirtXmlApi {
  virsh(connection: string, args: readonly string[]): Promise<string>;
}


async function api(): Promise<LibvirtXmlApi> {
  const extension = vscode.extensions.getExtension<LibvirtXmlApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** The live definition in an editor, once it is libvirt-xml. */
async function openLive(): Promise<vscode.TextEditor> {
  await vscode.window.showTextDocument(LIVE, { preview: false });
  const document = await waitFor('the live definition to become libvirt-xml', () => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === LIVE.toString());
    return open?.languageId === 'libvirt-xml' ? open : undefined;
  });
  return vscode.window.showTextDocument(document);
}

async function replaceText(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const text = editor.document.getText();
  const at = text.indexOf(from);
  assert.ok(at >= 0, `the definition has ${from}`);
  const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + from.length));
  assert.ok(await editor.edit((edit) => edit.replace(range, to)));
}

suite('Live definitions on libvirt’s test driver', () => {
  test('a domain opens from libvirt, and a saved edit is what virsh dumpxml then shows', async () => {
    const libvirt = await api();
    const editor = await openLive();
    assert.match(editor.document.getText(), /<name>test<\/name>/);
    assert.match(await libvirt.virsh(CONNECTION, ['dumpxml', '--inactive', 'test']), /<on_crash>destroy<\/on_crash>/);
    await replaceText(editor, '<on_crash>destroy</on_crash>', '<on_crash>restart</on_crash>');
    assert.equal(await editor.document.save(), true, 'the save succeeds');
    assert.equal(editor.document.isDirty, false);
    assert.match(await libvirt.virsh(CONNECTION, ['dumpxml', '--inactive', 'test']), /<on_crash>restart<\/on_crash>/);
  });

  test('a define libvirt refuses fails the save, keeps the text unsaved, and shows libvirt’s words on the token', async () => {
    const libvirt = await api();
    const editor = await openLive();
    const second = "<disk type='file' device='disk'><source file='/guest/other.img'/><target dev='vda' bus='virtio'/></disk>\n  </devices>";
    await replaceText(editor, '</devices>', second);
    const edited = editor.document.getText();
    assert.equal(await editor.document.save(), false, 'libvirt refuses two disks on vda');
    assert.equal(editor.document.isDirty, true, 'the text stays unsaved');
    assert.equal(editor.document.getText(), edited, 'and unchanged');
    const refused = await waitFor('the refusal as a diagnostic', () =>
      vscode.languages.getDiagnostics(LIVE).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'libvirt-refused'),
    );
    assert.equal(editor.document.getText(refused.range), 'vda');
    assert.match(refused.message, /target 'vda' duplicated/);
    assert.doesNotMatch(await libvirt.virsh(CONNECTION, ['dumpxml', '--inactive', 'test']), /other\.img/, 'libvirt kept its definition');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the revert', () => (editor.document.isDirty ? undefined : true));
  });
});
