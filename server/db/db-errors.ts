import { DomainError } from '../errors';
import { log } from '../log';

export const DATABASE_BUSY_MESSAGE = 'The database is busy, so this change was not saved. Try again in a moment.';
export const DATABASE_FULL_MESSAGE =
  'The database is out of disk space, so this change was not saved. Tell an administrator; try again once space is freed.';

// PostgreSQL's SQLSTATEs that mean the same as SQLite's busy: a serialization failure or a
// deadlock (the transaction was chosen to give way), the write lock not granted within
// lock_timeout (server/db/write-tx.ts), a statement cancelled, the server shutting down or the
// connection lost.
const PG_BUSY = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03']);
const PG_FULL = new Set(['53100']);

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** A PostgreSQL error (its `code` is a five-character SQLSTATE), as node-postgres raises them. */
const isPgCode = (code: string) => /^[0-9A-Z]{5}$/.test(code);

// Database failures that are nobody's input error, answered as clear, retryable errors
// (SERVICE_UNAVAILABLE, HTTP 503) instead of an internal error carrying the engine's wording:
// - SQLITE_BUSY / SQLITE_LOCKED, or PostgreSQL's serialization failure, deadlock, lock timeout,
//   connection loss (class 08): another writer held the lock too long, or the server went away;
// - SQLITE_FULL or PostgreSQL's disk_full: the disk (or max_page_count) is full.
// The transaction was rolled back in both cases. Operators still see the cause in the log.
// Anything else is returned unchanged (a constraint violation: isConstraintViolation).
export function translateDatabaseError(error: unknown): unknown {
  const code = codeOf(error);
  if (code === undefined) return error;
  if (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    PG_BUSY.has(code) ||
    (isPgCode(code) && code.startsWith('08'))
  ) {
    log.warn('database busy: write refused', { code });
    return new DomainError('SERVICE_UNAVAILABLE', DATABASE_BUSY_MESSAGE, { cause: error });
  }
  if (code === 'SQLITE_FULL' || PG_FULL.has(code)) {
    log.error('database full: write refused', { code });
    return new DomainError('SERVICE_UNAVAILABLE', DATABASE_FULL_MESSAGE, { cause: error });
  }
  return error;
}

/** The database refused a row (a UNIQUE, CHECK, NOT NULL or foreign key): SQLITE_CONSTRAINT_*, or SQLSTATE class 23. */
export function isConstraintViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (code.startsWith('SQLITE_CONSTRAINT') || (isPgCode(code) && code.startsWith('23')));
}
