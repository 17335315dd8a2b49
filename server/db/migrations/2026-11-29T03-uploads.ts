import { Kysely, sql } from 'kysely';
import { createHash } from 'node:crypto';
import { bytesType, serialKey, withoutRowid } from './portable';

// Uploaded files live once in `uploads` (bytes, digest, checked type, sanitised name, who sent
// them) and are linked from where they are used: case evidence (`case_evidence.upload_id`) and
// logged contacts (`comm_attachments`). Existing evidence rows stay as they are: references keep
// upload_id null; a file row that carried its own bytes is copied into `uploads` and linked.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('content', bytesType(db), (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('uploads_size_matches', sql`size_bytes = length(content)`)
    .execute();
  await db.schema.createIndex('uploads_uploaded_by').on('uploads').columns(['uploaded_by', 'id']).execute();

  await db.schema
    .alterTable('case_evidence')
    .addColumn('upload_id', 'integer', (c) => c.references('uploads.id'))
    .execute();
  // one upload at most once per case
  await db.schema
    .createIndex('evidence_case_upload')
    .on('case_evidence')
    .columns(['case_no', 'upload_id'])
    .unique()
    .where(sql.ref('upload_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('evidence_upload')
    .on('case_evidence')
    .column('upload_id')
    .where(sql.ref('upload_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('comm_attachments')
    .addColumn('comm_id', 'integer', (c) => c.notNull().references('communications.id'))
    .addColumn('upload_id', 'integer', (c) => c.notNull().references('uploads.id'))
    .addPrimaryKeyConstraint('comm_attachments_pk', ['comm_id', 'upload_id'])
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema.createIndex('comm_attachments_upload').on('comm_attachments').column('upload_id').execute();

  const legacy = await db
    .selectFrom('case_evidence')
    .select(['id', 'file_name', 'mime_type', 'content', 'added_by', 'created_at'])
    .where('kind', '=', 'file')
    .where('content', 'is not', null)
    .execute();
  for (const row of legacy) {
    const content = Buffer.from(row.content as Uint8Array);
    const upload = await db
      .insertInto('uploads')
      .values({
        sha256: createHash('sha256').update(content).digest('hex'),
        file_name: row.file_name ?? 'file',
        mime_type: row.mime_type ?? 'application/octet-stream',
        size_bytes: content.length,
        content,
        uploaded_by: row.added_by,
        created_at: row.created_at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('case_evidence').set({ upload_id: upload.id }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comm_attachments').ifExists().execute();
  await db.schema.dropIndex('evidence_upload').ifExists().execute();
  await db.schema.dropIndex('evidence_case_upload').ifExists().execute();
  await db.schema.alterTable('case_evidence').dropColumn('upload_id').execute();
  await db.schema.dropTable('uploads').ifExists().execute();
}
