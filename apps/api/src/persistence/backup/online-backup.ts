import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly tasks: number;
  readonly robots: number;
  readonly milliseconds: number;
}

export class BackupError extends Error {}

/**
 * Copies a live SQLite database with SQLite's online backup API (better-sqlite3 `backup()`): a consistent snapshot
 * taken page by page while the api keeps writing (WAL lets it), never a half-copied file. The copy is then opened
 * and checked (`PRAGMA integrity_check`) before it is reported good. An existing file is never overwritten.
 */
export async function backupDatabase(source: string, target: string, busyTimeoutMs = 5_000): Promise<BackupReport> {
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new BackupError(`no database at ${from} (set DB_PATH)`);
  if (existsSync(to)) throw new BackupError(`${to} exists; choose a new file (a backup never overwrites one)`);
  if (from === to) throw new BackupError('the backup must go to another file than the database');
  mkdirSync(dirname(to), { recursive: true });
  const started = Date.now();
  const db = new Database(from, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    await db.backup(to);
  } finally {
    db.close();
  }
  return { file: to, ...verify(to), milliseconds: Date.now() - started };
}

function verify(file: string): { bytes: number; tasks: number; robots: number } {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`the copy at ${file} fails its integrity check: ${String(integrity)}`);
    const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const pages = copy.pragma('page_count', { simple: true }) as number;
    const pageSize = copy.pragma('page_size', { simple: true }) as number;
    return { bytes: pages * pageSize, tasks: count('task'), robots: count('robot') };
  } finally {
    copy.close();
  }
}
