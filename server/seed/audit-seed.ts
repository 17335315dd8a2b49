// The seeded cases' audit trail, in time order and hash-chained exactly as recordAudit chains
// live events, so `npm run audit:verify` accepts the demo database.
import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH, HASHED_COLUMNS } from '../audit/audit-hash';
import { auditEventFields, SYSTEM_ACTOR, type Actor } from '../audit/record-audit';
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

/**
 * Has the console's own code (the store notifications of store-events.ts) chain its audit events
 * into a temporary audit_events, which shadows the real one on this connection (SQLite resolves
 * an unqualified name in `temp` first), and returns them to be written by writeAudit in time
 * order with the cases' events: the same fields, only their place in the chain differs. The real
 * table stays append-only throughout.
 */
export async function auditAside(db: Database.Database, run: () => Promise<unknown>): Promise<SeedAuditEvent[]> {
  type Row = Record<(typeof HASHED_COLUMNS)[number], string | number | null>;
  db.exec('create temp table audit_events as select * from main.audit_events where 0');
  let rows: Row[];
  try {
    await run();
    rows = db.prepare('select * from temp.audit_events order by id').all() as Row[];
  } finally {
    db.exec('drop table temp.audit_events');
  }
  const json = (v: string | number | null) => (v === null ? undefined : (JSON.parse(String(v)) as unknown));
  return rows.map((row) => {
    const actor: Actor =
      row.actor_username === SYSTEM_ACTOR.username && row.actor_id === null
        ? SYSTEM_ACTOR
        : { id: row.actor_id as number | null, username: String(row.actor_username), role: String(row.actor_role) };
    return {
      at: Date.parse(String(row.at)),
      actor,
      fields: () => ({
        action: String(row.action),
        entityType: String(row.entity_type),
        entityId: String(row.entity_id),
        before: json(row.before),
        after: json(row.after),
        reason: row.reason === null ? null : String(row.reason),
      }),
    };
  });
}
