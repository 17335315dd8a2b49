import { z } from 'zod';

export const revealInput = z
  .object({
    uid: z.string().trim().min(1).max(40),
    field: z.enum(['phone', 'email']),
    reason: z.string().trim().min(4, 'State why you need to see it (at least 4 characters)').max(500),
  })
  .strict();
