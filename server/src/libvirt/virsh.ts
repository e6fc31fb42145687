/**
 * `virsh`, the one way we talk to libvirt: always an argument list (never a shell), always with
 * a timeout, always in the C locale (so libvirt's messages read as in its sources, which the
 * rules quote). Two ways to run it behind one interface:
 * - `oneShotVirsh`: a process per command, for what reads static facts (capabilities) from the
 *   server and the CLI;
 * - `VirshSession`: one `virsh` per connection kept open, for the editor's view of live domains.
 *   One connection serves every command, as virt-manager keeps one: a `qemu+ssh://` host is
 *   reached once, and the state of libvirt's test driver (`test:///default`), which lives in the
 *   process that opened it, persists from a `define` to the next `dumpxml`.
 * Neither logs what virsh prints: `dumpxml --security-info` holds passwords.
 */
import * as cp from 'node:child_process';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** More than any domain definition or capabilities document; a runaway answer is cut off. */
const MAX_OUTPUT = 32 * 1024 * 1024;

export type VirshFailure =
  /** No virsh where the settings say (ENOENT, EACCES). */
  | 'missing'
  /** It did not answer in time; the process was killed. */
  | 'timeout'
  /** libvirt refused the command: `message` is what it said. */
  | 'refused'
  /** It exited or broke otherwise. */
  | 'broken';

export class VirshError extends Error {
  constructor(
    readonly failure: VirshFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Virsh {
  /** `virsh -c URI ARGS…`'s standard output; rejects with a `VirshError`. */
  run(args: readonly string[], timeoutMs?: number): Promise<string>;
}

export interface VirshOptions {
  /** The virsh binary: a path or a name looked up in PATH. */
  virshPath?: string;
  timeoutMs?: number;
}

/** The environment virsh runs in: ours, in the C locale, with no terminal to draw on. */
function virshEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C', TERM: 'dumb' };
}

/**
 * What libvirt said, from virsh's standard error: its `error: ` lines without the prefix. virsh
 * says first what it tried ("Failed to define domain from …") and then libvirt's reason; both
 * are kept, the reason last.
 */
export function libvirtMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const errors = lines.filter((line) => line.startsWith('error: ')).map((line) => line.slice('error: '.length));
  return (errors.length > 0 ? errors : lines).join('\n');
}

function spawnFailure(error: NodeJS.ErrnoException, virshPath: string): VirshError {
  if (error.code === 'ENOENT' || error.code === 'EACCES') {
    return new VirshError('missing', `virsh was not found (${virshPath}): install libvirt's client tools (Debian and Ubuntu: libvirt-clients; Fedora: libvirt-client) or set libvirtXml.virsh.path`);
  }
  return new VirshError('broken', `virsh could not be run: ${error.message}`);
}

/** A process per command. */
export function oneShotVirsh(uri: string, options: VirshOptions = {}): Virsh {
  const virshPath = options.virshPath || 'virsh';
  return {
    run(args, timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS) {
      return new Promise((resolve, reject) => {
        cp.execFile(
          virshPath,
          ['-q', '-c', uri, ...args],
          { env: virshEnvironment(), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT, windowsHide: true },
          (error, stdout, stderr) => {
            if (!error) return resolve(stdout);
            const failed = error as cp.ExecFileException;
            if (typeof failed.code === 'string') return reject(spawnFailure(failed as NodeJS.ErrnoException, virshPath));
            if (failed.killed) return reject(new VirshError('timeout', `virsh -c ${uri} ${args[0] ?? ''} did not answer within ${Math.round(timeoutMs / 1000)} s`));
            reject(new VirshError('refused', libvirtMessage(stderr) || `virsh -c ${uri} ${args[0] ?? ''} failed`));
          },
        );
      });
    },
  };
}

/** virsh's version (`9.0.0`), which connects nowhere: whether virsh can be run at all. */
export function virshVersion(options: VirshOptions = {}): Promise<string> {
  const virshPath = options.virshPath || 'virsh';
  return new Promise((resolve, reject) => {
    cp.execFile(virshPath, ['--version'], { env: virshEnvironment(), timeout: options.timeoutMs ?? 10_000, killSignal: 'SIGKILL', windowsHide: true }, (error, stdout) => {
      if (!error) return resolve(stdout.trim());
      const failed = error as cp.ExecFileException;
      reject(typeof failed.code === 'string' ? spawnFailure(failed as NodeJS.ErrnoException, virshPath) : new VirshError('broken', `${virshPath} --version failed`));
    });
  });
}

/**
 * One argument as virsh's own command parser reads it: in single quotes, inside which only `'`
 * is special (closed, escaped, reopened). A line break would end the command, so it is refused.
 */
