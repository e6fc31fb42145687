/**
 * The `libvirt:` file system: a domain's definition read with `virsh dumpxml --inactive
 * --security-info` (what `virsh edit` edits) and saved with `virsh define`. A save libvirt
 * refuses fails with libvirt's words and leaves the text unsaved in the editor, and the server is
 * told so it can show them on the token they are about. A definition changed elsewhere since it
 * was read is not overwritten. Only connections the user's settings name are served, and only in
 * a trusted workspace: a link in a workspace cannot make us connect anywhere.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { VirshError } from '../../../server/src/libvirt/virsh';
import { Connections } from './connections';
import { LiveDomain, liveDomainOf } from './liveUri';

/** What the definition was when last read, and when it last changed as far as we saw. */
interface Known {
  text: string;
  mtime: number;
}

/** The first `<name>` in a definition: the domain's (it comes before any device). */
export function definedName(text: string): string | undefined {
  const match = /<name>\s*([^<]*?)\s*<\/name>/.exec(text);
  return match ? match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : undefined;
}

/**
 * `virsh define` of `text` on `connection`, through a private temporary file (a directory only
 * we can enter, the file mode 0600: a definition holds passwords), removed afterwards.
 */
export async function defineText(connections: Connections, connection: string, text: string): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-'));
  try {
    const file = path.join(directory, 'domain.xml');
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    await connections.run(connection, ['define', file]);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

export type DefineListener = (uri: vscode.Uri, connection: string, refusal: string | null) => void;

export class LiveDefinitions implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly connections: Connections,
    private readonly onDefine: DefineListener,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const domain = liveDomainOf(uri);
    if (!domain) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const known = this.remember(uri, await this.dump(uri, domain));
    return { type: vscode.FileType.File, ctime: 0, mtime: known.mtime, size: Buffer.byteLength(known.text) };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const domain = this.domainOf(uri);
    return Buffer.from(this.remember(uri, await this.dump(uri, domain)).text, 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const domain = this.domainOf(uri);
    const text = Buffer.from(content).toString('utf8');
    const named = definedName(text);
    if (named !== domain.name) {
      throw new vscode.FileSystemError(
        vscode.l10n.t(
          'This text defines the domain {0}, not {1}: saving it here would define another domain. Use "Define Domain from This Document" for a new one.',
          named ?? vscode.l10n.t('(no <name>)'),
          domain.name,
        ),
      );
    }
    const known = this.known.get(uri.toString());
    const live = await this.dump(uri, domain);
    if (known && live !== known.text) {
      // Someone defined it since we read it (virsh edit, virt-manager): theirs is not overwritten.
      this.remember(uri, live);
      throw new vscode.FileSystemError(
        vscode.l10n.t('{0} was changed on {1} since it was opened, so your text is not saved. To keep your edits, copy them, then use "File: Revert File" to load the current definition.', domain.name, domain.connection),
      );
    }
    try {
      await defineText(this.connections, domain.connection, text);
    } catch (error) {
      if (error instanceof VirshError && error.failure === 'refused') {
        this.onDefine(uri, domain.connection, error.message);
        throw new vscode.FileSystemError(vscode.l10n.t('libvirt refused the definition: {0}', error.message.split('\n').pop() ?? error.message));
      }
      throw this.unavailable(error);
    }
    this.onDefine(uri, domain.connection, null);
    const entry = this.known.get(uri.toString());
    this.known.set(uri.toString(), { text: await this.dump(uri, domain), mtime: Math.max(Date.now(), (entry?.mtime ?? 0) + 1) });
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  private domainOf(uri: vscode.Uri): LiveDomain {
    const domain = liveDomainOf(uri);
    if (!domain) throw vscode.FileSystemError.FileNotFound(uri);
    return domain;
  }

  /** The definition as libvirt has it now, from a connection the user's settings name. */
  private async dump(uri: vscode.Uri, domain: LiveDomain): Promise<string> {
    if (!vscode.workspace.isTrusted) throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Live definitions are off in an untrusted workspace.'));
    if (!this.connections.configured().uris.includes(domain.connection)) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('{0} is not one of the connections in libvirtXml.connections.', domain.connection));
    }
    try {
      return await this.connections.run(domain.connection, ['dumpxml', '--inactive', '--security-info', domain.name]);
    } catch (error) {
      if (error instanceof VirshError && error.failure === 'refused' && /failed to get domain/.test(error.message)) throw vscode.FileSystemError.FileNotFound(uri);
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): vscode.FileSystemError {
    return vscode.FileSystemError.Unavailable(error instanceof Error ? error.message : String(error));
  }

  /** Records what was read; a definition that differs from the last one read counts as changed now. */
  private remember(uri: vscode.Uri, text: string): Known {
    const key = uri.toString();
    const known = this.known.get(key);
    if (known && known.text === text) return known;
    const next = { text, mtime: known ? Math.max(Date.now(), known.mtime + 1) : Date.now() };
    this.known.set(key, next);
    return next;
  }
}
