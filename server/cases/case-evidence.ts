import { DomainError } from '../errors';
import type { z } from 'zod';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import type { evidenceItem } from '../../shared/schemas/cases';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { ownUploads, uploadUrl } from '../uploads/own-uploads';
import { loadCase } from './apply-transition';

type EvidenceItem = z.output<typeof evidenceItem>;

/**
 * Writes a case's evidence inside the caller's transaction: references as text, files as links
 * to the caller's own uploads. Answers what the audit event records.
 */
export async function insertEvidence(tx: Db, actor: Actor, caseNo: string, items: readonly EvidenceItem[], nowIso: string) {
  const files = items.filter((e) => e.kind === 'file');
  const uploads = await ownUploads(
    tx,
    actor.id ?? 0,
    files.map((f) => f.uploadId),
  );
  if (uploads.length) {
    const taken = await tx
      .selectFrom('case_evidence')
      .select('upload_id')
      .where('case_no', '=', caseNo)
      .where(
        'upload_id',
        'in',
        uploads.map((u) => u.uploadId),
      )
      .executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', `Upload ${taken.upload_id} is already evidence on case ${caseNo}`);
  }
  const byId = new Map(uploads.map((u) => [u.uploadId, u]));
  const recorded: { kind: 'reference' | 'file'; label: string; uploadId?: number }[] = [];
  for (const e of items) {
    const upload = e.kind === 'file' ? byId.get(e.uploadId) : undefined;
    const label = e.label || upload?.fileName || '';
    await tx
      .insertInto('case_evidence')
      .values({
        case_no: caseNo,
        kind: e.kind,
        label,
        file_name: upload?.fileName ?? null,
        mime_type: upload?.mimeType ?? null,
        size_bytes: upload?.sizeBytes ?? null,
        upload_id: upload?.uploadId ?? null,
        added_by: actor.id ?? 0,
        created_at: nowIso,
      })
      .execute();
    recorded.push(upload ? { kind: 'file', label, uploadId: upload.uploadId } : { kind: 'reference', label });
  }
  return recorded;
}

/**
 * A member's later screenshot or a new reference on an open case. A decided case (refunded,
 * rejected, closed) is refused: evidence added afterwards would read as if the decision had
 * rested on it. The case's version moves, so a decision taken on the older view is stale.
 */
export async function addEvidence(db: Db, actor: Actor, input: { caseNo: string; evidence: readonly EvidenceItem[] }, now: Date) {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    if (!OPEN_STATUSES.includes(kase.status)) {
      const hint = kase.status === 'rejected' || kase.status === 'closed' ? ': reopen it first' : '';
      throw new DomainError(
        'PRECONDITION_FAILED',
        `Case ${kase.case_no} is ${kase.status}; evidence can be added to open cases only${hint}`,
      );
    }
    const nowIso = now.toISOString();
    const recorded = await insertEvidence(tx, actor, kase.case_no, input.evidence, nowIso);
    const bumped = await tx
      .updateTable('refund_cases')
      .set({ version: kase.version + 1, updated_at: nowIso })
      .where('case_no', '=', kase.case_no)
      .where('version', '=', kase.version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', 'The case changed at the same moment: reload and try again');
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.add_evidence',
        entityType: 'case',
        entityId: kase.case_no,
        before: { version: kase.version },
        after: { version: kase.version + 1, evidence: recorded },
      },
      now,
    );
    return { caseNo: kase.case_no, version: kase.version + 1, added: recorded.length };
  });
}

/** A case's evidence as answers show it: metadata and a download link, never the bytes. */
export async function caseEvidence(db: Db, caseNo: string) {
  const rows = await db
    .selectFrom('case_evidence')
    .innerJoin('staff', 'staff.id', 'case_evidence.added_by')
    .select([
      'case_evidence.id',
      'case_evidence.kind',
      'case_evidence.label',
      'case_evidence.file_name',
      'case_evidence.mime_type',
      'case_evidence.size_bytes',
      'case_evidence.upload_id',
      'case_evidence.created_at',
      'staff.username',
    ])
    .where('case_evidence.case_no', '=', caseNo)
    .orderBy('case_evidence.id')
    .execute();
  return rows.map((e) => ({
    id: e.id,
    kind: e.kind,
    label: e.label,
    fileName: e.file_name,
    mimeType: e.mime_type,
    sizeBytes: e.size_bytes,
    uploadId: e.upload_id,
    downloadUrl: e.upload_id === null ? null : uploadUrl(e.upload_id),
    addedBy: e.username,
    createdAt: e.created_at,
  }));
}
