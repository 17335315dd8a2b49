import { z } from 'zod';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD');

export const dashboardInput = z
  .object({ from: localDate, to: localDate })
  .strict()
  .refine((v) => v.from <= v.to, { message: '"from" must not be after "to"', path: ['from'] });
