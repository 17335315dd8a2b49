// The seeded cases' audit trail, in time order and hash-chained exactly as recordAudit chains
// live events, so `npm run audit:verify` accepts the demo database.
import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH } from '../audit/audit-hash';
import { bulkInserter } from './bulk';
import type { SeedAuditEvent } from './case-types';
import { iso } from './seed-time';

export function writeAudit(db: Database.Database, events: SeedAuditEvent[]): number {
  const ins = bulkInserter(db, 'audit_events', [
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
    'prev_hash',
    'hash',
  ]);
  // Stable: events of one case at the same instant keep their order.
  const sorted = [...events].sort((a, b) => a.at - b.at);
  let prev = GENESIS_HASH;
  db.exec('begin');
  sorted.forEach((e, i) => {
    const f0 = e.fields();
    const fields = {
      id: i + 1,
      at: iso(e.at),
      actor_id: e.actor?.id ?? null,
      actor_username: e.actor?.username ?? 'system',
      actor_role: e.actor?.role ?? 'system',
      action: f0.action,
      entity_type: f0.entityType,
      entity_id: f0.entityId,
      before: f0.before === undefined ? null : JSON.stringify(f0.before),
      after: f0.after === undefined ? null : JSON.stringify(f0.after),
      reason: f0.reason ?? null,
      request_id: null,
      client_ip: null,
    };
    const hash = auditHash(prev, fields);
    const f = fields;
    ins.add(
      f.id,
      f.at,
      f.actor_id,
      f.actor_username,
      f.actor_role,
      f.action,
      f.entity_type,
      f.entity_id,
      f.before,
      f.after,
      f.reason,
      f.request_id,
      f.client_ip,
      prev,
      hash,
    );
    prev = hash;
  });
  ins.flush();
  db.exec('commit');
  return sorted.length;
}
