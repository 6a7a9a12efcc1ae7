import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * One program of the soak (broker, api, simulator) as a real child process: its output goes to a log file, it can
 * be stopped gracefully (SIGTERM) or killed (SIGKILL), and started again with the same command line.
 */
export class ChildProgram {
  private child?: ChildProcess;
  private readonly log: WriteStream;
  private tail = '';
  private exits = 0;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly env: NodeJS.ProcessEnv,
    logFile: string,
    private readonly cwd: string,
    /** Keep a pipe to its standard input open (the simulator's `--control stdin`). */
    private readonly withStdin = false,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last few KiB of output, for error messages. */
  get recentOutput(): string {
    return this.tail;
  }

  get exitCount(): number {
    return this.exits;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.log.write(`\n===== ${new Date().toISOString()} start ${this.name}\n`);
    const child = spawn(this.command, [...this.args], { cwd: this.cwd, env: this.env, stdio: [this.withStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    child.stdin?.on('error', () => undefined);
    const keep = (chunk: Buffer) => {
      this.log.write(chunk);
      this.tail = (this.tail + chunk.toString()).slice(-4_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exits += 1;
      this.log.write(`\n===== ${new Date().toISOString()} ${this.name} exited (${signal ?? code})\n`);
    });
    this.child = child;
  }

  /** Writes one line to its standard input (started `withStdin`). */
  send(line: string): void {
    if (!this.running || !this.child?.stdin) throw new Error(`${this.name} is not running with a standard input`);
    this.log.write(`\n===== ${new Date().toISOString()} ${this.name} < ${line}\n`);
    this.child.stdin.write(`${line}\n`);
  }

  /** SIGTERM and wait (SIGKILL after `graceMs`); resolves with the exit code (null when killed by a signal). */
  stop(graceMs = 10_000): Promise<number | null> {
    return this.end('SIGTERM', graceMs);
  }

  /** kill -9: no chance to save or say goodbye. */
  kill(): Promise<number | null> {
    return this.end('SIGKILL', 5_000);
  }

  async close(): Promise<void> {
    if (this.running) await this.kill();
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }

  private async end(signal: NodeJS.Signals, graceMs: number): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

/** Polls `probe` every `everyMs` until it returns a value; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}
