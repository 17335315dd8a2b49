import { apiShape, type RowOf } from '../api-shape';
import type { Db } from '../db/client';
import { HASHED_COLUMNS } from './audit-hash';

/** An audit event as the log and the histories read it: its own fields, without the chain's hashes. */
export function selectAuditEvents(db: Db) {
  return db.selectFrom('audit_events').select(HASHED_COLUMNS);
}

/** The one API shape of an audit event: its fields but the actor's id, `actor` its username, before and after parsed. */
export function toAuditEvent({ actor_id: _actorId, actor_username, before, after, ...e }: RowOf<typeof selectAuditEvents>) {
  return {
    ...apiShape(e),
    actor: actor_username,
    before: before ? JSON.parse(before) : null,
    after: after ? JSON.parse(after) : null,
  };
}
