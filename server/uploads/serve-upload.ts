import type { Request, Response } from 'express';
import { sql } from 'kysely';
import { ALLOW } from '../../shared/roles';
import type { Deps } from '../context';
import { staffAllowed } from '../http/request-staff';
import { refuse } from '../http/send-error';

/** `Content-Disposition` with the UTF-8 name (RFC 6266/5987) and an ASCII fallback for old clients. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * GET /uploads/:id: the bytes to staff who may read cases (auditors too), with the type checked
 * at upload and nothing a browser could run: nosniff, a sandboxing CSP, images inline and
 * everything else as a download. A file not attached to anything yet is its uploader's alone.
 */
export function serveUpload(deps: Deps) {
  return async (req: Request, res: Response) => {
    const staff = await staffAllowed(deps, req, res, ALLOW.read, 'Your role may not read uploaded files');
    if (!staff) return;
    const id = /^[1-9]\d{0,15}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    const notFound = () => refuse(res, 'NOT_FOUND', `No upload ${String(req.params.id).slice(0, 40)}`);
    if (!Number.isSafeInteger(id)) return notFound();
    const row = await deps.db
      .selectFrom('uploads')
      .select(['id', 'sha256', 'file_name', 'mime_type', 'size_bytes', 'content', 'uploaded_by'])
      .select((eb) => [
        eb
          .or([
            eb.exists(eb.selectFrom('case_evidence').select(sql.lit(1).as('one')).whereRef('case_evidence.upload_id', '=', 'uploads.id')),
            eb.exists(
              eb.selectFrom('comm_attachments').select(sql.lit(1).as('one')).whereRef('comm_attachments.upload_id', '=', 'uploads.id'),
            ),
          ])
          .as('attached'),
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || (!row.attached && row.uploaded_by !== staff.id)) return notFound();

    const image = row.mime_type.startsWith('image/');
    const etag = `"${row.sha256}"`;
    res.setHeader('Content-Type', row.mime_type === 'text/plain' ? 'text/plain; charset=utf-8' : row.mime_type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.setHeader('Content-Disposition', contentDisposition(image ? 'inline' : 'attachment', row.file_name));
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) return res.status(304).end();
    res.setHeader('Content-Length', String(row.content.length));
    res.status(200).end(req.method === 'HEAD' ? undefined : row.content);
  };
}
