import { sql } from 'kysely';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc';

export const healthRouter = router({
  check: publicProcedure
    .meta({ allow: 'public' })
    .output(z.object({ ok: z.boolean() }))
    .query(async ({ ctx }) => {
      await sql`select 1`.execute(ctx.db);
      return { ok: true };
    }),
});
