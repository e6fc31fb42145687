// Runs inside a real VS Code extension host against the installed libvirt-xml .vsix,
// in the fixture workspace the runner opened (a copy of test/e2e/fixtures/workspace).
import * as assert from 'node:assert/strict';
import * as childProcess from 'node:child_process';
import * as vscode from 'vscode';
import { WAIT_MS, waitFor } from './wait';

const EXTENSION_ID = 'libvirt-xml.libvirt-xml';
const LANGUAGE_ID = 'libvirt-xml';
const SOURCE = 'libvirt-xml';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}


function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Opens a file in an editor and waits until the extension has switched it to libvirt-xml. */
async function openDomain(name: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(name);
  await vscode.window.showTextDocument(uri);
  // Changing the language re-opens the document, so look it up again instead of keeping
  // the TextDocument that showTextDocument returned.
  const doc = await waitFor(`${name} to become ${LANGUAGE_ID}`, () => {
    const d = openDocument(uri);
    return d?.languageId === LANGUAGE_ID ? d : undefined;
  });
  // The client starts the server with the first libvirt-xml document and registers its
  // providers once it is up; until then completion falls back to plain words.
  await waitFor('the language server to answer a hover on <domain>', async () =>
    (await hoverText(doc, doc.positionAt(doc.getText().indexOf('<domain') + 1))) ? true : undefined,
  );
  return vscode.window.showTextDocument(doc);
}

/** Position of the first `needle` in the document, moved `delta` characters in. */
function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const index = doc.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} not found in ${doc.uri.path}`);
  return doc.positionAt(index + delta);
}

function listDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'none';
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} [${d.source}] ${d.message}`)
    .join('; ');
}

