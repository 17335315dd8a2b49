import type { z } from 'zod';
import type { auditHistoryInput, auditListInput } from '../../shared/schemas/audit';
import type { StaffActor } from '../actor';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { writeTx } from '../db/write-tx';
import { recordAudit } from './record-audit';
import { selectAuditEvents, toAuditEvent } from './to-audit-event';

// Reading the audit log is itself an audited event (docs/spec.md §4.8).

export async function listAudit(db: Db, actor: StaffActor, input: z.output<typeof auditListInput>, now: Date) {
  let q = selectAuditEvents(db);
  if (input.actor) q = q.where('actor_username', '=', input.actor);
  if (input.action) q = q.where('action', '=', input.action);
  if (input.entityType) q = q.where('entity_type', '=', input.entityType);
  if (input.entityId) q = q.where('entity_id', '=', input.entityId);
  if (input.from) q = q.where('at', '>=', new Date(input.from).toISOString());
  if (input.to) q = q.where('at', '<=', new Date(input.to).toISOString());
  if (input.cursor) q = q.where('id', '<', input.cursor);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(literal(input.limit + 1))
    .execute();
  await writeTx(db, (tx) =>
    recordAudit(
      tx,
      actor,
      { action: 'audit.read', entityType: 'audit', entityId: 'log', after: { filters: { ...input, cursor: undefined } } },
      now,
    ),
  );
  const page = rows.slice(0, input.limit);
  return { items: page.map(toAuditEvent), nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
}

/** The whole history of a case (with its refunds and the order's events) or of any entity. */
export async function auditHistory(db: Db, actor: StaffActor, input: z.output<typeof auditHistoryInput>, now: Date) {
  const related: { type: string; id: string }[] = [{ type: input.entityType, id: input.entityId }];
  if (input.entityType === 'case') {
    const kase = await db.selectFrom('refund_cases').select(['order_no']).where('case_no', '=', input.entityId).executeTakeFirst();
    const refunds = await db.selectFrom('refunds').select('id').where('case_no', '=', input.entityId).execute();
    if (kase) related.push({ type: 'order', id: kase.order_no });
    for (const r of refunds) related.push({ type: 'refund', id: String(r.id) });
  }
  const rows = await selectAuditEvents(db)
    .where((eb) => eb.or(related.map((r) => eb.and([eb('entity_type', '=', r.type), eb('entity_id', '=', r.id)]))))
    .orderBy('id')
    .limit(literal(2000))
    .execute();
  await writeTx(db, (tx) => recordAudit(tx, actor, { action: 'audit.read', entityType: input.entityType, entityId: input.entityId }, now));
  return rows.map(toAuditEvent);
}
