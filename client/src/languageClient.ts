import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './detect';
import { LIVE_SCHEME } from './libvirt/liveUri';
import { RestartPolicy } from './restartPolicy';
import { SettingControlledTraceChannel } from './traceChannel';

const NAME = 'Libvirt Domain XML';

/**
 * Owns the language client. Every (re)start builds a fresh LanguageClient, so a client left in a
 * failed state never has to be revived; starts and stops run one at a time.
 */
export class LanguageServer {
  private client: LanguageClient | undefined;
  private readonly traceChannel: SettingControlledTraceChannel;
  private readonly crashes = new RestartPolicy();
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly notificationHandlers: [string, (params: unknown) => void][] = [];
  private readonly startListeners: (() => Promise<void>)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.traceChannel = new SettingControlledTraceChannel(output);
  }

  /** Starts the server unless it was started already (a crashed server stays down until restart()). */
  ensureStarted(): Promise<void> {
    return this.enqueue(async () => {
      if (this.client === undefined) await this.startClient();
    });
  }

  /** Restart asked for by the user: also forgets earlier crashes. */
  restart(): Promise<void> {
    this.crashes.reset();
    return this.enqueue(async () => {
      await this.stopClient();
      await this.startClient();
    });
  }

  /** Handles a notification of the server's own, from every server started from now on. */
  onNotification<P>(method: string, handler: (params: P) => void): void {
    this.notificationHandlers.push([method, handler as (params: unknown) => void]);
  }

  /** Runs after every start, for state the server keeps only while it runs (such as a document's host). */
  onDidStart(listener: () => Promise<void>): void {
    this.startListeners.push(listener);
  }

  /** A request to the running server; undefined when none is running. */
  async request<R>(method: string, params: unknown): Promise<R | undefined> {
    const client = this.client;
    if (!client || !client.isRunning()) return undefined;
    return client.sendRequest<R>(method, params);
  }

  /**
   * A notification to the server, once a start or restart under way has finished; dropped when
   * none is running (the next start is told through its options).
   */
  notify(method: string, params: unknown): Promise<void> {
    return this.enqueue(async () => {
      const client = this.client;
      if (client && client.isRunning()) await client.sendNotification(method, params);
    });
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.traceChannel.dispose();
    return this.enqueue(() => this.stopClient());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async startClient(): Promise<void> {
    if (this.disposed) return;
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: LANGUAGE_ID },
        { scheme: 'untitled', language: LANGUAGE_ID },
        // Live definitions (the Libvirt view's `libvirt:` documents).
        { scheme: LIVE_SCHEME, language: LANGUAGE_ID },
      ],
      // The server pulls the `libvirtXml` section (workspace/configuration); this makes the
      // client also notify it when that section changes.
      synchronize: { configurationSection: 'libvirtXml' },
      initializationOptions: {
        locale: vscode.env.language,
        // Where the server keeps the user's compiled libvirt schema between starts.
        cacheDirectory: vscode.Uri.joinPath(this.context.globalStorageUri, 'schema-cache').fsPath,
        // Path completion lists local files only in a trusted workspace; a grant comes by notification.
        workspaceTrusted: vscode.workspace.isTrusted,
      },
      outputChannel: this.output,
      traceOutputChannel: this.traceChannel,
      // Crashes are reported by a notification of our own; the panel is one command away.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: {
        // Writes that fail because the server just died are logged only: closed() reports it.
        error: (_error, _message, count) =>
          count !== undefined && count <= 3
            ? { action: ErrorAction.Continue, handled: true }
            : { action: ErrorAction.Shutdown },
        closed: () => this.onUnexpectedClose(),
      },
    };
    this.client = new LanguageClient('libvirtXml', NAME, serverOptions, clientOptions);
    for (const [method, handler] of this.notificationHandlers) this.client.onNotification(method, handler);
    await this.client.start();
    // Not awaited: a listener's notifications queue behind this start.
    for (const listener of this.startListeners) {
      listener().catch((error) => this.output.error(vscode.l10n.t('After starting the language server: {0}', String(error))));
    }
  }

  private async stopClient(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    try {
      await client.dispose();
    } catch (error) {
      // A client whose start failed cannot be stopped; nothing is left to clean up.
      this.output.warn(vscode.l10n.t('Stopping the language client: {0}', String(error)));
    }
  }

  // Called by the client when the server's connection closes without stop() being asked for.
  // The client is told not to restart by itself; we restart it after a growing delay.
  private onUnexpectedClose(): CloseHandlerResult {
    if (this.disposed) return { action: CloseAction.DoNotRestart, handled: true };
    const decision = this.crashes.onCrash(Date.now());
    if (decision.restart) {
      this.restartTimer = setTimeout(() => {
        this.enqueue(async () => {
          await this.stopClient();
          await this.startClient();
        }).catch((error) => this.output.error(vscode.l10n.t('Restarting the language server failed: {0}', String(error))));
      }, decision.delayMs);
      return {
        action: CloseAction.DoNotRestart,
        message: vscode.l10n.t('The language server stopped unexpectedly; restarting it in {0} s.', decision.delayMs / 1000),
        handled: true,
      };
    }
    const message =
      decision.windowMs >= 3_600_000
        ? vscode.l10n.t('The {0} language server crashed {1} times within {2} hours and will not be restarted.', NAME, decision.crashes, decision.windowMs / 3_600_000)
        : vscode.l10n.t('The {0} language server crashed {1} times within {2} minutes and will not be restarted.', NAME, decision.crashes, decision.windowMs / 60_000);
    const showOutput = vscode.l10n.t('Show Output');
    const restartServer = vscode.l10n.t('Restart Server');
    vscode.window.showErrorMessage(message, showOutput, restartServer).then(
      (choice) => {
        if (choice === showOutput) this.output.show(true);
        if (choice === restartServer) void vscode.commands.executeCommand('libvirtXml.restartServer');
      },
      // An unanswered notification is cancelled when the window closes.
      () => undefined,
    );
    return { action: CloseAction.DoNotRestart, message, handled: true };
  }
}
