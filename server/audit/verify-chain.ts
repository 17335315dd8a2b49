import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH, type HashedFields } from './audit-hash';

export type ChainVerdict =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; problem: string };

// Walks the whole chain in id order with a streaming cursor (constant memory).
export function verifyAuditChain(sqlite: Database.Database): ChainVerdict {
  const rows = sqlite
    .prepare('select * from audit_events order by id')
    .iterate() as IterableIterator<HashedFields & { prev_hash: string; hash: string }>;
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.id !== expectedId) {
      return { ok: false, events: count, brokenAt: row.id, problem: `event ${expectedId} is missing before event ${row.id}` };
    }
    if (row.prev_hash !== prev) {
      return { ok: false, events: count, brokenAt: row.id, problem: `event ${row.id} does not follow the event before it` };
    }
    if (auditHash(prev, row) !== row.hash) {
      return { ok: false, events: count, brokenAt: row.id, problem: `event ${row.id} was altered after it was written` };
    }
    prev = row.hash;
    expectedId++;
  }
  return { ok: true, events: count };
}
