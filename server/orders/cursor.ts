import { DomainError } from '../errors';

// Keyset cursors are opaque to clients: the last row's sort value and tie-breaker.
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T extends (string | number)[]>(cursor: string, shape: ('string' | 'number')[]): T {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => typeof v === shape[i])) {
      return values as T;
    }
  } catch {
    // fall through to the clear error below
  }
  throw new DomainError('BAD_REQUEST', 'Invalid cursor: start again from the first page');
}
