import type { Db } from '../db/client';

// A message to the member goes through the outbox: recorded as an outbound communication and
// queued for the sender in the same transaction as the decision that caused it. The dedupe
// key makes a second enqueue of the same notice a no-op, so a member is told exactly once.
export async function enqueueMessage(
  tx: Db,
  msg: {
    memberUid: string;
    caseNo: string | null;
    channel: 'sms' | 'in_app_message';
    body: string;
    dedupeKey: string;
    authorId: number | null;
  },
  now: Date,
): Promise<void> {
  const existing = await tx.selectFrom('outbox').select('id').where('dedupe_key', '=', msg.dedupeKey).executeTakeFirst();
  if (existing) return;
  const comm = await tx
    .insertInto('communications')
    .values({
      case_no: msg.caseNo,
      member_uid: msg.memberUid,
      direction: 'outbound',
      channel: msg.channel,
      body: msg.body,
      duration_sec: null,
      author_id: msg.authorId,
      delivery_status: 'pending',
      created_at: now.toISOString(),
      edited_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('outbox')
    .values({
      dedupe_key: msg.dedupeKey,
      communication_id: comm.id,
      member_uid: msg.memberUid,
      channel: msg.channel,
      body: msg.body,
      status: 'pending',
      next_attempt_at: now.toISOString(),
      last_error: null,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .execute();
}
