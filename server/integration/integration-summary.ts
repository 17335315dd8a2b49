import { sql } from 'kysely';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { ingestDb } from './ingest-schema';
import { outboundHealth } from './outbound-health';
import { REFUSALS_PER_MINUTE_CAP } from './record-refusal';

// The integration page's figures (docs/integration.md §5, docs/api.md `integration.summary`):
// events in per type and minute over the last hour, the last event and its lag, duplicates,
// parked events by reason (those waiting over 7 days flagged: reported, never silently dropped),
// refused batches, refunds pending at the gateway, the message outbox, the outbound services'
// health. Counts and ids only: no event body, no member's details.

export const PARKED_OVERDUE_MS = 7 * 86_400_000;
const LATEST_REFUSALS = 20;

const ageSeconds = (iso: string | null, now: Date) =>
  iso === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));

export async function integrationSummary(db: Db, now: Date, opts: { enabled: boolean }) {
  const idb = ingestDb(db);
  const nowIso = now.toISOString();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const overdueBefore = new Date(now.getTime() - PARKED_OVERDUE_MS).toISOString();
  const n = sql<number>`count(*)`;

  const [perMinute, day, last, parked, refusalRows, refusedHour, refunds, outbox, breakers] = await Promise.all([
    idb
      .selectFrom('ingest_minutes')
      .select(['minute', 'type', 'accepted', 'duplicates', 'parked'])
      .where('minute', '>=', hourAgo.slice(0, 16))
      .orderBy('minute')
      .orderBy('type')
      .execute(),
    idb
      .selectFrom('ingest_minutes')
      .select([
        sql<number>`coalesce(sum(accepted), 0)`.as('accepted'),
        sql<number>`coalesce(sum(duplicates), 0)`.as('duplicates'),
        sql<number>`coalesce(sum(parked), 0)`.as('parked'),
      ])
      .where('minute', '>=', dayAgo.slice(0, 16))
      .executeTakeFirstOrThrow(),
    idb
      .selectFrom('ingest_events')
      .select(['type', 'occurred_at', 'received_at'])
      .orderBy('received_at', 'desc')
      .limit(literal(1))
      .executeTakeFirst(),
    idb
      .selectFrom('ingest_parked')
      .select([
        'type',
        'waits_for',
        n.as('count'),
        sql<string>`min(parked_at)`.as('oldest'),
        sql<number>`count(*) filter (where parked_at < ${overdueBefore})`.as('overdue'),
      ])
      .groupBy(['waits_for', 'type'])
      .orderBy('oldest')
      .execute(),
    idb
      .selectFrom('ingest_refusals')
      .select(['first_at', 'last_at', 'status', 'kind', 'reason', 'batches', 'events', 'event_ids'])
      .orderBy('last_at', 'desc')
      .orderBy('id', 'desc')
      .limit(literal(LATEST_REFUSALS))
      .execute(),
    idb
      .selectFrom('ingest_refusals')
      .select(sql<number>`coalesce(sum(batches), 0)`.as('batches'))
      .where('last_at', '>=', hourAgo)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('refunds')
      .select([n.as('pending'), sql<string | null>`min(created_at)`.as('oldest')])
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox')
      .select([
        sql<number>`count(*) filter (where status = 'pending')`.as('pending'),
        sql<number>`count(*) filter (where status = 'pending' and attempts > 0)`.as('retrying'),
        sql<number>`count(*) filter (where status = 'failed')`.as('failed'),
        sql<string | null>`min(case when status = 'pending' then created_at end)`.as('oldest'),
      ])
      .where('status', 'in', ['pending', 'failed'])
      .executeTakeFirstOrThrow(),
    outboundHealth(db, now),
  ]);

  const hour = perMinute.reduce(
    (sum, r) => ({ accepted: sum.accepted + r.accepted, duplicates: sum.duplicates + r.duplicates, parked: sum.parked + r.parked }),
    { accepted: 0, duplicates: 0, parked: 0 },
  );
  const parkedGroups = parked.map((g) => ({
    type: g.type,
    waitsFor: g.waits_for,
    count: Number(g.count),
    oldestParkedAt: g.oldest,
    oldestAgeSeconds: ageSeconds(g.oldest, now) ?? 0,
    overdue: Number(g.overdue),
  }));
  return {
    now: nowIso,
    /** whether POST /api/v1/events is switched on (INGEST_SECRET) on this server */
    enabled: opts.enabled,
    events: {
      lastHour: hour,
      lastDay: { accepted: Number(day.accepted), duplicates: Number(day.duplicates), parked: Number(day.parked) },
      perMinute,
      types: [...new Set(perMinute.map((r) => r.type))].sort(),
    },
    last: last
      ? {
          type: last.type,
          receivedAt: last.received_at,
          occurredAt: last.occurred_at,
          sinceSeconds: ageSeconds(last.received_at, now) ?? 0,
          lagSeconds: Math.round((Date.parse(last.received_at) - Date.parse(last.occurred_at)) / 1000),
        }
      : null,
    parked: {
      total: parkedGroups.reduce((s, g) => s + g.count, 0),
      overdue: parkedGroups.reduce((s, g) => s + g.overdue, 0),
      overdueAfterDays: PARKED_OVERDUE_MS / 86_400_000,
      groups: parkedGroups,
    },
    refusals: {
      lastHourBatches: Number(refusedHour.batches),
      latest: refusalRows.map((r) => ({
        firstAt: r.first_at,
        lastAt: r.last_at,
        status: r.status,
        kind: r.kind,
        reason: r.reason,
        batches: r.batches,
        /** the count stopped at the cap: at least this many */
        atLeast: r.batches >= REFUSALS_PER_MINUTE_CAP,
        events: r.events,
        eventIds: JSON.parse(r.event_ids) as string[],
      })),
    },
    refunds: { pending: Number(refunds.pending), oldestPendingAt: refunds.oldest, oldestAgeSeconds: ageSeconds(refunds.oldest, now) },
    outbox: {
      pending: Number(outbox.pending),
      retrying: Number(outbox.retrying),
      failed: Number(outbox.failed),
      oldestPendingAt: outbox.oldest,
      oldestAgeSeconds: ageSeconds(outbox.oldest, now),
    },
    breakers,
  };
}

export type IntegrationSummary = Awaited<ReturnType<typeof integrationSummary>>;
