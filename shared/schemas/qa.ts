import { z } from 'zod';
import { freeText } from './text';

export const qaQueueInput = z
  .object({ reviewed: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) })
  .strict();

export const qaReviewInput = z
  .object({
    reviewId: z.number().int().positive(),
    verdict: z.enum(['correct', 'incorrect']),
    comment: freeText(2000).default(''),
  })
  .strict()
  .refine((v) => v.verdict === 'correct' || v.comment.length > 0, { message: 'Say what was wrong', path: ['comment'] });

export const qaSettingsInput = z.object({ samplePercent: z.number().int().min(0).max(100) }).strict();
