import { z } from 'zod';
import { commChannel, commDirection } from './enums';

export const commsLogInput = z
  .object({
    caseNo: z.string().trim().min(1).max(40).optional(),
    memberUid: z.string().trim().min(1).max(40),
    direction: commDirection,
    channel: commChannel,
    body: z.string().trim().min(1, 'Write what was said').max(10000),
    durationSec: z.number().int().nonnegative().max(24 * 3600).optional(),
  })
  .strict();

export const commsListInput = z
  .object({
    caseNo: z.string().trim().min(1).max(40).optional(),
    memberUid: z.string().trim().min(1).max(40).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    direction: commDirection.optional(),
    channel: commChannel.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).nullish(),
  })
  .strict();

export const commsSendInput = z
  .object({
    caseNo: z.string().trim().min(1).max(40),
    channel: z.enum(['sms', 'in_app_message']),
    body: z.string().trim().min(1).max(2000),
  })
  .strict();

export const commsEditInput = z
  .object({
    commId: z.number().int().positive(),
    body: z.string().trim().min(1, 'Write what was said').max(10000),
  })
  .strict();

export const templateSaveInput = z
  .object({
    code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower-case letters, digits and _'),
    locale: z.enum(['zh-CN', 'en']),
    title: z.string().trim().min(1).max(120),
    body: z.string().trim().min(1).max(2000),
  })
  .strict();

export const templateDeleteInput = z.object({ id: z.number().int().positive() }).strict();

/** Communications can be edited by their author only, within this window. */
export const EDIT_WINDOW_MS = 15 * 60_000;
