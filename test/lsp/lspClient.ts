/**
 * Talks to the bundled server (dist/server.js --stdio) exactly as an editor does, for the
 * integration tests and the benchmark.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';
import {
  ClientCapabilities,
  CompletionItem,
  CompletionList,
  CodeAction,
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DidChangeConfigurationNotification,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  Hover,
  HoverRequest,
  InitializeParams,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  Position,
  ProtocolConnection,
  Range,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  TextDocumentContentChangeEvent,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { DirectMessageWriter } from '../../server/src/directMessageWriter';

/** Pins are checked against a host: tests name one rather than depend on the machine running them. */
export const TEST_HOST = { cpus: '0-15', numaNodes: '0' };

export const SERVER_PATH = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

type DiagnosticsWaiter = { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };
type NotificationWaiter = { method: string; accept: (params: unknown) => boolean; resolve: (params: unknown) => void };

export class LspClient {
  private readonly waiters: DiagnosticsWaiter[] = [];
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  /** Notifications of the methods listened for (start's `notificationMethods`), in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly listenedFor = new Set<string>();
  private readonly notificationWaiters: NotificationWaiter[] = [];
  readonly connection: ProtocolConnection;
  capabilities: InitializeResult | undefined;

  private constructor(readonly process: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new DirectMessageWriter(process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i];
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(i, 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.listen();
  }

  /**
   * `notificationMethods`: the server's own notifications to record from the start (see
   * waitForNotification). `serverPath`: another server, such as the benchmark's protocol floor.
   * `capabilities`: what the client declares (none by default). `configuration`: answers the
   * server's workspace/configuration requests (declare `workspace.configuration` with it).
   */
  static async start(
    initializationOptions: Record<string, unknown> = {},
    notificationMethods: string[] = [],
    serverPath = SERVER_PATH,
    capabilities: ClientCapabilities = {},
    configuration?: () => Promise<unknown[]>,
  ): Promise<LspClient> {
    // The runner's locale stays out: a client without a locale gets the server's (server.ts).
    const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
    const client = new LspClient(spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env }));
    for (const method of notificationMethods) client.listenFor(method);
    if (configuration) client.connection.onRequest('workspace/configuration', configuration);
    client.capabilities = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /**
   * The server started as another editor starts it: `command` run as a program (its `#!` line
   * and executable bit), initialized with exactly `params` (rootUri, workspaceFolders,
   * initializationOptions and capabilities as that editor sends them, or left out).
   */
  static async startCommand(command: string, args: string[], params: Omit<InitializeParams, 'processId'>, env: NodeJS.ProcessEnv = process.env): Promise<LspClient> {
    const client = new LspClient(spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env }));
    client.capabilities = await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, ...params } as InitializeParams);
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** A started client that has sent `settings` (libvirtXml section), by default naming the host the tests mean. */
  static async startWith(settings: Record<string, unknown> = { host: TEST_HOST }): Promise<LspClient> {
    const client = await LspClient.start();
    await client.configure(settings);
    return client;
  }

  /** Resolves with the first diagnostics for `uri` that `accept` takes (default: any). */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        accept,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  private listenFor(method: string): void {
    if (this.listenedFor.has(method)) return;
    this.listenedFor.add(method);
    this.connection.onNotification(method, (params: unknown) => {
      this.notifications.push({ method, params });
      for (let i = this.notificationWaiters.length - 1; i >= 0; i--) {
        const waiter = this.notificationWaiters[i];
        if (waiter.method === method && waiter.accept(params)) {
          this.notificationWaiters.splice(i, 1);
          waiter.resolve(params);
        }
      }
    });
  }

  /**
   * Resolves with the first `method` notification that `accept` takes, received already or to
   * come. Those that came before this call are only seen when start() was told to record them.
   */
  waitForNotification<P>(method: string, accept: (params: P) => boolean = () => true, timeoutMs = 20000): Promise<P> {
    this.listenFor(method);
    const received = this.notifications.find((n) => n.method === method && accept(n.params as P));
    if (received) return Promise.resolve(received.params as P);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching ${method} notification within ${timeoutMs} ms`)), timeoutMs);
      this.notificationWaiters.push({
        method,
        accept: (params) => accept(params as P),
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params as P);
        },
      });
    });
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const published = this.waitForDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'libvirt-xml', version, text },
    });
    return published;
  }

  /** Sends changes and waits for the diagnostics of that version. */
  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const published = this.waitForDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return published;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configure(libvirtXml: Record<string, unknown>): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { libvirtXml } });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    if (!result) return [];
    return Array.isArray(result) ? result : (result as CompletionList).items;
  }

  /** Code actions for `range`, given the diagnostics the editor shows there. */
  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: only ? { diagnostics, only } : { diagnostics } });
    return (result ?? []).filter((action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  /** Any request by its method name (`textDocument/definition`, …), for the features without a helper here. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Resident memory of the server process in MB (Linux): now, or the peak so far. */
  memoryMB(which: 'current' | 'peak'): number {
    const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const match = (which === 'current' ? /VmRSS:\s+(\d+) kB/ : /VmHWM:\s+(\d+) kB/).exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), exited]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server is gone already
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/**
 * The server the tests of one file talk to: started before them (with `open` documents open, at
 * version 1) and stopped after them.
 */
export function serverForTests(start: () => Promise<LspClient> = () => LspClient.startWith(), open: [uri: string, text: string][] = []): { readonly client: LspClient } {
  let started: LspClient | undefined;
  before(async () => {
    started = await start();
    for (const [uri, text] of open) await started.open(uri, text, 1);
  });
  after(async () => {
    await started?.stop();
  });
  return {
    get client(): LspClient {
      if (!started) throw new Error('the server starts before the tests');
      return started;
    },
  };
}
