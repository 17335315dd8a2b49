// Helpers shared by the cases API tests: an order with everything that hangs off it, a case
// opened on it, and small readers of the database the assertions look at.
import { sql } from 'kysely';
import type { Db } from '../../server/db/client';
import { insertMember, insertOrder, insertUsage } from '../support/factories';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import type { StaffIdentity } from '../../server/context';

type OrderFields = Parameters<typeof insertOrder>[2];

// Orders the cases tests open cases on, as seen on Friday 2026-11-20, 12:00 in Shanghai (the
// world's clock). An unused monthly membership bought two days ago: a full refund of ¥25.00,
// within an agent's limit.
export const unusedMonth = { plan_code: 'std_month', paid_at: '2026-11-18T02:00:00.000Z' } as const;
// An annual plan used for about 100 days: a prorated refund far above an agent's limit.
export const usedYear = { plan_code: 'std_year', paid_at: '2026-08-12T02:00:00.000Z', activated_at: '2026-08-13T02:00:00.000Z' } as const;

export async function orderWithMember(world: TestWorld, fields: OrderFields = {}, opts: { autoRenew?: boolean; usage?: string[] } = {}) {
  const db = world.deps.db;
  const member = await insertMember(db);
  const order = await insertOrder(db, member.uid, fields);
  if (opts.autoRenew) {
    await db
      .insertInto('subscriptions')
      .values({
        member_uid: member.uid,
        plan_code: order.plan_code,
        status: 'active',
        started_at: order.paid_at ?? order.created_at,
        next_charge_at: '2026-12-20T02:00:00.000Z',
        cancelled_at: null,
        cancelled_by: null,
      })
      .execute();
  }
  if (opts.usage)
    await insertUsage(
      db,
      order.order_no,
      opts.usage.map((at) => ({ at })),
    );
  return { member, order };
}

type CaseInput = Parameters<ReturnType<typeof callerFor>['cases']['create']>[0];

/** cases.create's input for `orderNo`: a full refund of a mistaken purchase asked for in a chat, unless `fields` say otherwise. */
export function caseInput(orderNo: string, fields: Partial<Omit<CaseInput, 'orderNo'>> = {}): CaseInput {
  return { orderNo, channel: 'online_chat', reason: 'mistaken_purchase', requested: 'full', statement: '买错了，想退款', ...fields };
}

/** A case taken on the phone, the member's words not written down: for what hangs off a case. */
export const ON_THE_PHONE = { channel: 'phone', reason: 'unused', statement: '' } as const;

/** A case `staff` opens on `orderNo` (see caseInput); its number. */
export async function openCase(world: TestWorld, staff: StaffIdentity, orderNo: string, fields?: Parameters<typeof caseInput>[1]) {
  const { caseNo } = await callerFor(world, staff).cases.create(caseInput(orderNo, fields));
  return caseNo;
}

export function phoneCase(world: TestWorld, staff: StaffIdentity, orderNo: string) {
  return openCase(world, staff, orderNo, ON_THE_PHONE);
}

/** A case opened and quoted on the calendar basis by `staff`. */
export async function quotedCase(world: TestWorld, staff: StaffIdentity, orderNo: string) {
  const caseNo = await openCase(world, staff, orderNo);
  const quote = await callerFor(world, staff).cases.quote({ caseNo, basis: { kind: 'calendar' } });
  return { caseNo, quote };
}

/** An agent, an order on a member of its own (see orderWithMember) and a case the agent opened and quoted on it. */
export async function agentQuotedCase(
  world: TestWorld,
  fields: OrderFields = unusedMonth,
  opts: Parameters<typeof orderWithMember>[2] = {},
) {
  const agent = await createStaff(world, { role: 'agent' });
  const { order, member } = await orderWithMember(world, fields, opts);
  const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
  return { agent, order, member, caseNo, quote };
}

/** `staff` approves the case's quote (cases.approve) under idempotency key `key`. */
export function approveQuote(world: TestWorld, staff: StaffIdentity, caseNo: string, quote: { quoteId: number }, key: string) {
  return callerFor(world, staff).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: key });
}

export async function orderRow(db: Db, orderNo: string) {
  return db
    .selectFrom('orders')
    .select(['paid_fen', 'refunded_fen', 'status', 'open_case_no'])
    .where('order_no', '=', orderNo)
    .executeTakeFirstOrThrow();
}

export async function caseRow(db: Db, caseNo: string) {
  return db
    .selectFrom('refund_cases')
    .select(['status', 'version', 'sla_due_at', 'proposed_by', 'reject_reason_code', 'closed_at'])
    .where('case_no', '=', caseNo)
    .executeTakeFirstOrThrow();
}

export async function refundsOf(db: Db, orderNo: string) {
  return db
    .selectFrom('refunds')
    .select(['id', 'case_no', 'amount_fen', 'status', 'idempotency_key', 'gateway_ref'])
    .where('order_no', '=', orderNo)
    .orderBy('id')
    .execute();
}

export async function revokedAt(db: Db, orderNo: string) {
  const row = await db.selectFrom('entitlements').select('revoked_at').where('order_no', '=', orderNo).executeTakeFirstOrThrow();
  return row.revoked_at;
}

export async function subscriptionStatus(db: Db, memberUid: string) {
  const row = await db.selectFrom('subscriptions').select('status').where('member_uid', '=', memberUid).executeTakeFirstOrThrow();
  return row.status;
}

export async function countRows(
  db: Db,
  table: 'audit_events' | 'refunds' | 'quotes' | 'case_decisions' | 'outbox' | 'refund_cases' | 'communications',
) {
  const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(row.rows[0]!.n);
}

export async function auditActions(db: Db, afterId = 0) {
  const rows = await db.selectFrom('audit_events').select(['id', 'action']).where('id', '>', afterId).orderBy('id').execute();
  return rows.map((r) => r.action);
}

export async function lastAuditId(db: Db) {
  const row = await db.selectFrom('audit_events').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? 0;
}

/** What the audit event of `action` on `entityId` recorded as its `after`, parsed. */
export async function auditedAfter(db: Db, action: string, entityId: string) {
  const row = await db
    .selectFrom('audit_events')
    .select('after')
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.after!) as Record<string, unknown>;
}

/** The procedure's error code, or 'OK' when it succeeded. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code ?? `THREW ${String(e)}`;
  }
}
