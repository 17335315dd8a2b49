import { isoInstantSchema } from '../refund/schema';
import { z } from 'zod';
import { basisSchema } from '../refund/schema';
import { caseChannel, caseReason, caseStatus, rejectReason } from './enums';
import { planTier } from './enums';
import { isLocalDate, parseInstant } from '../time/local-date';
import { freeText, searchText } from './text';

const caseNo = z.string().trim().min(1).max(40);
const text = freeText;

export const evidenceReference = z.object({
  kind: z.literal('reference'),
  label: text(200).min(1, 'Describe the reference'),
});

/** A file sent first to POST /uploads; only its uploader may attach it. */
export const evidenceFile = z
  .object({
    kind: z.literal('file'),
    uploadId: z.number().int().positive(),
    /** what the file shows; the file name when left out */
    label: text(200).optional(),
  })
  .strict();

export const evidenceItem = z.discriminatedUnion('kind', [evidenceReference, evidenceFile]);
const evidenceList = z.array(evidenceItem).max(20);

export const casesCreateInput = z
  .object({
    orderNo: z.string().trim().min(1).max(40),
    channel: caseChannel,
    reason: caseReason,
    requested: z.enum(['full', 'prorated']),
    statement: text(4000),
    evidence: evidenceList.optional(),
    /** the member's first contact about it (a call, chat or e-mail already logged): never before payment nor after now */
    appliedAt: isoInstantSchema.optional(),
  })
  .strict();

export const casesGetInput = z.object({ caseNo }).strict();

export const casesAddEvidenceInput = z.object({ caseNo, evidence: evidenceList.min(1, 'Add at least one reference or file') }).strict();

// The case list's filters. Dates are local dates of the policy timezone (whole days, both
// ends included — as the dashboard counts them) or ISO-8601 instants with an offset.
const dateBound = z
  .string()
  .trim()
  .max(40)
  .refine(
    (v) => isLocalDate(v) || parseInstant(v) !== null,
    'Expected a date YYYY-MM-DD (policy timezone) or an ISO-8601 instant with an offset',
  );

/** what was decided: an approval, a rejection, a proposal to a supervisor, or a refund paid back */
export const caseDecisionFilter = z.enum(['approved', 'rejected', 'proposed', 'refunded']);
/** the basis of the decision's quote; `exception` is any basis but calendar (goodwill included) */
export const caseBasisFilter = z.enum(['calendar', 'exception', 'evidence', 'manual', 'goodwill']);
/** which date `from`/`to` bound: the case's opening, its decision (a refund: the day it was paid), its closing */
export const caseDateField = z.enum(['created', 'decided', 'closed']);

export const casesListInput = z
  .object({
    status: caseStatus.optional(),
    /** 'me', 'unassigned' or a username */
    assignee: z.string().trim().min(1).max(64).optional(),
    overdue: z.boolean().optional(),
    open: z.boolean().optional(),
    /** a case number or an order number, or the beginning of one */
    q: searchText(40).min(1).optional(),
    reason: caseReason.optional(),
    channel: caseChannel.optional(),
    planCode: z.string().trim().min(1).max(40).optional(),
    tier: planTier.optional(),
    decision: caseDecisionFilter.optional(),
    basis: caseBasisFilter.optional(),
    /** the username who made the decision (for `refunded`: who approved the refund) */
    decidedBy: z.string().trim().min(1).max(64).optional(),
    dateField: caseDateField.default('created'),
    from: dateBound.optional(),
    to: dateBound.optional(),
    /** closed after its SLA, or still open past it */
    slaBreached: z.boolean().optional(),
    /** also count every case the filters match (`total`) */
    withTotal: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(300).nullish(),
    /** added by tRPC's infinite queries; pages only go forward, from the cursor */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .strict()
  .refine((v) => !v.basis || (v.decision !== undefined && v.decision !== 'rejected'), {
    message: 'A basis narrows a decision with a quote: give decision approved, proposed or refunded',
    path: ['basis'],
  });

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

/** Sends the computed answer to the store's request on the case (Apple's consumption request). */
export const casesSendStoreAnswerInput = z.object({ caseNo }).strict();

/** The member's spoken consent (or refusal) to share usage with the store, as the agent heard it. */
export const casesRecordStoreConsentInput = z
  .object({ caseNo, consented: z.boolean(), note: text(500).min(1, 'Say how and when the member agreed') })
  .strict();
