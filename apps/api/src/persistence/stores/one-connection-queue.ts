import type { DataSource } from 'typeorm';
import { asStorageError } from './storage-error';

const tails = new WeakMap<DataSource, Promise<unknown>>();

/**
 * The better-sqlite3 driver runs every query, and every transaction, on ONE connection. Two transactions started
 * concurrently would nest (the second becomes a savepoint of the first), so one's rollback or commit would decide the
 * other's fate, and a read could see a write that is later rolled back. Store operations on such a DataSource
 * therefore run one after another; with a pooled driver (PostgreSQL) they run as they come.
 *
 * Calls must not nest: work passed here must not itself call `serially` on the same DataSource.
 */
export function serially<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  // Every store reaches the database here, so this is also where SQLite's refusals get their STORAGE_UNAVAILABLE code.
  const guarded = () => work().catch((error: unknown) => Promise.reject(asStorageError(error)));
  if (dataSource.options.type !== 'better-sqlite3') return guarded();
  const previous = tails.get(dataSource) ?? Promise.resolve();
  const run = previous.then(guarded);
  tails.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}
