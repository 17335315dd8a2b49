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

/**
 * What a constraint violation refused, in the same words on both engines (SQLite's own:
 * "UNIQUE constraint failed: orders.transaction_id"), for refusals that name it to the caller.
 * PostgreSQL's `detail` carries the row's values, which may be personal: only the table, the
 * columns and the constraint's name are used.
 */
export function constraintViolationMessage(error: unknown): string {
  const code = codeOf(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_CONSTRAINT')) return message;
  const e = error as { table?: string; column?: string; constraint?: string; detail?: string };
  const columns = /^Key \(([^)]*)\)=/.exec(e.detail ?? '')?.[1]?.split(', ');
  switch (code) {
    case '23505':
      return `UNIQUE constraint failed: ${columns ? columns.map((c) => `${e.table}.${c}`).join(', ') : (e.constraint ?? e.table)}`;
    case '23514':
      return `CHECK constraint failed: ${e.constraint ?? e.table}`;
    case '23502':
      return `NOT NULL constraint failed: ${e.table}.${e.column}`;
    case '23503':
      return 'FOREIGN KEY constraint failed';
    default:
      return 'constraint failed';
  }
}
