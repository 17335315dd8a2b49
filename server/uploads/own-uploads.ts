import { DomainError } from '../errors';
import type { Db } from '../db/client';

/** Where an upload's bytes are served (GET /uploads/:id). */
export const uploadUrl = (uploadId: number) => `/uploads/${uploadId}`;

/** An uploaded file as answers describe it: never its bytes. */
export interface UploadMeta {
  uploadId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  downloadUrl: string;
}

/**
 * The uploads a staff member is about to attach, in the order given. Only the person who
 * uploaded a file may attach it: an upload id is a number anyone could guess, and attaching
 * another agent's unreviewed file would put words in their mouth.
 */
export async function ownUploads(tx: Db, staffId: number, ids: readonly number[]): Promise<UploadMeta[]> {
  if (ids.length === 0) return [];
  if (new Set(ids).size !== ids.length) throw new DomainError('BAD_REQUEST', 'The same file is listed twice');
  const rows = await tx
    .selectFrom('uploads')
    .select(['id', 'file_name', 'mime_type', 'size_bytes', 'uploaded_by'])
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new DomainError('NOT_FOUND', `No upload ${id}`);
    if (row.uploaded_by !== staffId)
      throw new DomainError('FORBIDDEN', `Upload ${id} was sent by someone else: only the person who uploaded a file may attach it`);
    return {
      uploadId: row.id,
      fileName: row.file_name,
      mimeType: row.mime_type,
      sizeBytes: row.size_bytes,
      downloadUrl: uploadUrl(row.id),
    };
  });
}
