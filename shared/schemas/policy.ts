import { z } from 'zod';
import { refundPolicySchema } from '../refund/schema';
import { freeText, localDateSchema as localDate } from './text';

export const policySettingsInput = refundPolicySchema.omit({ version: true });

export const policyPublishInput = z
  .object({
    settings: policySettingsInput,
    note: freeText(1000).min(2, 'Say what changes and why'),
    /** the version the admin edited: publishing over a newer one is a CONFLICT */
    baseVersion: z.number().int().nonnegative(),
  })
  .strict();

export const calendarSetInput = z
  .object({
    date: localDate,
    kind: z.enum(['holiday', 'makeup_workday', 'normal']),
    name: freeText(60).default(''),
  })
  .strict();

export const calendarListInput = z.object({ year: z.number().int().min(2000).max(2100) }).strict();
