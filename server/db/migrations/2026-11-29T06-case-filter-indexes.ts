import { sql, type Kysely } from 'kysely';

// The case list's filters (cases.list) and the dashboard figures they add up to:
// - cases_sla: the queue's own order, so a page of any-status cases reads 51 index entries
//   instead of sorting every case; cases_reason, cases_channel: the same within a reason or an
//   intake channel (and their counts read only the matching entries);
// - cases_closed: "closed between" (the handling-time figure);
// - refunds_settled: "refunds paid between" (every refund figure of the dashboard);
// - decisions_action, decisions_actor: "approved / rejected / proposed between", "decided by";
// - orders_no_plan: the plan filter probes the order's plan in this small covering index
//   instead of reading each case's order row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_sla').on('refund_cases').columns(['sla_due_at', 'case_no']).execute();
  await db.schema.createIndex('cases_reason').on('refund_cases').columns(['reason', 'sla_due_at', 'case_no']).execute();
  await db.schema.createIndex('cases_channel').on('refund_cases').columns(['channel', 'sla_due_at', 'case_no']).execute();
  await db.schema.createIndex('cases_closed').on('refund_cases').column('closed_at').where(sql.ref('closed_at'), 'is not', null).execute();
  await db.schema.createIndex('refunds_settled').on('refunds').columns(['status', 'settled_at']).execute();
  await db.schema.createIndex('decisions_action').on('case_decisions').columns(['action', 'created_at']).execute();
  await db.schema.createIndex('decisions_actor').on('case_decisions').columns(['actor_id', 'action', 'created_at']).execute();
  await db.schema.createIndex('orders_no_plan').on('orders').columns(['order_no', 'plan_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'orders_no_plan',
    'decisions_actor',
    'decisions_action',
    'refunds_settled',
    'cases_closed',
    'cases_channel',
    'cases_reason',
    'cases_sla',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