export function virshQuote(argument: string): string {
  if (/[\r\n]/.test(argument)) throw new VirshError('broken', 'a virsh argument cannot hold a line break');
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

interface Pending {
  line: string;
  marker: string;
  resolve: (stdout: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One interactive `virsh -c URI` fed one command at a time. After each command it is asked to
 * echo a marker on standard output and another on standard error; the command's output and
 * errors are what comes before them. The marker is written quoted in pieces, so the echo of the
 * command line (readline echoes it when stdin is not a terminal) never contains the marker
 * itself. A command that does not answer in time kills the process; the next one starts afresh.
 */
export class VirshSession implements Virsh {
  private child: cp.ChildProcessWithoutNullStreams | undefined;
  private stdout = '';
  private stderr = '';
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
  private serial = 0;
  private disposed = false;

  constructor(
    readonly uri: string,
    private readonly options: VirshOptions = {},
  ) {}

  run(args: readonly string[], timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS): Promise<string> {
    if (this.disposed) return Promise.reject(new VirshError('broken', `the connection to ${this.uri} is closed`));
    let line: string;
    try {
      line = args.map(virshQuote).join(' ');
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const marker = `__libvirt_xml_${process.pid}_${++this.serial}__`;
      const pending: Pending = { line, marker, resolve, reject, timer: undefined as unknown as NodeJS.Timeout };
      pending.timer = setTimeout(() => this.timedOut(pending, args[0] ?? '', timeoutMs), timeoutMs);
      this.queue.push(pending);
      this.next();
    });
  }

  /** Ends the process and fails what is waiting. */
  dispose(): void {
    this.disposed = true;
    this.stop(new VirshError('broken', `the connection to ${this.uri} is closed`));
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const child = this.child ?? this.start();
    if (!child) return;
    this.current = this.queue.shift()!;
    // The marker's echo command spells it in two quoted pieces: `'__x_'"1__"` prints `__x_1__`.
    const split = this.current.marker.length - 4;
    const spelled = `'${this.current.marker.slice(0, split)}'"${this.current.marker.slice(split)}"`;
    child.stdin.write(`${this.current.line}\necho ${spelled}\necho --err ${spelled}\n`);
  }

  private start(): cp.ChildProcessWithoutNullStreams | undefined {
    const virshPath = this.options.virshPath || 'virsh';
    const child = cp.spawn(virshPath, ['-q', '-c', this.uri], { env: virshEnvironment(), stdio: 'pipe', windowsHide: true });
    this.child = child;
    this.stdout = '';
    this.stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (data: string) => {
      this.stdout += data;
      this.settle();
    });
    child.stderr.on('data', (data: string) => {
      this.stderr += data;
      this.settle();
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.child === child) this.stop(spawnFailure(error, virshPath));
    });
    child.on('exit', () => {
      if (this.child !== child) return;
      const said = libvirtMessage(this.stderr);
      this.stop(new VirshError('broken', said ? `virsh -c ${this.uri} ended: ${said}` : `virsh -c ${this.uri} ended`));
    });
    return child;
  }

  /** Answers the current command once both markers are in. */
  private settle(): void {
    const pending = this.current;
    if (!pending) return;
    if (this.stdout.length + this.stderr.length > MAX_OUTPUT) {
      this.stop(new VirshError('broken', `virsh -c ${this.uri} answered more than ${MAX_OUTPUT >> 20} MB`));
      return;
    }
    const outAt = this.stdout.indexOf(pending.marker);
    const errAt = this.stderr.indexOf(pending.marker);
    if (outAt < 0 || errAt < 0) return;
    const output = commandOutput(this.stdout.slice(0, outAt), pending.line);
    // `echo --err` prints the marker as an error: `error: __libvirt_xml_…`.
    const errors = this.stderr.slice(0, errAt).replace(/error: $/, '');
    this.stdout = this.stdout.slice(outAt + pending.marker.length);
    this.stderr = this.stderr.slice(errAt + pending.marker.length).replace(/^\n/, '');
    this.current = undefined;
    clearTimeout(pending.timer);
    const refused = libvirtMessage(errors);
    if (refused) pending.reject(new VirshError('refused', refused));
    else pending.resolve(output);
    this.next();
  }

  private timedOut(pending: Pending, command: string, timeoutMs: number): void {
    const error = new VirshError('timeout', `virsh -c ${this.uri} ${command} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    if (this.current === pending) {
      // The process may be stuck on the connection: start afresh for what is queued.
      this.current = undefined;
      this.kill();
      pending.reject(error);
      this.next();
      return;
    }
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    pending.reject(error);
  }

  private kill(): void {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }

  private stop(error: VirshError): void {
    this.kill();
    const failed = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = undefined;
    for (const pending of failed) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}

/**
 * A command's output from the session's standard output before its marker: without the prompt
 * (`virsh # `, or `virsh > ` read-only), readline's echo of the command line, and the echoes of
 * the marker commands.
 */
function commandOutput(text: string, line: string): string {
  // The previous command's marker on standard error was asked for after its output: its echo comes first.
  let output = text.replace(/^(virsh [#>] )?echo --err '[^'\n]*'"[^"\n]*"\n/, '').replace(/^virsh [#>] /, '');
  if (output.startsWith(`${line}\n`)) output = output.slice(line.length + 1);
  return output.replace(/virsh [#>] (echo '[^'\n]*'"[^"\n]*"\n)?$/, '');
}
