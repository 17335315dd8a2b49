import { literal } from '../db/literal-limit';
import { DomainError, found } from '../errors';
import type { z } from 'zod';
import type { casesCreateInput } from '../../shared/schemas/cases';
import { addBusinessDays } from '../../shared/time/business-days';
import { toLocalDate } from '../../shared/time/local-date';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { businessCalendar, currentPolicy } from '../policy/current-policy';
import { insertEvidence } from './case-evidence';

// Opens a case on an order: the SLA clock starts (business days in the policy timezone) and
// the case lands in the opener's queue. One open case per order at a time.
export async function createCase(db: Db, actor: Actor, input: z.output<typeof casesCreateInput>, now: Date) {
  const policy = await currentPolicy(db);
  const calendar = await businessCalendar(db);
  return writeTx(db, (tx) => openCaseIn(tx, actor, input, now, { policy, calendar }));
}

/** createCase inside a write transaction the caller holds (a store's consumption request opens one). */
export async function openCaseIn(
  tx: Db,
  actor: Actor,
  input: z.output<typeof casesCreateInput>,
  now: Date,
  opts: {
    policy: Awaited<ReturnType<typeof currentPolicy>>;
    calendar: Awaited<ReturnType<typeof businessCalendar>>;
    /** whose queue it lands in: the opener's unless given (null: the team's) */
    assigneeId?: number | null;
  },
) {
  const { policy, calendar } = opts;
  const order = await found(
    tx.selectFrom('orders').select(['order_no', 'member_uid', 'open_case_no', 'paid_at']).where('order_no', '=', input.orderNo),
    `No order ${input.orderNo}`,
  );
  if (order.open_case_no) {
    throw new DomainError('CONFLICT', `Order ${order.order_no} already has an open case ${order.open_case_no}`);
  }
  const nowIso = now.toISOString();
  const appliedAt = input.appliedAt ? new Date(input.appliedAt).toISOString() : nowIso;
  if (input.appliedAt) {
    if (!order.paid_at || appliedAt < order.paid_at)
      throw new DomainError('BAD_REQUEST', 'The member cannot have applied before paying: appliedAt is before the payment');
    if (appliedAt > nowIso) throw new DomainError('BAD_REQUEST', 'appliedAt is in the future: give the time of the member’s first contact');
  }
  const prefix = `RC${toLocalDate(now.toISOString(), policy.timezone).replace(/-/g, '')}`;
  const last = await tx
    .selectFrom('refund_cases')
    .select('case_no')
    .where('case_no', 'like', `${prefix}%`)
    .orderBy('case_no', 'desc')
    .limit(literal(1))
    .executeTakeFirst();
  const seq = last ? Number(last.case_no.slice(prefix.length)) + 1 : 1;
  const caseNo = `${prefix}${String(seq).padStart(5, '0')}`;
  const slaDueAt = addBusinessDays(nowIso, policy.reviewSlaBusinessDays, calendar, policy.timezone);
  await tx
    .insertInto('refund_cases')
    .values({
      case_no: caseNo,
      order_no: order.order_no,
      member_uid: order.member_uid,
      channel: input.channel,
      reason: input.reason,
      requested: input.requested,
      statement: input.statement,
      status: 'new',
      assignee_id: opts.assigneeId === undefined ? actor.id : opts.assigneeId,
      created_by: actor.id ?? 0,
      sla_due_at: slaDueAt,
      reject_reason_code: null,
      proposed_by: null,
      proposed_quote_id: null,
      created_at: nowIso,
      updated_at: nowIso,
      closed_at: null,
      applied_at: appliedAt,
      first_decided_at: null,
    })
    .execute();
  await tx.updateTable('orders').set({ open_case_no: caseNo }).where('order_no', '=', order.order_no).execute();
  const evidence = await insertEvidence(tx, actor, caseNo, input.evidence ?? [], nowIso);
  await recordAudit(
    tx,
    actor,
    {
      action: 'case.create',
      entityType: 'case',
      entityId: caseNo,
      after: {
        orderNo: order.order_no,
        channel: input.channel,
        reason: input.reason,
        requested: input.requested,
        slaDueAt,
        appliedAt: input.appliedAt ? appliedAt : undefined,
        evidence: evidence.length ? evidence : undefined,
      },
    },
    now,
  );
  return { caseNo, slaDueAt };
}
