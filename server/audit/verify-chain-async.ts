import type { Db } from '../db/client';
import { auditHash, GENESIS_HASH } from './audit-hash';

// The same walk as verify-chain.ts, through Kysely's streaming cursor, for the running server.
export async function verifyAuditChainAsync(db: Db) {
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  for await (const row of db.selectFrom('audit_events').selectAll().orderBy('id').stream(500)) {
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
