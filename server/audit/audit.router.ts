import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { auditHistoryInput, auditListInput } from '../../shared/schemas/audit';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { auditHistory, listAudit } from './read-audit';
import { verifyAuditChainAsync } from './verify-chain-async';

export const auditRouter = router({
  list: procedure
    .meta({ allow: ALLOW.oversee })
    .input(auditListInput)
    .query(({ ctx, input }) => listAudit(ctx.db, actorOf(ctx), input, ctx.now())),
  history: procedure
    .meta({ allow: ALLOW.oversee })
    .input(auditHistoryInput)
    .query(({ ctx, input }) => auditHistory(ctx.db, actorOf(ctx), input, ctx.now())),
  verify: procedure
    .meta({ allow: ALLOW.oversee, cost: 'heavy' })
    .input(z.object({}).strict().optional())
    .query(({ ctx }) => verifyAuditChainAsync(ctx.db)),
});
