import { sql, type Kysely } from 'kysely';

// Money decisions that hold off the happy path (docs/spec.md §3):
// - refund_cases.applied_at: when the member applied (the 7-day window is measured to it, not to
//   the quote); existing cases applied when they were opened.
// - refund_cases.first_decided_at: the first decision (approve, propose, reject, redirect to the
//   store) of the current review cycle; the SLA is breached when it comes after sla_due_at. A
//   reopening starts a new cycle. Existing cases take it from their decisions since the last
//   reopening.
// - quotes.facts_digest / usage_digest: the order's deciding facts and its usage log when quoted,
//   so an approval can tell a stale quote from a current one. Quotes made before this have
//   none and are stale: they are recomputed before anyone pays them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refund_cases').addColumn('applied_at', 'text').execute();
  await db.schema.alterTable('refund_cases').addColumn('first_decided_at', 'text').execute();
  await sql`update refund_cases set applied_at = created_at`.execute(db);
  await sql`
    update refund_cases set first_decided_at = (
      select min(d.created_at) from case_decisions d
      where d.case_no = refund_cases.case_no
        and d.action in ('approve', 'propose', 'reject', 'redirect_to_store')
        and d.created_at >= coalesce((select max(r.created_at) from case_decisions r where r.case_no = refund_cases.case_no and r.action = 'reopen'), '')
    )`.execute(db);
  await db.schema.createIndex('cases_first_decided').on('refund_cases').columns(['first_decided_at']).execute();
  // The SLA rule (server/cases/sla-breach.ts) compares two columns and the clock, which no index
  // can seek; this one covers it, in the queue's own order, so listing or counting breaches
  // reads index entries only, never the cases' rows.
  await db.schema
    .createIndex('cases_sla_first_decided')
    .on('refund_cases')
    .columns(['sla_due_at', 'case_no', 'first_decided_at'])
    .execute();
  await db.schema.alterTable('quotes').addColumn('facts_digest', 'text').execute();
  await db.schema.alterTable('quotes').addColumn('usage_digest', 'text').execute();
  await db.schema.createIndex('quotes_case_basis').on('quotes').columns(['case_no', 'basis_kind', 'id']).execute();
  await db.schema.createIndex('decisions_case_action').on('case_decisions').columns(['case_no', 'action', 'actor_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('decisions_case_action').execute();
  await db.schema.dropIndex('quotes_case_basis').execute();
  await db.schema.dropIndex('cases_sla_first_decided').execute();
  await db.schema.dropIndex('cases_first_decided').execute();
  await db.schema.alterTable('quotes').dropColumn('usage_digest').execute();
  await db.schema.alterTable('quotes').dropColumn('facts_digest').execute();
  await db.schema.alterTable('refund_cases').dropColumn('first_decided_at').execute();
  await db.schema.alterTable('refund_cases').dropColumn('applied_at').execute();
}
