import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import type { casesListInput } from '../../shared/schemas/cases';
import type { StaffIdentity } from '../context';
import type { Db } from '../db/client';
import { decodeCursor, encodeCursor } from '../orders/cursor';

type Input = z.output<typeof casesListInput>;

// The queue: earliest SLA first (so overdue cases lead), keyset on (sla_due_at, case_no).
export async function listCases(db: Db, staff: StaffIdentity, input: Input, now: Date) {
  let query = db
    .selectFrom('refund_cases')
    .innerJoin('members', 'members.uid', 'refund_cases.member_uid')
    .innerJoin('orders', 'orders.order_no', 'refund_cases.order_no')
    .leftJoin('staff', 'staff.id', 'refund_cases.assignee_id')
    .select([
      'refund_cases.case_no',
      'refund_cases.order_no',
      'refund_cases.member_uid',
      'members.nickname',
      'refund_cases.status',
      'refund_cases.reason',
      'refund_cases.channel',
      'refund_cases.sla_due_at',
      'refund_cases.created_at',
      'refund_cases.updated_at',
      'orders.paid_fen',
      'orders.plan_code',
      'staff.username as assignee',
      'staff.display_name as assignee_name',
    ]);
  if (input.status) query = query.where('refund_cases.status', '=', input.status);
  if (input.open) query = query.where('refund_cases.status', 'in', OPEN_STATUSES);
  if (input.overdue) {
    query = query.where('refund_cases.sla_due_at', '<', now.toISOString()).where('refund_cases.status', 'in', OPEN_STATUSES);
  }
  if (input.assignee === 'me') query = query.where('refund_cases.assignee_id', '=', staff.id);
  else if (input.assignee === 'unassigned') query = query.where('refund_cases.assignee_id', 'is', null);
  else if (input.assignee) {
    const who = await db.selectFrom('staff').select('id').where('username', '=', input.assignee).executeTakeFirst();
    if (!who) throw new TRPCError({ code: 'BAD_REQUEST', message: `No staff member ${input.assignee}` });
    query = query.where('refund_cases.assignee_id', '=', who.id);
  }
  if (input.cursor) {
    const [due, caseNo] = decodeCursor<[string, string]>(input.cursor, ['string', 'string']);
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('refund_cases.sla_due_at', 'refund_cases.case_no'), '>', tuple(due, caseNo)));
  }
  const rows = await query.orderBy('refund_cases.sla_due_at').orderBy('refund_cases.case_no').limit(input.limit + 1).execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nowIso = now.toISOString();
  return {
    items: page.map((r) => ({
      caseNo: r.case_no,
      orderNo: r.order_no,
      memberUid: r.member_uid,
      nickname: r.nickname,
      status: r.status,
      reason: r.reason,
      channel: r.channel,
      assignee: r.assignee,
      assigneeName: r.assignee_name,
      slaDueAt: r.sla_due_at,
      overdue: OPEN_STATUSES.includes(r.status) && r.sla_due_at < nowIso,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      paidFen: r.paid_fen,
      planCode: r.plan_code,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.sla_due_at, last.case_no]) : null,
  };
}
