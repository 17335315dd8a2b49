// The seeded cases' audit trail, in time order and hash-chained exactly as recordAudit chains
// live events, so `npm run audit:verify` accepts the demo database.
import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH, HASHED_COLUMNS } from '../audit/audit-hash';
import { auditEventFields, SYSTEM_ACTOR } from '../audit/record-audit';
import { bulkInserter } from './bulk';
import type { SeedAuditEvent } from './case-types';
import { iso } from './seed-time';

export function writeAudit(db: Database.Database, events: SeedAuditEvent[]): number {
  const ins = bulkInserter(db, 'audit_events', [...HASHED_COLUMNS, 'prev_hash', 'hash']);
  // Stable: events of one case at the same instant keep their order.
  const sorted = [...events].sort((a, b) => a.at - b.at);
  let prev = GENESIS_HASH;
  db.exec('begin');
  sorted.forEach((e, i) => {
    const fields = auditEventFields(i + 1, iso(e.at), e.actor ?? SYSTEM_ACTOR, e.fields());
    const hash = auditHash(prev, fields);
    ins.add(...HASHED_COLUMNS.map((column) => fields[column]), prev, hash);
    prev = hash;
  });
  ins.flush();
  db.exec('commit');
  return sorted.length;
}
