import { z } from 'zod';

// Inputs of the integration page's procedures (docs/api.md `integration.*`).

export const WAITS_FOR = ['member', 'plan', 'order', 'refund', 'message'] as const;

export const parkedInput = z
  .object({
    /** what a parked event waits for; all when absent */
    waitsFor: z.enum(WAITS_FOR).optional(),
    /** only those waiting longer than 7 days */
    overdue: z.boolean().optional(),
    /** the page's `nextCursor` to go on from */
    cursor: z.string().max(200).nullish(),
    limit: z.union([z.literal(20), z.literal(50), z.literal(100)]).default(50),
  })
  .strict();
