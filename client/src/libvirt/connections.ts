/**
 * The libvirt connections the editor uses: those of `libvirtXml.connections` (user settings
 * only), each reached through one `virsh` session kept open while it is used. Without a setting
 * the defaults are qemu:///system and qemu:///session, listed only where they answer.
 */
import * as vscode from 'vscode';
import { VirshError, VirshSession, virshVersion } from '../../../server/src/libvirt/virsh';

export const DEFAULT_CONNECTIONS = ['qemu:///system', 'qemu:///session'];

/** A setting read from the user's settings only: a workspace cannot point us at a host or a binary. */
export function userSetting<T>(key: string, fallback: T): { value: T; explicit: boolean } {
  const inspected = vscode.workspace.getConfiguration('libvirtXml').inspect<T>(key);
  const value = inspected?.globalValue;
  return value === undefined ? { value: fallback, explicit: false } : { value, explicit: true };
}

export class Connections implements vscode.Disposable {
  private readonly sessions = new Map<string, VirshSession>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the settings name other connections or another virsh. */
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.Disposable;

  constructor() {
    this.watcher = vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration('libvirtXml.connections') || change.affectsConfiguration('libvirtXml.virsh.path')) {
        this.closeSessions();
        this.changed.fire();
      }
    });
  }

  /** The connections to list, and whether the user named them (else unreachable ones are left out). */
  configured(): { uris: string[]; explicit: boolean } {
    const { value, explicit } = userSetting<unknown>('connections', DEFAULT_CONNECTIONS);
    const uris = Array.isArray(value) ? value.filter((uri): uri is string => typeof uri === 'string' && uri.trim() !== '').map((uri) => uri.trim()) : DEFAULT_CONNECTIONS;
    return { uris: [...new Set(uris)], explicit };
  }

  virshPath(): string {
    const { value } = userSetting<string>('virsh.path', '');
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : 'virsh';
  }

  /** `virsh ARGS…` on `connection`, through its session. */
  run(connection: string, args: readonly string[], timeoutMs?: number): Promise<string> {
    let session = this.sessions.get(connection);
    if (!session) {
      session = new VirshSession(connection, { virshPath: this.virshPath() });
      this.sessions.set(connection, session);
    }
    return session.run(args, timeoutMs);
  }

  /** Whether virsh can be run at all: a missing one turns the view off, with the reason. */
  async virshProblem(): Promise<string | undefined> {
    try {
      await virshVersion({ virshPath: this.virshPath() });
      return undefined;
    } catch (error) {
      return error instanceof VirshError ? error.message : String(error);
    }
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
    this.closeSessions();
  }

  private closeSessions(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }
}
