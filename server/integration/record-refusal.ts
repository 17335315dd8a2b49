import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { log } from '../log';
import { ingestDb } from './ingest-schema';

// Refused batches of POST /api/v1/events, kept for the integration page (docs/integration.md §5).
// A row per UTC minute, HTTP status and kind of refusal counts the batches; it holds the latest
// reason (the answer's own message, which never quotes a body), how many events the batches held
// when that could be counted, and the latest batch's event ids when they could be read — never a
// body, never a member's details. A flood cannot fill the disk or the write lock:
// - a row counts at most REFUSALS_PER_MINUTE_CAP batches; past that, a refusal only reads (the
//   page shows the figure as "at least");
// - there are a few kinds per status, so a minute has a handful of rows, and only the newest
//   REFUSAL_ROWS_KEPT rows are kept.

export const REFUSALS_PER_MINUTE_CAP = 1000;
export const REFUSAL_ROWS_KEPT = 2000;
const MAX_IDS = 20;

export type RefusalKind =
  | 'body_too_large'
  | 'too_many_events'
  | 'bad_signature'
  | 'content_type'
  | 'not_json'
  | 'bad_shape'
  | 'invalid_events'
  | 'conflict'
  | 'contradicts';

export interface Refusal {
  status: 400 | 401 | 409 | 413 | 415;
  kind: RefusalKind;
  reason: string;
  /** events in the batch, when it could be parsed */
  events?: number;
  /** the event ids the refusal names (or the batch's first ones), when they could be read */
  eventIds?: readonly string[];
}

/** Stores a refusal; never throws (a refusal is answered whether or not it could be stored). */
export async function recordRefusal(db: Db, refusal: Refusal, now: Date): Promise<void> {
  try {
    await store(db, refusal, now);
  } catch (error) {
    log.warn('ingest refusal not stored', { error: error instanceof Error ? error.message : String(error) });
  }
}

async function store(db: Db, refusal: Refusal, now: Date) {
  const at = now.toISOString();
  const key = { minute: at.slice(0, 16), status: refusal.status, kind: refusal.kind };
  const idb = ingestDb(db);
  const held = await idb
    .selectFrom('ingest_refusals')
    .select('batches')
    .where('minute', '=', key.minute)
    .where('status', '=', key.status)
    .where('kind', '=', key.kind)
    .executeTakeFirst();
  if (held && held.batches >= REFUSALS_PER_MINUTE_CAP) return;
  const reason = refusal.reason.slice(0, 300);
  const eventIds = JSON.stringify((refusal.eventIds ?? []).slice(0, MAX_IDS).map((id) => String(id).slice(0, 100)));
  await writeTx(db, async (plain) => {
    const tx = ingestDb(plain);
    const inserted = await tx
      .insertInto('ingest_refusals')
      .values({ ...key, reason, batches: 1, events: refusal.events ?? null, event_ids: eventIds, first_at: at, last_at: at })
      .onConflict((oc) =>
        oc.columns(['minute', 'status', 'kind']).doUpdateSet((eb) => ({
          // qualified: PostgreSQL finds a bare `batches` ambiguous beside `excluded.batches`
          batches: eb('ingest_refusals.batches', '+', 1),
          events:
            refusal.events === undefined
              ? eb.ref('ingest_refusals.events')
              : eb(eb.fn.coalesce('ingest_refusals.events', eb.lit(0)), '+', refusal.events),
          reason,
          event_ids: eventIds,
          last_at: at,
        })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!held)
      await tx
        .deleteFrom('ingest_refusals')
        .where('id', '<=', inserted.id - REFUSAL_ROWS_KEPT)
        .execute();
  });
}
