import { ALLOW } from '../../shared/roles';
import { commsEditInput, commsListInput, commsLogInput, commsSendInput } from '../../shared/schemas/comms';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { editComm, logComm, sendReply } from './log-comm';
import { commAuthors, listComms } from './search-comms';

export const commsRouter = router({
  log: procedure
    .meta({ allow: ALLOW.work })
    .input(commsLogInput)
    .mutation(({ ctx, input }) => logComm(ctx.db, actorOf(ctx), input, ctx.now())),
  edit: procedure
    .meta({ allow: ALLOW.work })
    .input(commsEditInput)
    .mutation(({ ctx, input }) => editComm(ctx.db, actorOf(ctx), input, ctx.now())),
  send: procedure
    .meta({ allow: ALLOW.work })
    .input(commsSendInput)
    .mutation(({ ctx, input }) => sendReply(ctx.db, actorOf(ctx), input, ctx.now())),
  list: procedure
    .meta({ allow: ALLOW.read })
    .input(commsListInput)
    .query(({ ctx, input }) => listComms(ctx.reader, input)),
  authors: procedure.meta({ allow: ALLOW.read }).query(({ ctx }) => commAuthors(ctx.reader)),
});
