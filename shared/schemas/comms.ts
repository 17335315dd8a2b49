import { z } from 'zod';
import { MAX_COMM_ATTACHMENTS } from '../uploads';
import { commChannel, commDirection } from './enums';
import { freeText, searchText } from './text';

export const commsLogInput = z
  .object({
    caseNo: z.string().trim().min(1).max(40).optional(),
    memberUid: z.string().trim().min(1).max(40),
    direction: commDirection,
    channel: commChannel,
    body: freeText(10000).min(1, 'Write what was said'),
    durationSec: z
      .number()
      .int()
      .nonnegative()
      .max(24 * 3600)
      .optional(),
    /** files sent first to POST /uploads by the same staff member */
    attachments: z
      .array(z.number().int().positive())
      .max(MAX_COMM_ATTACHMENTS, `At most ${MAX_COMM_ATTACHMENTS} files per contact`)
      .optional(),
  })
  .strict();

const isoInstant = z.iso.datetime({ offset: true });

/** Newest first, keyset-paged. `q`: 1–2 characters match by gram, 3+ by the trigram index. */
export const commsListInput = z
  .object({
    caseNo: z.string().trim().min(1).max(40).optional(),
    memberUid: z.string().trim().min(1).max(40).optional(),
    q: searchText(200).min(1).optional(),
    direction: commDirection.optional(),
    channel: commChannel.optional(),
    /** the username of the staff member who recorded or sent it */
    author: z.string().trim().min(1).max(64).optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).nullish(),
  })
  .strict()
  .refine((v) => !v.from || !v.to || Date.parse(v.from) <= Date.parse(v.to), { message: '"from" must not be after "to"', path: ['from'] });

const sendChannel = z.enum(['sms', 'in_app_message']);

/** A reply the agent wrote (or edited) themselves. */
export const commsSendFreeInput = z
  .object({
    caseNo: z.string().trim().min(1).max(40),
    channel: sendChannel,
    body: freeText(2000).min(1),
  })
  .strict();

/**
 * A reply from the template library, rendered by the server: the case fills its variables;
 * `vars` may fill only what the case does not have (never an amount).
 */
export const commsSendTemplateInput = z
  .object({
    caseNo: z.string().trim().min(1).max(40),
    channel: sendChannel,
    templateCode: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower-case letters, digits and _'),
    locale: z.enum(['zh-CN', 'en']),
    vars: z
      .record(z.string().regex(/^\w{1,40}$/), freeText(500))
      .refine((v) => Object.keys(v).length <= 20, 'At most 20 variables')
      .optional(),
  })
  .strict();

export const commsSendInput = z.union([commsSendFreeInput, commsSendTemplateInput]);

export const commsEditInput = z
  .object({
    commId: z.number().int().positive(),
    body: freeText(10000).min(1, 'Write what was said'),
  })
  .strict();

export const templateSaveInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower-case letters, digits and _'),
    locale: z.enum(['zh-CN', 'en']),
    title: freeText(120).min(1),
    body: freeText(2000).min(1),
  })
  .strict();

export const templateDeleteInput = z.object({ id: z.number().int().positive() }).strict();
export const templatesListInput = z
  .object({ locale: z.enum(['zh-CN', 'en']).optional() })
  .strict()
  .optional();

/** Communications can be edited by their author only, within this window. */
export const EDIT_WINDOW_MS = 15 * 60_000;
