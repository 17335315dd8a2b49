import { z } from 'zod';
import { refundPolicySchema } from '../refund/schema';

export const policySettingsInput = refundPolicySchema.omit({ version: true });

export const policyPublishInput = z
  .object({
    settings: policySettingsInput,
    note: z.string().trim().min(2, 'Say what changes and why').max(1000),
    /** the version the admin edited: publishing over a newer one is a CONFLICT */
    baseVersion: z.number().int().nonnegative(),
  })
  .strict();

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD');

export const calendarSetInput = z
  .object({
    date: localDate,
    kind: z.enum(['holiday', 'makeup_workday', 'normal']),
    name: z.string().trim().max(60).default(''),
  })
  .strict();

export const calendarListInput = z.object({ year: z.number().int().min(2000).max(2100) }).strict();
