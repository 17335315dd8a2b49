import { ALLOW } from '../../shared/roles';
import {
  casesAddEvidenceInput,
  casesApproveInput,
  casesAssignInput,
  casesCloseInput,
  casesCreateInput,
  casesGetInput,
  casesGoodwillInput,
  casesListInput,
  casesProposeInput,
  casesQuoteInput,
  casesRejectInput,
  casesReopenInput,
  casesSendBackInput,
  casesSendStoreAnswerInput,
  casesRecordStoreConsentInput,
} from '../../shared/schemas/cases';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { approveCase } from './approve-case';
import { addEvidence } from './case-evidence';
import { createCase } from './create-case';
import { assignCase, closeCase, proposeCase, redirectToStore, rejectCase, reopenCase, sendBackCase } from './decide-case';
import { getCase } from './get-case';
import { listCases } from './list-cases';
import { goodwillQuote, quoteCase } from './quote-case';
import { recordStoreConsent, sendConsumption } from '../stores/send-consumption';

export const casesRouter = router({
  create: procedure
    .meta({ allow: ALLOW.work })
    .input(casesCreateInput)
    .mutation(({ ctx, input }) => createCase(ctx.db, actorOf(ctx), input, ctx.now())),
  addEvidence: procedure
    .meta({ allow: ALLOW.work })
    .input(casesAddEvidenceInput)
    .mutation(({ ctx, input }) => addEvidence(ctx.db, actorOf(ctx), input, ctx.now())),
  get: procedure
    .meta({ allow: ALLOW.read })
    .input(casesGetInput)
    .query(({ ctx, input }) => getCase(ctx.reader, input.caseNo, ctx.now())),
  list: procedure
    .meta({ allow: ALLOW.read })
    .input(casesListInput)
    .query(({ ctx, input }) => listCases(ctx.reader, ctx.staff, input, ctx.now())),
  quote: procedure
    .meta({ allow: ALLOW.work })
    .input(casesQuoteInput)
    .mutation(({ ctx, input }) => quoteCase(ctx.db, actorOf(ctx), input.caseNo, input.basis, ctx.now())),
  goodwill: procedure
    .meta({ allow: ALLOW.supervise })
    .input(casesGoodwillInput)
    .mutation(({ ctx, input }) => goodwillQuote(ctx.db, actorOf(ctx), input, ctx.now())),
  approve: procedure
    .meta({ allow: ALLOW.work })
    .input(casesApproveInput)
    .mutation(({ ctx, input }) => approveCase(ctx.db, ctx.gateway, ctx.staff, actorOf(ctx), input, ctx.now())),
  propose: procedure
    .meta({ allow: ALLOW.work })
    .input(casesProposeInput)
    .mutation(({ ctx, input }) => proposeCase(ctx.db, actorOf(ctx), input, ctx.now())),
  sendBack: procedure
    .meta({ allow: ALLOW.supervise })
    .input(casesSendBackInput)
    .mutation(({ ctx, input }) => sendBackCase(ctx.db, actorOf(ctx), input, ctx.now())),
  reject: procedure
    .meta({ allow: ALLOW.work })
    .input(casesRejectInput)
    .mutation(({ ctx, input }) => rejectCase(ctx.db, ctx.staff, actorOf(ctx), input, ctx.now())),
  reopen: procedure
    .meta({ allow: ALLOW.work })
    .input(casesReopenInput)
    .mutation(({ ctx, input }) => reopenCase(ctx.db, actorOf(ctx), input, ctx.now())),
  redirectToStore: procedure
    .meta({ allow: ALLOW.work })
    .input(casesCloseInput)
    .mutation(({ ctx, input }) => redirectToStore(ctx.db, actorOf(ctx), input, ctx.now())),
  close: procedure
    .meta({ allow: ALLOW.work })
    .input(casesCloseInput)
    .mutation(({ ctx, input }) => closeCase(ctx.db, actorOf(ctx), input, ctx.now())),
  sendStoreAnswer: procedure
    .meta({ allow: ALLOW.work })
    .input(casesSendStoreAnswerInput)
    .mutation(({ ctx, input }) => sendConsumption(ctx.db, ctx.config.apple, actorOf(ctx), input.caseNo, ctx.now())),
  recordStoreConsent: procedure
    .meta({ allow: ALLOW.work })
    .input(casesRecordStoreConsentInput)
    .mutation(({ ctx, input }) => recordStoreConsent(ctx.db, actorOf(ctx), input, ctx.now())),
  assign: procedure
    .meta({ allow: ALLOW.supervise })
    .input(casesAssignInput)
    .mutation(({ ctx, input }) => assignCase(ctx.db, actorOf(ctx), input, ctx.now())),
});
