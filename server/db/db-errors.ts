import { DomainError } from '../errors';
import { log } from '../log';

export const DATABASE_BUSY_MESSAGE = 'The database is busy, so this change was not saved. Try again in a moment.';
export const DATABASE_FULL_MESSAGE =
  'The database is out of disk space, so this change was not saved. Tell an administrator; try again once space is freed.';

// SQLite failures that are nobody's input error, answered as clear, retryable errors
// (SERVICE_UNAVAILABLE, HTTP 503) instead of an internal error carrying SQLite's wording:
// - SQLITE_BUSY / SQLITE_LOCKED: another connection (a backup, a script) held the write lock
//   past the busy timeout;
// - SQLITE_FULL: the disk (or max_page_count) is full.
// The transaction was rolled back in both cases. Operators still see the cause in the log.
// Anything else is returned unchanged.
export function translateDatabaseError(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    log.warn('database busy: write refused', { code });
    return new DomainError('SERVICE_UNAVAILABLE', DATABASE_BUSY_MESSAGE, { cause: error });
  }
  if (code === 'SQLITE_FULL') {
    log.error('database full: write refused', { code });
    return new DomainError('SERVICE_UNAVAILABLE', DATABASE_FULL_MESSAGE, { cause: error });
  }
  return error;
}
