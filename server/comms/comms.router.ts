import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { commsEditInput, commsListInput, commsLogInput, commsSendInput, EDIT_WINDOW_MS } from '../../shared/schemas/comms';
import { actorOf } from '../actor';
import { recordAudit } from '../audit/record-audit';
import { writeTx } from '../db/write-tx';
import { decodeCursor, encodeCursor } from '../orders/cursor';
import { procedure, router } from '../trpc';
import { enqueueMessage } from './enqueue-message';

export const commsRouter = router({
  // Records a call, chat, e-mail or internal note, on a case or on the member alone.
  log: procedure
    .meta({ allow: ALLOW.work })
    .input(commsLogInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const member = await tx.selectFrom('members').select('uid').where('uid', '=', input.memberUid).executeTakeFirst();
        if (!member) throw new TRPCError({ code: 'NOT_FOUND', message: `No member ${input.memberUid}` });
        if (input.caseNo) {
          const kase = await tx.selectFrom('refund_cases').select('member_uid').where('case_no', '=', input.caseNo).executeTakeFirst();
          if (!kase) throw new TRPCError({ code: 'NOT_FOUND', message: `No case ${input.caseNo}` });
          if (kase.member_uid !== input.memberUid) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The case belongs to another member' });
        }
        const row = await tx
          .insertInto('communications')
          .values({
            case_no: input.caseNo ?? null,
            member_uid: input.memberUid,
            direction: input.direction,
            channel: input.channel,
            body: input.body,
            duration_sec: input.durationSec ?? null,
            author_id: ctx.staff.id,
            delivery_status: null,
            created_at: now.toISOString(),
            edited_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(
          tx,
          actorOf(ctx),
          { action: 'comm.log', entityType: input.caseNo ? 'case' : 'member', entityId: input.caseNo ?? input.memberUid, after: { commId: row.id, direction: input.direction, channel: input.channel } },
          now,
        );
        return { commId: row.id };
      });
    }),

  // The author may correct a logged contact within 15 minutes; the change is audited with both versions.
  edit: procedure
    .meta({ allow: ALLOW.work })
    .input(commsEditInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const comm = await tx
          .selectFrom('communications')
          .select(['id', 'author_id', 'body', 'created_at', 'direction', 'case_no', 'member_uid'])
          .where('id', '=', input.commId)
          .executeTakeFirst();
        if (!comm) throw new TRPCError({ code: 'NOT_FOUND', message: `No communication ${input.commId}` });
        if (comm.author_id !== ctx.staff.id) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the author may edit a record' });
        const sent = await tx.selectFrom('outbox').select('id').where('communication_id', '=', comm.id).executeTakeFirst();
        if (sent) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'A message sent to the member cannot be edited' });
        if (now.getTime() - Date.parse(comm.created_at) > EDIT_WINDOW_MS) {
          throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Records can be edited for 15 minutes only: add a note instead' });
        }
        await tx.updateTable('communications').set({ body: input.body, edited_at: now.toISOString() }).where('id', '=', comm.id).execute();
        await recordAudit(
          tx,
          actorOf(ctx),
          { action: 'comm.edit', entityType: comm.case_no ? 'case' : 'member', entityId: comm.case_no ?? comm.member_uid, before: { commId: comm.id, body: comm.body }, after: { commId: comm.id, body: input.body } },
          now,
        );
        return { commId: comm.id, editedAt: now.toISOString() };
      });
    }),

  // Sends the member a message from the console (a template reply), through the outbox.
  send: procedure
    .meta({ allow: ALLOW.work })
    .input(commsSendInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const kase = await tx.selectFrom('refund_cases').select(['member_uid']).where('case_no', '=', input.caseNo).executeTakeFirst();
        if (!kase) throw new TRPCError({ code: 'NOT_FOUND', message: `No case ${input.caseNo}` });
        const key = `${input.caseNo}:reply:${ctx.requestId}:${input.channel}`;
        await enqueueMessage(tx, { memberUid: kase.member_uid, caseNo: input.caseNo, channel: input.channel, body: input.body, dedupeKey: key, authorId: ctx.staff.id }, now);
        await recordAudit(tx, actorOf(ctx), { action: 'comm.send', entityType: 'case', entityId: input.caseNo, after: { channel: input.channel } }, now);
        return { queued: true };
      });
    }),

  list: procedure
    .meta({ allow: ALLOW.read })
    .input(commsListInput)
    .query(async ({ ctx, input }) => {
      let query = ctx.db
        .selectFrom('communications')
        .leftJoin('staff', 'staff.id', 'communications.author_id')
        .select([
          'communications.id',
          'communications.case_no',
          'communications.member_uid',
          'communications.direction',
          'communications.channel',
          'communications.body',
          'communications.duration_sec',
          'communications.delivery_status',
          'communications.created_at',
          'communications.edited_at',
          'staff.username as author',
        ]);
      if (input.caseNo) query = query.where('communications.case_no', '=', input.caseNo);
      if (input.memberUid) query = query.where('communications.member_uid', '=', input.memberUid);
      if (input.direction) query = query.where('communications.direction', '=', input.direction);
      if (input.channel) query = query.where('communications.channel', '=', input.channel);
      if (input.q) {
        const q = input.q;
        if (Array.from(q).length >= 3) {
          const phrase = `"${q.replace(/"/g, '""')}"`;
          query = query.where('communications.id', 'in', (eb) =>
            eb.selectFrom('communications_fts').select('communications_fts.rowid').where(sql<boolean>`communications_fts match ${phrase}`),
          );
        } else {
          const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          query = query.where(sql<boolean>`communications.body like ${pattern} escape '\\'`);
        }
      }
      if (input.cursor) {
        const [at, id] = decodeCursor<[string, number]>(input.cursor, ['string', 'number']);
        query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('communications.created_at', 'communications.id'), '<', tuple(at, id)));
      }
      const rows = await query.orderBy('communications.created_at', 'desc').orderBy('communications.id', 'desc').limit(input.limit + 1).execute();
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          commId: r.id,
          caseNo: r.case_no,
          memberUid: r.member_uid,
          direction: r.direction,
          channel: r.channel,
          body: r.body,
          durationSec: r.duration_sec,
          deliveryStatus: r.delivery_status,
          author: r.author,
          createdAt: r.created_at,
          editedAt: r.edited_at,
        })),
        nextCursor: rows.length > input.limit && last ? encodeCursor([last.created_at, last.id]) : null,
      };
    }),

  templates: procedure
    .meta({ allow: ALLOW.read })
    .input(z.object({ locale: z.enum(['zh-CN', 'en']).optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      let q = ctx.db.selectFrom('message_templates').select(['id', 'code', 'locale', 'title', 'body', 'updated_at']);
      if (input?.locale) q = q.where('locale', '=', input.locale);
      return q.orderBy('code').orderBy('locale').execute();
    }),
});
