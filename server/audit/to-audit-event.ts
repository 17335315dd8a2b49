import type { Db } from '../db/client';
import { HASHED_COLUMNS } from './audit-hash';

/** An audit event as the log and the histories read it: its own fields, without the chain's hashes. */
export function selectAuditEvents(db: Db) {
  return db.selectFrom('audit_events').select(HASHED_COLUMNS);
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof selectAuditEvents>['executeTakeFirstOrThrow']>>;

/** The one API shape of an audit event. */
export function toAuditEvent(e: AuditRow) {
  return {
    id: e.id,
    at: e.at,
    actor: e.actor_username,
    actorRole: e.actor_role,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    before: e.before ? JSON.parse(e.before) : null,
    after: e.after ? JSON.parse(e.after) : null,
    reason: e.reason,
    requestId: e.request_id,
    clientIp: e.client_ip,
  };
}
