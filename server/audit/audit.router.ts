import { literal } from '../db/literal-limit';
import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { auditHistoryInput, auditListInput } from '../../shared/schemas/audit';
import { actorOf } from '../actor';
import { writeTx } from '../db/write-tx';
import { procedure, router } from '../trpc';
import { recordAudit } from './record-audit';
import { verifyAuditChainAsync } from './verify-chain-async';

function toEvent(e: {
  id: number;
  at: string;
  actor_username: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
}) {
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

const COLUMNS = ['id', 'at', 'actor_username', 'actor_role', 'action', 'entity_type', 'entity_id', 'before', 'after', 'reason', 'request_id', 'client_ip'] as const;

// Reading the audit log is itself an audited event (SPEC §4.8, issue 7).
export const auditRouter = router({
  list: procedure
    .meta({ allow: ALLOW.oversee })
    .input(auditListInput)
    .query(async ({ ctx, input }) => {
      let q = ctx.db.selectFrom('audit_events').select(COLUMNS);
      if (input.actor) q = q.where('actor_username', '=', input.actor);
      if (input.action) q = q.where('action', '=', input.action);
      if (input.entityType) q = q.where('entity_type', '=', input.entityType);
      if (input.entityId) q = q.where('entity_id', '=', input.entityId);
      if (input.from) q = q.where('at', '>=', new Date(input.from).toISOString());
      if (input.to) q = q.where('at', '<=', new Date(input.to).toISOString());
      if (input.cursor) q = q.where('id', '<', input.cursor);
      const rows = await q.orderBy('id', 'desc').limit(literal(input.limit + 1)).execute();
      await writeTx(ctx.db, (tx) =>
        recordAudit(tx, actorOf(ctx), { action: 'audit.read', entityType: 'audit', entityId: 'log', after: { filters: { ...input, cursor: undefined } } }, ctx.now()),
      );
      const page = rows.slice(0, input.limit);
      return { items: page.map(toEvent), nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
    }),

  // The whole history of a case (with its refunds and the order's events) or of any entity.
  history: procedure
    .meta({ allow: ALLOW.oversee })
    .input(auditHistoryInput)
    .query(async ({ ctx, input }) => {
      const related: { type: string; id: string }[] = [{ type: input.entityType, id: input.entityId }];
      if (input.entityType === 'case') {
        const kase = await ctx.db.selectFrom('refund_cases').select(['order_no']).where('case_no', '=', input.entityId).executeTakeFirst();
        const refunds = await ctx.db.selectFrom('refunds').select('id').where('case_no', '=', input.entityId).execute();
        if (kase) related.push({ type: 'order', id: kase.order_no });
        for (const r of refunds) related.push({ type: 'refund', id: String(r.id) });
      }
      const rows = await ctx.db
        .selectFrom('audit_events')
        .select(COLUMNS)
        .where((eb) => eb.or(related.map((r) => eb.and([eb('entity_type', '=', r.type), eb('entity_id', '=', r.id)]))))
        .orderBy('id')
        .limit(literal(2000))
        .execute();
      await writeTx(ctx.db, (tx) =>
        recordAudit(tx, actorOf(ctx), { action: 'audit.read', entityType: input.entityType, entityId: input.entityId }, ctx.now()),
      );
      return rows.map(toEvent);
    }),

  verify: procedure
    .meta({ allow: ALLOW.oversee })
    .input(z.object({}).strict().optional())
    .query(({ ctx }) => verifyAuditChainAsync(ctx.db)),
});
