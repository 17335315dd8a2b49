import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { ALLOW } from '../../shared/roles';
import { baseMimeType, formatBytes, isUploadType, MAX_UPLOAD_BYTES, sanitiseFileName, UPLOAD_TYPES } from '../../shared/uploads';
import { contentMatchesType } from './content-matches-type';
import { recordAudit } from '../audit/record-audit';
import type { Deps } from '../context';
import { writeTx } from '../db/write-tx';
import { crossSiteRefusal } from '../http/csrf';
import { staffAllowed } from '../http/request-staff';
import { refuse, sendError } from '../http/send-error';
import type { ErrorCode } from '../errors';
import { readLimitedBody } from '../http/read-limited-body';
import { clientAddress } from '../http/client-address';

const ACCEPTED = Object.keys(UPLOAD_TYPES).join(', ');

/** Why an upload was refused, for the console to say in the user's language. */
type Reason = 'type' | 'content' | 'size' | 'name' | 'empty';

function refuseUpload(res: Response, code: ErrorCode, message: string, reason?: Reason) {
  refuse(res, code, message, reason ? { reason } : undefined);
}

/**
 * POST /uploads: the raw bytes of one file, its type in Content-Type and its name
 * (percent-encoded UTF-8) in X-File-Name. The custom header is also a CSRF guard: a page on
 * another site cannot send it without a CORS preflight, which is never granted.
 * Answers 201 { uploadId, fileName, mimeType, sizeBytes }; the upload is attached later by
 * cases.create / cases.addEvidence / comms.log.
 */
export function receiveUpload(deps: Deps, allowedOrigins: string[]) {
  return async (req: Request, res: Response) => {
    const crossSite = crossSiteRefusal(req, allowedOrigins, deps.config.cookieSecure);
    if (crossSite) return sendError(res, crossSite);
    const staff = await staffAllowed(deps, req, res, ALLOW.work, 'Your role may not upload files');
    if (!staff) return;

    const type = baseMimeType(req.headers['content-type']);
    if (!isUploadType(type)) {
      return refuseUpload(
        res,
        'UNSUPPORTED_MEDIA_TYPE',
        `Files of type "${type.slice(0, 100) || 'unknown'}" are not accepted: send one of ${ACCEPTED}`,
        'type',
      );
    }
    const rawName = req.headers['x-file-name'];
    if (typeof rawName !== 'string' || rawName.trim() === '')
      return refuseUpload(res, 'BAD_REQUEST', 'Send the file name in the X-File-Name header (percent-encoded UTF-8)', 'name');
    let decodedName: string;
    try {
      // Node reads header bytes as Latin-1: a client (curl) that sent raw UTF-8 gets it back as UTF-8
      decodedName = decodeURIComponent(/[\u0080-\u00ff]/.test(rawName) ? Buffer.from(rawName, 'latin1').toString('utf8') : rawName);
    } catch {
      return refuseUpload(res, 'BAD_REQUEST', 'X-File-Name is not valid percent-encoded UTF-8', 'name');
    }

    const body = await readLimitedBody(req, MAX_UPLOAD_BYTES);
    if (!body.ok) {
      if (body.reason === 'aborted') return;
      return refuseUpload(
        res,
        'PAYLOAD_TOO_LARGE',
        `The file is larger than ${formatBytes(MAX_UPLOAD_BYTES)}: send a smaller file (a cropped screenshot or a compressed PDF)`,
        'size',
      );
    }
    const bytes = body.bytes;
    if (bytes.length === 0) return refuseUpload(res, 'BAD_REQUEST', 'The file is empty', 'empty');
    if (!contentMatchesType(bytes, type)) {
      return refuseUpload(
        res,
        'UNSUPPORTED_MEDIA_TYPE',
        `The file's content is not ${type}: it may have been renamed. Send the original file`,
        'content',
      );
    }

    const fileName = sanitiseFileName(decodedName, type);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const now = deps.now();
    try {
      const uploadId = await writeTx(deps.db, async (tx) => {
        const row = await tx
          .insertInto('uploads')
          .values({
            sha256,
            file_name: fileName,
            mime_type: type,
            size_bytes: bytes.length,
            content: bytes,
            uploaded_by: staff.id,
            created_at: now.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(
          tx,
          {
            id: staff.id,
            username: staff.username,
            role: staff.role,
            requestId: crypto.randomUUID(),
            clientIp: clientAddress(req, deps.config.trustProxy),
          },
          {
            action: 'upload.create',
            entityType: 'upload',
            entityId: String(row.id),
            after: { fileName, mimeType: type, sizeBytes: bytes.length, sha256 },
          },
          now,
        );
        return row.id;
      });
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json({ uploadId, fileName, mimeType: type, sizeBytes: bytes.length });
    } catch (error) {
      // a busy or full database is a clear, retryable 503 (server/db/db-errors.ts); anything else is ours
      sendError(res, error);
    }
  };
}
