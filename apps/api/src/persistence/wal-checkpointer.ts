import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's default `wal_autocheckpoint`, restored on the api's connection whenever no checkpointer runs. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Run in the worker: its own connection to the same file, a PASSIVE checkpoint every `everyMs` and on request.
 * Plain JavaScript evaluated as the worker's script, so it runs the same from TypeScript (tests) and from dist.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.dbPath, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('wal_autocheckpoint = 0');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const timer = setInterval(() => {
  try { checkpoint(); } catch (error) { parentPort.postMessage({ error: String(error && error.message), periodic: true }); }
}, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
    return;
  }
  try { parentPort.postMessage({ checkpoint: checkpoint() }); } catch (error) { parentPort.postMessage({ error: String(error && error.message) }); }
});
parentPort.postMessage({ ready: true });
`;

export interface CheckpointResult {
  /** WAL frames in the log and how many of them are now in the database file (SQLite's `wal_checkpoint` result). */
  readonly log: number;
  readonly checkpointed: number;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. In WAL mode the connection that commits past
 * `wal_autocheckpoint` pages (1000 by default) runs the checkpoint inside that COMMIT: it copies the log into the
 * database file and fsyncs it, and better-sqlite3 is synchronous, so the api's event loop stood still for it —
 * 10–25 ms on this machine, every few seconds under load. Here a worker thread with its own connection checkpoints
 * (PASSIVE: never waits for, nor blocks, the api's writer or readers) every `everyMs`, and the api's connection
 * stops checkpointing while the worker runs. A checkpoint is crash-safe wherever it runs; the WAL keeps every commit
 * until it is copied, so nothing is lost if the worker or the api dies, and the log restarts from its beginning
 * after a complete checkpoint as before. If the worker fails, the api's connection checkpoints again on its own.
 */
export class WalCheckpointer {
  private worker?: Worker;
  private readonly waiting: Array<(result: CheckpointResult | Error) => void> = [];

  constructor(
    /** The api's own connection (TypeORM's better-sqlite3 driver). */
    private readonly connection: Database.Database,
    private readonly options: { readonly dbPath: string; readonly everyMs?: number; readonly busyTimeoutMs?: number; readonly onError?: (message: string) => void },
  ) {}

  /** Resolves once the worker has opened the database and the api's connection has stopped checkpointing. */
  async start(): Promise<void> {
    if (this.worker) return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), dbPath: this.options.dbPath, everyMs: this.options.everyMs ?? 1000, busyTimeoutMs: this.options.busyTimeoutMs ?? 5000 },
    });
    this.worker = worker;
    // Never what keeps a process alive: a test or a tool that forgets stop() still exits.
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => {
        worker.off('error', reject);
        resolve();
      });
    }).catch((error: Error) => {
      this.worker = undefined;
      throw error;
    });
    worker.on('message', (message: { checkpoint?: { log: number; checkpointed: number }; error?: string; periodic?: boolean }) => {
      if (message.error !== undefined) this.options.onError?.(`WAL checkpoint failed: ${message.error}`);
      // a failed timer checkpoint answers nobody: it must not be taken as the reply to a checkpointNow()
      if (message.periodic) return;
      const reply = this.waiting.shift();
      if (message.checkpoint) reply?.({ log: message.checkpoint.log, checkpointed: message.checkpoint.checkpointed });
      else if (message.error !== undefined) reply?.(new Error(message.error));
    });
    worker.on('error', (error) => this.options.onError?.(`WAL checkpointer stopped: ${error.message}`));
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      // (a worker that died after the database was closed leaves nothing to restore)
      if (this.connection.open) this.connection.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
      for (const reply of this.waiting.splice(0)) reply(new Error('WAL checkpointer stopped'));
    });
    this.connection.pragma('wal_autocheckpoint = 0');
  }

  /** A checkpoint now, in the worker (tests; the timer does the rest). */
  checkpointNow(): Promise<CheckpointResult> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('WAL checkpointer not running'));
    return new Promise((resolve, reject) => {
      this.waiting.push((result) => (result instanceof Error ? reject(result) : resolve(result)));
      worker.postMessage('checkpoint');
    });
  }

  /** Stops the worker (its connection closes cleanly) and gives checkpoints back to the api's connection. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
    if (this.connection.open) this.connection.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    for (const reply of this.waiting.splice(0)) reply(new Error('WAL checkpointer stopped'));
  }
}
