import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEventsTable } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);

/** The columns of an audit event that its hash covers, in the order the hash reads them. */
export const HASHED_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_username',
  'actor_role',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'reason',
  'request_id',
  'client_ip',
] as const satisfies readonly (keyof AuditEventsTable)[];

/** An audit event's own fields, as the table holds them: all but the chain's two hashes. */
export type HashedFields = Pick<Selectable<AuditEventsTable>, (typeof HASHED_COLUMNS)[number]>;

// Each event's hash covers its own fields (its id included, so a reordering shows) and the
// previous event's hash: changing, removing or moving any event breaks every link after it.
export function auditHash(prevHash: string, e: HashedFields): string {
  const canonical = JSON.stringify(HASHED_COLUMNS.map((column) => e[column]));
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
