import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { literal } from '../db/literal-limit';
import type { MessageSender } from '../adapters/message-sender';
import type { Db } from '../db/client';
import { engineOf } from '../db/engine';
import { writeTx } from '../db/write-tx';

const MAX_ATTEMPTS = 6;

// Delivers due outbox messages one at a time. A row is claimed (attempts+1, next attempt
// pushed back) before the send, so a crash mid-send retries later rather than never, and the
// sender receives the dedupe key so a retry after a lost answer does not deliver twice.
// Backoff: 30 s, 1 min, 2 min, 4 min, 8 min (from `retryBaseMs`, OUTBOX_RETRY_BASE_MS); then the
// message is marked failed.
// Every server runs it (docs/deployment.md § Several servers): the claim is made in a write
// transaction, and on PostgreSQL its read takes the row with `FOR UPDATE SKIP LOCKED`, so two
// servers never claim one message, and a claim never waits on another server's.
export async function deliverOutbox(db: Db, sender: MessageSender, now: () => Date, batch = 20, retryBaseMs = 30_000): Promise<number> {
  let delivered = 0;
  const postgres = engineOf(db) === 'postgres';
  for (let i = 0; i < batch; i++) {
    await yieldToRequests(); // agents' requests go first between two deliveries (reconcile-refunds.ts)
    const claimed = await writeTx(db, async (tx) => {
      const row = await tx
        .selectFrom('outbox')
        .select(['id', 'dedupe_key', 'member_uid', 'channel', 'body', 'attempts', 'communication_id'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now().toISOString())
        .orderBy('next_attempt_at')
        .limit(literal(1))
        .$if(postgres, (q) => q.forUpdate().skipLocked())
        .executeTakeFirst();
      if (!row) return null;
      const backoffMs = retryBaseMs * 2 ** row.attempts;
      // the previous attempt's error is cleared here, not after the send: a message.failed receipt
      // can come in before this attempt's outcome is written, and its reason must stay
      await tx
        .updateTable('outbox')
        .set({ attempts: row.attempts + 1, next_attempt_at: new Date(now().getTime() + backoffMs).toISOString(), last_error: null })
        .where('id', '=', row.id)
        .execute();
      return row;
    });
    if (!claimed) break;
    let error: string | null = null;
    try {
      await sender.send({ dedupeKey: claimed.dedupe_key, memberUid: claimed.member_uid, channel: claimed.channel, body: claimed.body });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const gaveUp = error !== null && claimed.attempts + 1 >= MAX_ATTEMPTS;
    const status = error === null ? 'sent' : gaveUp ? 'failed' : 'pending';
    await writeTx(db, async (tx) => {
      await tx
        .updateTable('outbox')
        .set(error === null ? { status, sent_at: now().toISOString() } : { status, last_error: error, sent_at: null })
        .where('id', '=', claimed.id)
        .execute();
      // A delivery receipt (message.delivered / message.failed) may already have come in while
      // the send was answered: the service's word on delivery is never overwritten by ours.
      if (claimed.communication_id) {
        await tx
          .updateTable('communications')
          .set({ delivery_status: error === null ? 'sent' : gaveUp ? 'failed' : 'retrying' })
          .where('id', '=', claimed.communication_id)
          .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', 'not in', ['delivered', 'failed'])]))
          .execute();
      }
    });
    if (error === null) delivered++;
  }
  return delivered;
}