/** Resolves with the document's diagnostics as soon as `accept` holds for them. */
function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) {
        stop();
        resolve(diagnostics);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; diagnostics now: ${listDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, WAIT_MS);
    const stop = (): void => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

const ourErrors = (diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] =>
  diagnostics.filter((d) => d.source === SOURCE && d.severity === vscode.DiagnosticSeverity.Error);

/** A diagnostic's code as a string: VS Code gives `{ value, target }` when the server sent a codeDescription. */
const codeOf = (d: vscode.Diagnostic): string | number | undefined => (typeof d.code === 'object' ? d.code.value : d.code);

async function completionLabels(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    position,
    trigger,
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

/** Element names offered, whether the server labels them `disk` or `<disk`. */
async function offeredElements(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  return (await completionLabels(doc, position)).map((label) => label.replace(/^</, ''));
}

async function replace(editor: vscode.TextEditor, range: vscode.Range, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
}

suite('libvirt-xml in a real VS Code', () => {
  test('the extension comes from the installed .vsix and switches domain XML to libvirt-xml', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    // Opened first: by the time web01.xml has switched, this one has been looked at too.
    const network = workspaceFile('default-network.xml');
    await vscode.window.showTextDocument(network);
    const editor = await openDomain('web01.xml');
    assert.equal(editor.document.languageId, LANGUAGE_ID);
    assert.equal(openDocument(network)?.languageId, 'xml', 'a <network> document is left alone');
    assert.ok(extension.isActive, 'the extension is active');
  });

  test('completion offers the children the schema allows at the cursor', async () => {
    const { document: doc } = await openDomain('web01.xml');
    const inDevices = await offeredElements(doc, positionOf(doc, '<devices>', '<devices>'.length));
    for (const name of ['disk', 'interface', 'graphics']) {
      assert.ok(inDevices.includes(name), `<devices> offers ${name}; got ${inDevices.join(', ')}`);
    }
    assert.ok(!inDevices.includes('vcpu'), `<devices> does not offer vcpu; got ${inDevices.join(', ')}`);

    const inDomain = await offeredElements(doc, positionOf(doc, "<domain type='kvm'>", "<domain type='kvm'>".length));
    // Elements web01.xml does not have yet (whether present ones are offered again is
    // the server's choice).
    for (const name of ['title', 'metadata', 'numatune', 'memtune']) {
      assert.ok(inDomain.includes(name), `<domain> offers ${name}; got ${inDomain.join(', ')}`);
    }
    assert.ok(!inDomain.includes('disk'), `<domain> does not offer disk; got ${inDomain.join(', ')}`);
  });

  test("inside <disk type='file'> the <source> completion offers file, and a value its listed values", async () => {
    const editor = await openDomain('web01.xml');
    const doc = editor.document;
    const source = "<source file='/var/lib/libvirt/images/web01.qcow2'/>";
    const start = positionOf(doc, source);
    await replace(editor, new vscode.Range(start, start.translate(0, source.length)), '<source />');
    try {
      const labels = await completionLabels(doc, start.translate(0, '<source '.length), ' ');
      assert.ok(labels.includes('file'), `<source> in a file disk offers file; got ${labels.join(', ')}`);
      assert.ok(!labels.includes('protocol'), `protocol is for network disks; got ${labels.join(', ')}`);
    } finally {
      await replace(editor, new vscode.Range(start, start.translate(0, '<source />'.length)), source);
    }
    const placement = await completionLabels(doc, positionOf(doc, "placement='static'", "placement='".length), "'");
    assert.deepEqual(placement.sort(), ['auto', 'static']);
  });

  test('typing </ after an unclosed <disk> offers to close it', async () => {
    const editor = await openDomain('db01-broken.xml');
    const doc = editor.document;
    const at = positionOf(doc, '<interface');
    await replace(editor, new vscode.Range(at, at), '</');
    try {
      const labels = await completionLabels(doc, at.translate(0, 2), '/');
      assert.ok(labels.some((l) => /^(<\/)?\/?disk>?$/.test(l)), `</ offers </disk>; got ${labels.join(', ')}`);
    } finally {
      await replace(editor, new vscode.Range(at, at.translate(0, 2)), '');
    }
  });

  test('hover on an element shows its documentation', async () => {
    const { document: doc } = await openDomain('web01.xml');
    const text = await hoverText(doc, positionOf(doc, '<vcpu', 2));
    assert.match(text, /cpuset/, `hover on vcpu mentions cpuset; got: ${text}`);
  });

  test('hover follows libvirtXml.language', async () => {
    const { document: doc } = await openDomain('web01.xml');
    const at = positionOf(doc, '<vcpu', 2);
    const config = vscode.workspace.getConfiguration('libvirtXml');
    await config.update('language', 'zh', vscode.ConfigurationTarget.Global);
    try {
      const chinese = await waitFor('a Chinese hover on vcpu', async () => {
        const text = await hoverText(doc, at);
        return /[\u4e00-\u9fff]/.test(text) ? text : undefined;
      });
      assert.ok(chinese.length > 0);
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
    const english = await waitFor('the English hover again', async () => {
      const text = await hoverText(doc, at);
      return /[\u4e00-\u9fff]/.test(text) ? undefined : text;
    });
    assert.match(english, /cpuset/);
  });

  test('hover on <vcpupin>: the docs in Chinese or in English, with its path and the schema facts in both', async () => {
    const { document: doc } = await openDomain('web01.xml');
    const at = positionOf(doc, '<vcpupin', 2);
    const facts = (text: string) => {
      assert.match(text, /domain › cputune › vcpupin/, `the path; got ${text}`);
      assert.match(text, /\*\*Schema[:：]\*\*/, `the schema's facts, in either language; got ${text}`);
    };
    const config = vscode.workspace.getConfiguration('libvirtXml');
    await config.update('language', 'zh', vscode.ConfigurationTarget.Global);
    try {
      const chinese = await waitFor('a Chinese hover on vcpupin', async () => {
        const text = await hoverText(doc, at);
        return /[\u4e00-\u9fff]/.test(text) ? text : undefined;
      });
      assert.match(chinese, /绑定到 `cpuset` 所列的宿主机 CPU/, 'the Chinese docs');
      facts(chinese);
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
    const english = await waitFor('the English hover on vcpupin', async () => {
      const text = await hoverText(doc, at);
      return /[\u4e00-\u9fff]/.test(text) ? undefined : text;
    });
    assert.match(english, /Pins one vCPU/);
    facts(english);
  });

  test('toggling a line comment uses XML comments (the language configuration is loaded)', async () => {
    const editor = await openDomain('web01.xml');
    const line = positionOf(editor.document, '<description>').line;
    const original = editor.document.lineAt(line);
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await vscode.commands.executeCommand('editor.action.commentLine');
    try {
      assert.match(editor.document.lineAt(line).text, /^\s*<!--\s*<description>.*<\/description>\s*-->$/);
    } finally {
      await replace(editor, editor.document.lineAt(line).range, original.text);
    }
  });

  test('an unclosed <disk> gets an error on its tag name', async () => {
    const { document: doc } = await openDomain('db01-broken.xml');
    const diskName = positionOf(doc, '<disk', 1);
    const diagnostics = await waitForDiagnostics(doc.uri, 'an error about <disk>', (ds) =>
      ourErrors(ds).some((d) => d.message.includes('disk')),
    );
    const error = ourErrors(diagnostics).find((d) => d.message.includes('disk'));
    assert.ok(error?.range.contains(diskName), `the error is on the <disk> tag name; got ${listDiagnostics(diagnostics)}`);
  });

  test('breaking a tag by editing reports it, and fixing it clears the error', async () => {
    const editor = await openDomain('web01.xml');
    const uri = editor.document.uri;
    const closeTag = positionOf(editor.document, '</memory>', 2);
    const name = new vscode.Range(closeTag, closeTag.translate(0, 'memory'.length));
    await replace(editor, name, 'memroy');
    try {
      const diagnostics = await waitForDiagnostics(uri, 'an error for </memroy>', (ds) => ourErrors(ds).length > 0);
      assert.ok(
        ourErrors(diagnostics).some((d) => d.range.start.line === closeTag.line),
        `an error on line ${closeTag.line + 1}; got ${listDiagnostics(diagnostics)}`,
      );
    } finally {
      await replace(editor, name, 'memory');
    }
    await waitForDiagnostics(uri, 'the error to clear after the fix', (ds) => ourErrors(ds).length === 0);
  });

  test('a wrong placement value is underlined on the value, naming the allowed values', async () => {
    const editor = await openDomain('web01.xml');
    const uri = editor.document.uri;
    const value = positionOf(editor.document, "placement='static'", 'placement='.length);
    const range = new vscode.Range(value, value.translate(0, "'static'".length));
    await replace(editor, range, "'statik'");
    try {
      const diagnostics = await waitForDiagnostics(uri, 'an error on the placement value', (ds) => ourErrors(ds).some((d) => d.code === 'bad-attribute-value'));
      const error = ourErrors(diagnostics).find((d) => d.code === 'bad-attribute-value');
      assert.ok(error && error.range.isEqual(range), `the error covers 'statik' exactly; got ${listDiagnostics(diagnostics)}`);
      assert.match(error.message, /`static` or `auto`/);
    } finally {
      await replace(editor, range, "'static'");
    }
    await waitForDiagnostics(uri, 'the error to clear after the fix', (ds) => ourErrors(ds).length === 0);
  });

  test('cpuset 1-4,^3,6,4-1: `4-1` is an error, its quick fix writes 1-4, and hover lists the CPUs', async () => {
    const editor = await openDomain('web01.xml');
    const doc = editor.document;
    const uri = doc.uri;
    const vcpu = positionOf(doc, "<vcpu placement='static'>");
    const tag = new vscode.Range(vcpu, vcpu.translate(0, "<vcpu placement='static'>".length));
    await replace(editor, tag, "<vcpu placement='static' cpuset='1-4,^3,6,4-1'>");
    try {
      const reversedAt = positionOf(doc, '4-1');
      const reversedRange = new vscode.Range(reversedAt, reversedAt.translate(0, 3));
      const diagnostics = await waitForDiagnostics(uri, 'an error on 4-1', (ds) => ourErrors(ds).some((d) => d.code === 'cpuset-reversed-range'));
      const reversed = ourErrors(diagnostics).find((d) => d.code === 'cpuset-reversed-range');
      assert.ok(reversed && reversed.range.isEqual(reversedRange), `the error covers 4-1 exactly; got ${listDiagnostics(diagnostics)}`);

      const valueStart = positionOf(doc, '1-4,^3');
      const hover = await waitFor('a hover on the cpuset value', async () => {
        const text = await hoverText(doc, valueStart.translate(0, 1));
        return /CPU/.test(text) ? text : undefined;
      });
      assert.match(hover, /libvirt rejects this list: `4-1` counts down/, `the hover says the list is rejected and why: ${hover}`);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, reversedRange, vscode.CodeActionKind.QuickFix.value);
      const swap = actions.find((a) => a.isPreferred && a.edit);
      assert.ok(swap?.edit, `a preferred quick fix; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(swap.edit), 'the fix applies');
      assert.match(doc.lineAt(vcpu.line).text, /cpuset='1-4,\^3,6,1-4'/);
      await waitForDiagnostics(uri, 'the error to clear after the fix', (ds) => !ds.some((d) => d.code === 'cpuset-reversed-range'));

      // `1-4` at the end adds CPU 3 back, as libvirt reads it: the hover shows what the guest gets.
      const fixedHover = await waitFor('a hover listing the CPUs', async () => {
        const text = await hoverText(doc, valueStart.translate(0, 1));
        return /5 CPUs/.test(text) ? text : undefined;
      });
      assert.match(fixedHover, /1–4, 6/);
    } finally {
      const line = doc.lineAt(vcpu.line);
      await replace(editor, line.range, line.text.replace(/ cpuset='[^']*'/, ''));
    }
    await waitForDiagnostics(uri, 'web01.xml to be clean again', (ds) => ourErrors(ds).length === 0);
  });

  test('Ctrl+. on <interfce> offers "Change to `<interface>`", and applying it renames both tags', async () => {
    const editor = await openDomain('web01.xml');
    const doc = editor.document;
    const original = doc.getText();
    const broken = original.replace('<interface type', '<interfce type').replace('</interface>', '</interfce>');
    await replace(editor, new vscode.Range(doc.positionAt(0), doc.positionAt(original.length)), broken);
    try {
      const diagnostics = await waitForDiagnostics(doc.uri, 'an error on <interfce>', (ds) => ourErrors(ds).some((d) => codeOf(d) === 'unexpected-element'));
      const error = ourErrors(diagnostics).find((d) => codeOf(d) === 'unexpected-element');
      assert.ok(error && doc.getText(error.range) === 'interfce', `the error is on the name; got ${listDiagnostics(diagnostics)}`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, error.range, vscode.CodeActionKind.QuickFix.value);
      const rename = actions.find((a) => a.title === 'Change to `<interface>`');
      assert.ok(rename?.edit, `the rename among the quick fixes; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(rename.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(rename.edit), 'the fix applies');
      assert.equal(doc.getText(), original, 'both tags renamed, nothing else changed');
      await waitForDiagnostics(doc.uri, 'the error to clear after the fix', (ds) => ourErrors(ds).length === 0);
    } finally {
      if (doc.getText() !== original) await replace(editor, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    }
  });

  test('a missing <target> is added as a snippet, on its own line indented like the other children', async () => {
    const editor = await openDomain('web01.xml');
    const doc = editor.document;
    const original = doc.getText();
    const targetLine = "      <target dev='vda' bus='virtio'/>\n";
    await replace(editor, new vscode.Range(doc.positionAt(0), doc.positionAt(original.length)), original.replace(targetLine, ''));
    try {
      const diagnostics = await waitForDiagnostics(doc.uri, 'an error on the incomplete <disk>', (ds) => ourErrors(ds).some((d) => codeOf(d) === 'missing-content'));
      const error = ourErrors(diagnostics).find((d) => codeOf(d) === 'missing-content')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, error.range, vscode.CodeActionKind.QuickFix.value);
      const add = actions.find((a) => a.title === 'Add `<target>`');
      assert.ok(add?.edit, `"Add \`<target>\`" among the quick fixes; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(add.edit), 'the fix applies');
      // The snippet's tab stop (the value of dev) is left empty here.
      assert.equal(doc.getText(), original.replace(targetLine, '').replace("      <driver name='qemu'", "      <target dev=''/>\n      <driver name='qemu'"));
    } finally {
      await vscode.commands.executeCommand('leaveSnippet');
      await replace(editor, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    }
    await waitForDiagnostics(doc.uri, 'web01.xml to be clean again', (ds) => ourErrors(ds).length === 0);
  });

  test('typing `>` of a start tag closes it, and typing `</` completes the end tag of the element that is open', async () => {
    const editor = await openDomain('web01.xml');
    const doc = editor.document;
    const original = doc.getText();
    const typeOnNewLine = async (prefix: string, typed: string[]): Promise<number> => {
      const line = positionOf(doc, '  </devices>').line;
      const start = new vscode.Position(line, 0);
      await replace(editor, new vscode.Range(start, start), `${prefix}\n`);
      const end = new vscode.Position(line, prefix.length);
      editor.selection = new vscode.Selection(end, end);
      for (const text of typed) await vscode.commands.executeCommand('type', { text });
      return line;
    };
    const restore = async (): Promise<void> => {
      await replace(editor, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await doc.save();
    };
    try {
      const line = await typeOnNewLine("    <rng model='virtio'", ['>']);
      await waitFor('</rng> after the cursor', () => (doc.lineAt(line).text === "    <rng model='virtio'></rng>" ? true : undefined));
      assert.equal(editor.selection.active.character, "    <rng model='virtio'>".length, 'the cursor stays between the tags');
      await restore();
      // Issue 10: `</` on an empty line of a <devices> that has its end tag gets nothing.
      const slashLine = await typeOnNewLine('    ', ['<', '/']);
      // Below it, `</` in an unclosed <rng> gets </rng>. The server answers in order, so once
      // that answer is in, the one for the line above is too.
      const rng = new vscode.Position(slashLine + 1, 0);
      await replace(editor, new vscode.Range(rng, rng), "    <rng model='virtio'>\n    \n");
      const inRng = new vscode.Position(slashLine + 2, 4);
      editor.selection = new vscode.Selection(inRng, inRng);
      for (const text of ['<', '/']) await vscode.commands.executeCommand('type', { text });
      await waitFor('</rng> completed', () => (doc.lineAt(slashLine + 2).text === '    </rng>' ? true : undefined));
      assert.equal(doc.lineAt(slashLine).text, '    </', 'no second </devices>');
    } finally {
      await restore();
    }
  });

  test('two devices on one PCI address: one error on the second <address>, related to the first, with the libvirt.org link', async () => {
    const { document: doc } = await openDomain('pci-clash.xml');
    const CODE = 'pci-address-double-use';
    const clashes = (ds: readonly vscode.Diagnostic[]): vscode.Diagnostic[] => ourErrors(ds).filter((d) => codeOf(d) === CODE);
    const diagnostics = await waitForDiagnostics(doc.uri, `a ${CODE} error`, (ds) => clashes(ds).length > 0);
    assert.equal(clashes(diagnostics).length, 1, `exactly one ${CODE} error; got ${listDiagnostics(diagnostics)}`);
    assert.equal(ourErrors(diagnostics).length, 1, `the clash is the fixture's only error; got ${listDiagnostics(diagnostics)}`);
    const [clash] = clashes(diagnostics);

    // The rule marks the `address` name in the device's <address> start tag (pci.ts: address.span,
    // Domain.nameSpan): line 33, columns 8-14 for the <interface>'s, line 27 for the <disk>'s.
    const second = new vscode.Range(32, 7, 32, 14);
    const first = new vscode.Range(26, 7, 26, 14);
    assert.ok(positionOf(doc, '<interface').line < second.start.line && positionOf(doc, '</interface>').line > second.start.line, 'line 33 is in the <interface>');
    assert.ok(positionOf(doc, '<disk').line < first.start.line && positionOf(doc, '</disk>').line > first.start.line, 'line 27 is in the <disk>');
    for (const range of [first, second]) assert.equal(doc.getText(range), 'address');
    const show = (r: vscode.Range): string => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
    assert.ok(clash.range.isEqual(second), `the error is on the second <address> (${show(second)}); got ${show(clash.range)}`);
    assert.match(clash.message, /PCI address 0000:00:03\.0 is already taken by `<disk>`/);

    const related = clash.relatedInformation ?? [];
    assert.equal(related.length, 1, `one related location; got ${related.map((r) => r.message).join(' | ')}`);
    assert.equal(related[0].location.uri.toString(), doc.uri.toString(), 'the related location is in the same file');
    assert.ok(related[0].location.range.isEqual(first), `the related location is the first <address> (${show(first)}); got ${show(related[0].location.range)}`);
    assert.match(related[0].message, /^`<disk>` is the first device on PCI address 0000:00:03\.0$/);

    // The server's codeDescription: VS Code turns the code into { value, target }.
    assert.ok(typeof clash.code === 'object', `the code carries a link; got ${JSON.stringify(clash.code)}`);
    const target = clash.code.target;
    assert.deepEqual(
      [target.scheme, target.authority, target.path, target.fragment],
      ['https', 'libvirt.org', '/formatdomain.html', 'device-addresses'],
      `the link is libvirt.org's device addresses section; got ${target.toString(true)}`,
    );
  });

  test('the language server is restarted when it dies', async function () {
    if (process.platform !== 'linux') this.skip();
    const { document: doc } = await openDomain('web01.xml');
    // The server of the installed extension: `node …/libvirt-xml…/dist/server.js --node-ipc …`.
    const serverPids = (): number[] => {
      try {
        return childProcess
          .execFileSync('pgrep', ['-f', 'libvirt-xml[^ ]*/dist/server.js'], { encoding: 'utf8' })
          .split('\n')
          .filter(Boolean)
          .map(Number);
      } catch {
        return []; // pgrep exits 1 when nothing matches
      }
    };
    const [before] = serverPids();
    assert.ok(before, 'the server process is running');
    process.kill(before, 'SIGKILL');
    const after = await waitFor('a new server process', () => serverPids().find((pid) => pid !== before));
    assert.notEqual(after, before);
    await waitFor('hover from the restarted server', async () => ((await hoverText(doc, positionOf(doc, '<vcpu', 2))).includes('cpuset') ? true : undefined));
  });
});


/** Every symbol of an outline, depth first. */
function allSymbols(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((symbol) => [symbol, ...allSymbols(symbol.children)]);
}

/** The edits a rename at `position` makes in `uri`, each with the text it replaces. */
async function renameEdits(doc: vscode.TextDocument, position: vscode.Position, newName: string): Promise<{ replaced: string; newText: string; line: number }[]> {
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, position, newName);
  assert.ok(edit, 'the rename has an answer');
  return edit.get(doc.uri).map((e) => ({ replaced: doc.getText(e.range), newText: e.newText, line: e.range.start.line }));
}

suite('structure and navigation in a real VS Code', () => {
  test('the Outline names devices as an admin does', async () => {
    const { document: doc } = await openDomain('db02.xml');
    const symbols = await waitFor('document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return found && found.length > 0 ? found : undefined;
    });
    const names = allSymbols(symbols).map((s) => s.name);
    assert.ok(names.some((n) => /^disk vda\b/.test(n) && n.includes('db02.qcow2')), `a disk named by target and file; got ${names.join(' | ')}`);
    assert.ok(names.some((n) => /^controller pci 1\b/.test(n) && n.includes('pcie-root-port')), `a controller named by type, index and model; got ${names.join(' | ')}`);
    assert.ok(names.some((n) => n.startsWith('interface') && n.includes('52:54:00:3b:7c:21')), `an interface with its MAC; got ${names.join(' | ')}`);
  });

  test('Format Document re-indents a messy file to libvirt\'s layout', async () => {
    const wanted = (await vscode.workspace.openTextDocument(workspaceFile('db02.xml'))).getText().replace('<name>db02</name>', '<name>db02-messy</name>');
    const editor = await openDomain('db02-messy.xml');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', editor.document.uri, { tabSize: 2, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'formatting has edits');
    const edit = new vscode.WorkspaceEdit();
    edit.set(editor.document.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edits apply');
    assert.equal(editor.document.getText(), wanted);
  });

  test('renaming <numatune> renames its end tag', async () => {
    const { document: doc } = await openDomain('db02.xml');
    const edits = await renameEdits(doc, positionOf(doc, '<numatune>', 3), 'numatune2');
    assert.deepEqual(
      edits.map((e) => `${e.line}: ${e.replaced}→${e.newText}`).sort(),
      [positionOf(doc, '<numatune>').line, positionOf(doc, '</numatune>').line].map((line) => `${line}: numatune→numatune2`).sort(),
    );
  });

  test("F12 on iothreadpin iothread='2' goes to <iothread id='2'>", async () => {
    const { document: doc } = await openDomain('db02.xml');
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, "iothread='2'", 10));
    assert.ok(found && found.length === 1, `one definition; got ${JSON.stringify(found)}`);
    const target = 'targetRange' in found[0] ? found[0].targetRange : found[0].range;
    assert.equal(target.start.line, positionOf(doc, "<iothread id='2'/>").line);
  });

  test("renaming a controller's index updates the addresses on it", async () => {
    const { document: doc } = await openDomain('db02.xml');
    const edits = await renameEdits(doc, positionOf(doc, "index='1'", 7), '2');
    const described = edits.map((e) => `${e.replaced}→${e.newText}`).sort();
    assert.deepEqual(described, ['0x01→0x02', '1→2']);
  });
});
