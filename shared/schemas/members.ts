import { z } from 'zod';
import { freeText } from './text';

export const revealInput = z
  .object({
    uid: z.string().trim().min(1).max(40),
    field: z.enum(['phone', 'email']),
    reason: freeText(500).min(4, 'State why you need to see it (at least 4 characters)'),
  })
  .strict();

/** Turns off a member's active auto-renew on a plan, without any refund (docs/spec.md §3). */
export const cancelAutoRenewInput = z
  .object({
    uid: z.string().trim().min(1).max(40),
    planCode: z.string().trim().min(1).max(40),
    reason: freeText(500).min(4, 'State why auto-renew is cancelled (at least 4 characters)'),
  })
  .strict();
