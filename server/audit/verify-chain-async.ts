import type { Db } from '../db/client';
import { streamRows } from '../db/stream-rows';
import { auditHash, GENESIS_HASH } from './audit-hash';

// The same walk as verify-chain.ts, through a streaming cursor (stream-rows.ts), for the running server.
export async function verifyAuditChainAsync(db: Db) {
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  for await (const row of streamRows(db, db.selectFrom('audit_events').selectAll().orderBy('id'), 500)) {
    count++;
    if (row.id !== expectedId) return { ok: false as const, events: count, brokenAt: row.id, problem: `event ${expectedId} is missing` };
    if (row.prev_hash !== prev || auditHash(prev, row) !== row.hash) {
      return { ok: false as const, events: count, brokenAt: row.id, problem: `event ${row.id} does not verify` };
    }
    prev = row.hash;
    expectedId++;
  }
  return { ok: true as const, events: count };
}
