import type { Db } from '../db/client';
import { ownUploads, uploadUrl, type UploadMeta } from '../uploads/own-uploads';

/** Links the caller's own uploads to a logged contact (inside the caller's write transaction). */
export async function attachToComm(tx: Db, staffId: number, commId: number, uploadIds: readonly number[]): Promise<UploadMeta[]> {
  const uploads = await ownUploads(tx, staffId, uploadIds);
  if (uploads.length)
    await tx
      .insertInto('comm_attachments')
      .values(uploads.map((u) => ({ comm_id: commId, upload_id: u.uploadId })))
      .execute();
  return uploads;
}

/** The attachments of a page of communications, by communication id (each list in upload order). */
export async function commAttachments(db: Db, commIds: readonly number[]): Promise<Map<number, UploadMeta[]>> {
  const out = new Map<number, UploadMeta[]>();
  if (commIds.length === 0) return out;
  const rows = await db
    .selectFrom('comm_attachments')
    .innerJoin('uploads', 'uploads.id', 'comm_attachments.upload_id')
    .select(['comm_attachments.comm_id', 'uploads.id', 'uploads.file_name', 'uploads.mime_type', 'uploads.size_bytes'])
    .where('comm_attachments.comm_id', 'in', [...commIds])
    .orderBy('uploads.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.comm_id) ?? [];
    list.push({ uploadId: r.id, fileName: r.file_name, mimeType: r.mime_type, sizeBytes: r.size_bytes, downloadUrl: uploadUrl(r.id) });
    out.set(r.comm_id, list);
  }
  return out;
}

/** A page of communications with each one's attachments added (`attachments: []` when none). */
export async function withAttachments<T extends { commId: number }>(
  db: Db,
  items: readonly T[],
): Promise<(T & { attachments: UploadMeta[] })[]> {
  const byComm = await commAttachments(
    db,
    items.map((i) => i.commId),
  );
  return items.map((i) => ({ ...i, attachments: byComm.get(i.commId) ?? [] }));
}
