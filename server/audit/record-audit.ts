import { literal } from '../db/literal-limit';
import type { Db } from '../db/client';
import { auditHash, GENESIS_HASH, type HashedFields } from './audit-hash';

export interface Actor {
  id: number | null;
  username: string;
  role: string;
  requestId?: string | null;
  clientIp?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', role: 'system' };

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** The fields of event `id`: what `actor` did at `at` (an ISO instant), as the table holds them. */
export function auditEventFields(id: number, at: string, actor: Actor, input: AuditInput): HashedFields {
  return {
    id,
    at,
    actor_id: actor.id,
    actor_username: actor.username,
    actor_role: actor.role,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    reason: input.reason ?? null,
    request_id: actor.requestId ?? null,
    client_ip: actor.clientIp ?? null,
  };
}

/**
 * Appends one event to the hash chain. Call it inside the write transaction that makes the
 * change, so the change and its event commit or vanish together.
 */
export async function recordAudit(tx: Db, actor: Actor, input: AuditInput, at: Date): Promise<number> {
  const last = await tx.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(literal(1)).executeTakeFirst();
  const fields = auditEventFields((last?.id ?? 0) + 1, at.toISOString(), actor, input);
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx
    .insertInto('audit_events')
    .values({ ...fields, prev_hash: prevHash, hash: auditHash(prevHash, fields) })
    .execute();
  return fields.id;
}
