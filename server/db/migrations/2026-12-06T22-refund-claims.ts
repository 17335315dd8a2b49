import type { Kysely } from 'kysely';

// Several servers sharing one PostgreSQL database each run the refund reconciler
// (docs/deployment.md § Several servers). A server claims the pending refunds it is about to
// settle by setting `reconcile_claimed_until` (server/refunds/reconcile-refunds.ts); the others
// skip a refund claimed until a later time. The claim is released when the server is done; one
// left by a server that died ends by itself. Null: nobody is settling it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refunds').addColumn('reconcile_claimed_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refunds').dropColumn('reconcile_claimed_until').execute();
}
