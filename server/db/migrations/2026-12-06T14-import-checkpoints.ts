import { type Kysely } from 'kysely';

// `npm run import` (issue 19, docs/integration.md §1): where a bulk import of an NDJSON file got
// to, written in the same transaction as the events it covers, so a second run starts after the
// last committed line instead of parsing and checking everything again. A file is known by a
// SHA-256 of its first 64 KiB; the SHA-256 of the 4 KiB before the offset confirms, on resume,
// that the file still holds the same lines up to there (otherwise the run starts from the top
// and the events' ids sort out what is in already).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ingest_import_checkpoints')
    .addColumn('file_key', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('byte_offset', 'integer', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('tail_sha256', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ingest_import_checkpoints').ifExists().execute();
}
