import { z } from 'zod';
import { localDateSchema as localDate } from './text';

export const dashboardInput = z
  .object({ from: localDate, to: localDate })
  .strict()
  .refine((v) => v.from <= v.to, { message: '"from" must not be after "to"', path: ['from'] });
