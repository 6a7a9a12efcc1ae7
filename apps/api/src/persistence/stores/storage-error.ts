import { DomainError, DomainErrorCode } from '@opiekun/domain';

/** SQLite result codes (and their extended forms, e.g. SQLITE_IOERR_WRITE) that mean "could not write now". */
const REFUSALS: readonly [prefix: string, explain: (detail: string) => string][] = [
  ['SQLITE_FULL', () => 'the database disk is full'],
  ['SQLITE_BUSY', () => 'the database file is locked by another program'],
  ['SQLITE_LOCKED', () => 'the database file is locked by another program'],
  ['SQLITE_READONLY', () => 'the database file is read-only'],
  ['SQLITE_IOERR', (detail) => `the database file could not be read or written (${detail})`],
  ['SQLITE_CANTOPEN', () => 'the database file cannot be opened'],
];

function sqliteCode(error: unknown): string | undefined {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

/**
 * Turns SQLite's refusals (disk full, file locked past the busy timeout, read-only, I/O error) into
 * STORAGE_UNAVAILABLE with a sentence staff and IT can act on; the transaction that met it was rolled back, so
 * nothing of the request was stored. Other errors pass unchanged.
 */
export function asStorageError(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const refusal = REFUSALS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
  if (!refusal) return error;
  return new DomainError(DomainErrorCode.StorageUnavailable, `${refusal[1](code)}: nothing was saved, try again later (${code})`, 'database');
}
