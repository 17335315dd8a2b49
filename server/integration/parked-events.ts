import type { z } from 'zod';
import type { parkedInput } from '../../shared/schemas/integration';
import { apiShape } from '../api-shape';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { DomainError } from '../errors';
import { ingestDb } from './ingest-schema';
import { PARKED_OVERDUE_MS } from './integration-summary';

// Parked events, oldest first, a page at a time (docs/api.md `integration.parked`): what each
// waits for and why, never the event itself — a parked member.upserted holds a phone and an
// e-mail. The cursor is the last row's (parked_at, event_id).

export async function parkedEvents(db: Db, input: z.output<typeof parkedInput>, now: Date) {
  const overdueBefore = new Date(now.getTime() - PARKED_OVERDUE_MS).toISOString();
  const after = input.cursor ? readCursor(input.cursor) : null;
  const rows = await ingestDb(db)
    .selectFrom('ingest_parked')
    .select(['event_id', 'type', 'waits_for', 'waits_key', 'reason', 'occurred_at', 'parked_at'])
    .$if(input.waitsFor !== undefined, (q) => q.where('waits_for', '=', input.waitsFor!))
    .$if(input.overdue === true, (q) => q.where('parked_at', '<', overdueBefore))
    .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('parked_at', 'event_id'), '>', eb.tuple(after!.parkedAt, after!.eventId))))
    .orderBy('parked_at')
    .orderBy('event_id')
    .limit(literal(input.limit + 1))
    .execute();
  const page = rows.slice(0, input.limit);
  const lastRow = page.at(-1);
  return {
    // each selected column under its API name, with how long it has waited
    items: page.map((r) =>
      Object.assign(apiShape(r), {
        ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(r.parked_at)) / 1000)),
        overdue: r.parked_at < overdueBefore,
      }),
    ),
    nextCursor: rows.length > input.limit && lastRow ? JSON.stringify([lastRow.parked_at, lastRow.event_id]) : null,
  };
}

function readCursor(cursor: string): { parkedAt: string; eventId: string } {
  try {
    const value: unknown = JSON.parse(cursor);
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string')
      return { parkedAt: value[0], eventId: value[1] };
  } catch {
    // answered below
  }
  throw new DomainError('BAD_REQUEST', 'The cursor is not one this list gave: start again from the first page');
}
