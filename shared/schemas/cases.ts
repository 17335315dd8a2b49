import { z } from 'zod';
import { basisSchema } from '../refund/schema';
import { caseChannel, caseReason, caseStatus, rejectReason } from './enums';

const caseNo = z.string().trim().min(1).max(40);
const text = (max: number) => z.string().trim().max(max);

export const evidenceReference = z.object({
  kind: z.literal('reference'),
  label: text(200).min(1, 'Describe the reference'),
});

export const casesCreateInput = z
  .object({
    orderNo: z.string().trim().min(1).max(40),
    channel: caseChannel,
    reason: caseReason,
    requested: z.enum(['full', 'prorated']),
    statement: text(4000),
    evidence: z.array(evidenceReference).max(20).optional(),
  })
  .strict();

export const casesGetInput = z.object({ caseNo }).strict();

export const casesListInput = z
  .object({
    status: caseStatus.optional(),
    /** 'me', 'unassigned' or a username */
    assignee: z.string().trim().min(1).max(64).optional(),
    overdue: z.boolean().optional(),
    open: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(300).nullish(),
  })
  .strict();

export const casesQuoteInput = z.object({ caseNo, basis: basisSchema }).strict();

export const casesGoodwillInput = z
  .object({
    caseNo,
    amountFen: z.number().int().positive(),
    reason: text(1000).min(10, 'A goodwill refund needs a written reason (at least 10 characters)'),
  })
  .strict();

export const casesApproveInput = z
  .object({
    caseNo,
    quoteId: z.number().int().positive(),
    idempotencyKey: z.string().trim().min(8).max(100),
    /** the case version the approver saw: a newer version makes the approval stale (CONFLICT) */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();

export const casesProposeInput = z.object({ caseNo, quoteId: z.number().int().positive(), note: text(2000) }).strict();

export const casesRejectInput = z
  .object({ caseNo, reasonCode: rejectReason, message: text(2000).min(1, 'Write the message the member will receive') })
  .strict();

export const casesReopenInput = z.object({ caseNo, note: text(2000).min(1, 'Say why the case is reopened') }).strict();

export const casesSendBackInput = z.object({ caseNo, note: text(2000).min(1, 'Tell the agent what to change') }).strict();

export const casesAssignInput = z
  .object({ caseNo, username: z.string().trim().min(1).max(64), expectedVersion: z.number().int().positive().optional() })
  .strict();

export const casesCloseInput = z.object({ caseNo, note: text(2000) }).strict();
