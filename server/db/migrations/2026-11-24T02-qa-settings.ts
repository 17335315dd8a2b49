import { Kysely, sql } from 'kysely';
import { serialKey } from './portable';

// QA sampling of decisions agents made alone, and small key/value settings (the sample share).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('qa_reviews')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('case_no', 'text', (c) => c.notNull().references('refund_cases.case_no'))
    .addColumn('refund_id', 'integer', (c) => c.notNull().unique().references('refunds.id'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('sampled_at', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('verdict', 'text', (c) => c.check(sql`verdict is null or verdict in ('correct','incorrect')`))
    .addColumn('comment', 'text')
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema.createIndex('qa_pending').on('qa_reviews').columns(['reviewed_at', 'sampled_at']).execute();
  await db.schema.createIndex('qa_agent').on('qa_reviews').columns(['agent_id']).execute();
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('settings').values({ key: 'qa_sample_percent', value: '20' }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('settings').ifExists().execute();
  await db.schema.dropTable('qa_reviews').ifExists().execute();
}
