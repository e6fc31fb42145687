/**
 * A seeded, unpaced burst of edits with requests and cancels in between, sent to the server
 * without waiting for anything: what a fast typist with a busy editor sends. Shared by the soak
 * test (test/lsp/soak.test.ts) and its benchmark (test/bench/soak.ts).
 */
import { CancellationTokenSource, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

/** The JSON-RPC error code of an answer to a cancelled request (LSP 3.17: RequestCancelled). */
export const REQUEST_CANCELLED = -32800;

/** Pieces typed into the document: markup that opens, closes and breaks elements and attributes. */
const TYPED = ['<vcpu>2</vcpu>', '<', '>', '/', "'", ' ', '\n  ', 'x', "<disk type='file'>", '</disk>', "<target dev='vda'/>", '<memory>', '</devices>', '&amp;', '<!-- ', ' -->'];
const REQUESTS = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/definition'] as const;

export interface BurstOptions {
  seed: number;
  edits: number;
  /** A request after about one edit in `requestEvery`. */
  requestEvery: number;
  /** About one request in `cancelEvery` is cancelled right after it is sent. */
  cancelEvery: number;
  /** Time between edits (a typist's pace; the client never waits for the server): none when absent. */
  editIntervalMs?: number;
}

export interface RequestOutcome {
  method: string;
  /** From sending the request to its answer. */
  latencyMs: number;
  cancelled: boolean;
  /** An error other than RequestCancelled. */
  error?: string;
}

export interface BurstResult {
  /** The document's text after the last edit, as the client holds it. */
  finalText: string;
  finalVersion: number;
  requests: RequestOutcome[];
}

/** Park–Miller: the same numbers for the same seed on every machine. */
function random(seed: number): (below: number) => number {
  let state = seed % 2147483647 || 1;
  return (below) => {
    state = (state * 48271) % 2147483647;
    return state % below;
  };
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** Sends the burst to the open document `uri` (at version 1 with `text`) and waits for every answer. */
export async function runBurst(client: LspClient, uri: string, text: string, options: BurstOptions): Promise<BurstResult> {
  const next = random(options.seed);
  let version = 1;
  const answers: Promise<RequestOutcome>[] = [];
  for (let i = 0; i < options.edits; i++) {
    const start = next(text.length + 1);
    const end = next(4) === 0 ? Math.min(text.length, start + next(24)) : start;
    const inserted = next(5) === 0 ? '' : TYPED[next(TYPED.length)];
    const change: TextDocumentContentChangeEvent = { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: inserted };
    text = text.slice(0, start) + inserted + text.slice(end);
    version++;
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if (options.editIntervalMs) await new Promise((resolve) => setTimeout(resolve, options.editIntervalMs));
    if (next(options.requestEvery) === 0) {
      const method = REQUESTS[next(REQUESTS.length)];
      const cancel = next(options.cancelEvery) === 0;
      answers.push(ask(client, method, { textDocument: { uri }, position: positionAt(text, next(text.length + 1)) }, cancel));
    }
  }
  return { finalText: text, finalVersion: version, requests: await Promise.all(answers) };
}

async function ask(client: LspClient, method: string, params: unknown, cancel: boolean): Promise<RequestOutcome> {
  const source = new CancellationTokenSource();
  const sent = process.hrtime.bigint();
  const answer = client.connection.sendRequest(method, params, source.token);
  if (cancel) source.cancel();
  const outcome = (extra: Partial<RequestOutcome>): RequestOutcome => ({ method, latencyMs: Number(process.hrtime.bigint() - sent) / 1e6, cancelled: false, ...extra });
  try {
    await answer;
    return outcome({});
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === REQUEST_CANCELLED ? outcome({ cancelled: true }) : outcome({ error: String(error) });
  }
}

/** The value at fraction `p` (0.5, 0.99…) of `values` sorted. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
