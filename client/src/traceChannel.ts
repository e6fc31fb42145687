import * as vscode from 'vscode';

/**
 * The trace output channel handed to the language client. vscode-languageclient 10+ traces only
 * while its trace channel's log level is Trace (set by hand through "Developer: Set Log Level"),
 * and then ignores `trace.server: off`. This adapter makes the `libvirtXml.trace.server` setting
 * the one switch: it reports level Trace exactly when the setting is not `off`, and writes the
 * trace lines into the extension's output channel whatever that channel's own level is.
 */
export class SettingControlledTraceChannel implements vscode.LogOutputChannel {
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly configListener: vscode.Disposable;
  readonly onDidChangeLogLevel = this.levelChanged.event;
  logLevel: vscode.LogLevel;

  constructor(private readonly target: vscode.LogOutputChannel) {
    this.logLevel = SettingControlledTraceChannel.levelFromSettings();
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('libvirtXml.trace.server')) return;
      const level = SettingControlledTraceChannel.levelFromSettings();
      if (level !== this.logLevel) {
        this.logLevel = level;
        this.levelChanged.fire(level);
      }
    });
  }

  private static levelFromSettings(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration('libvirtXml').get<string>('trace.server', 'off');
    return setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  }

  get name(): string {
    return this.target.name;
  }

  trace(message: string): void {
    if (this.logLevel === vscode.LogLevel.Trace) this.target.appendLine(`[trace] ${message}`);
  }
  debug(message: string, ...args: unknown[]): void {
    this.target.debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.target.info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.target.warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.target.error(error, ...args);
  }
  append(value: string): void {
    this.target.append(value);
  }
  appendLine(value: string): void {
    this.target.appendLine(value);
  }
  replace(value: string): void {
    this.target.replace(value);
  }
  clear(): void {
    this.target.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.target.show(columnOrPreserveFocus);
    else this.target.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.target.hide();
  }
  /** Releases the adapter; the underlying channel belongs to the extension. */
  dispose(): void {
    this.configListener.dispose();
    this.levelChanged.dispose();
  }
}
