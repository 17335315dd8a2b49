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
