import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });

export const auditListInput = z
  .object({
    actor: z.string().trim().min(1).max(64).optional(),
    action: z.string().trim().min(1).max(64).optional(),
    entityType: z.string().trim().min(1).max(40).optional(),
    entityId: z.string().trim().min(1).max(80).optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.number().int().positive().nullish(),
  })
  .strict();

export const auditHistoryInput = z
  .object({ entityType: z.enum(['case', 'order', 'member', 'refund', 'policy', 'staff']), entityId: z.string().trim().min(1).max(80) })
  .strict();

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD');

export const dashboardInput = z
  .object({ from: localDate, to: localDate })
  .strict()
  .refine((v) => v.from <= v.to, { message: '"from" must not be after "to"', path: ['from'] });

export const qaReviewInput = z
  .object({
    reviewId: z.number().int().positive(),
    verdict: z.enum(['correct', 'incorrect']),
    comment: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((v) => v.verdict === 'correct' || v.comment.length > 0, { message: 'Say what was wrong', path: ['comment'] });

export const qaSettingsInput = z.object({ samplePercent: z.number().int().min(0).max(100) }).strict();
