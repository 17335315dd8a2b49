import { sql } from 'kysely';
import { readBreakers, type BreakerState, type OutboundService } from '../adapters/breaker';
import type { Db } from '../db/client';

// The outbound services' health for the integration page (docs/integration.md §5): the payment
// gateway and the member message service, each read from what the database holds about the
// calls made to them — the refunds sent (refunds) and the messages queued (outbox).
//
// Beside it, each service's circuit breaker as stored (server/adapters/breaker.ts, readBreakers):
// an open breaker is `failing`, a half-open one `degraded`. A service never called through HTTP
// (the in-process simulated gateway, the recording sender) has no breaker row: `breaker` null.

export type Health = 'ok' | 'idle' | 'degraded' | 'failing';

export interface ServiceHealth {
  service: OutboundService;
  health: Health;
  /** the breaker's state, null when the service has none stored (never called over HTTP) */
  breaker: BreakerState | null;
  /** failed calls in a row and the last failure's reason (no personal data), as the breaker holds them */
  breakerFailures: number | null;
  breakerLastError: string | null;
  breakerOpenedAt: string | null;
  /** calls of the last hour and the share that failed (null when there were none) */
  lastHour: { calls: number; failed: number; errorRate: number | null };
  /** why the health is what it is, as codes the page words: 'pending_stuck', 'retrying', … */
  signs: string[];
}

/**
 * A refund still pending this long after it was sent, with no gateway reference, has had no
 * answer the reconciler could get (a bank card the gateway accepted is pending with its
 * reference while it settles: that is an answer).
 */
export const PENDING_STUCK_MS = 10 * 60_000;
/** A message due this long ago and still not sent: the outbox is not being worked. */
export const OUTBOX_LATE_MS = 5 * 60_000;
const MIN_CALLS_FOR_RATE = 3;

type BreakerRow = Awaited<ReturnType<typeof readBreakers>>[number];

export async function outboundHealth(db: Db, now: Date): Promise<ServiceHealth[]> {
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const stuckBefore = new Date(now.getTime() - PENDING_STUCK_MS).toISOString();
  const lateBefore = new Date(now.getTime() - OUTBOX_LATE_MS).toISOString();
  const [refunds, stuck, messages, outbox, breakers] = await Promise.all([
    db
      .selectFrom('refunds')
      .select([sql<number>`count(*)`.as('calls'), sql<number>`count(*) filter (where status = 'failed')`.as('failed')])
      .where('created_at', '>=', hourAgo)
      .where('payment_channel', '!=', 'bcoin') // paid back in-house, never sent to the gateway
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('refunds')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '=', 'pending')
      .where('gateway_ref', 'is', null)
      .where('created_at', '<', stuckBefore)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox')
      .select([
        sql<number>`count(*) filter (where created_at >= ${hourAgo})`.as('calls'),
        sql<number>`count(*) filter (where created_at >= ${hourAgo} and last_error is not null)`.as('failed'),
        sql<number>`count(*) filter (where status = 'failed')`.as('failedDay'),
      ])
      .where('created_at', '>=', dayAgo)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox')
      .select([
        sql<number>`count(*) filter (where attempts > 0)`.as('retrying'),
        sql<number>`count(*) filter (where next_attempt_at < ${lateBefore})`.as('late'),
      ])
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
    readBreakers(db),
  ]);
  const byService = new Map(breakers.map((b) => [b.service, b]));

  const gatewaySigns = [...(stuck.n > 0 ? ['pending_stuck'] : [])];
  const senderSigns = [
    ...(outbox.retrying > 0 ? ['retrying'] : []),
    ...(outbox.late > 0 ? ['outbox_late'] : []),
    ...(messages.failedDay > 0 ? ['failed_today'] : []),
  ];
  return [
    judge('payment_gateway', refunds, gatewaySigns, byService.get('payment_gateway')),
    judge('message_service', { calls: messages.calls, failed: messages.failed }, senderSigns, byService.get('message_service')),
  ];
}

function judge(
  service: OutboundService,
  hour: { calls: number; failed: number },
  signs: string[],
  stored: BreakerRow | undefined,
): ServiceHealth {
  const calls = Number(hour.calls);
  const failed = Number(hour.failed);
  const errorRate = calls > 0 ? failed / calls : null;
  const breaker = stored?.state ?? null;
  const rated = calls >= MIN_CALLS_FOR_RATE && errorRate !== null;
  if (rated && errorRate >= 0.2) signs.push('error_rate');
  if (breaker === 'open' || breaker === 'half_open') signs.push(`breaker_${breaker}`);
  const health: Health =
    breaker === 'open' || (rated && errorRate >= 0.5) ? 'failing' : signs.length > 0 ? 'degraded' : calls === 0 ? 'idle' : 'ok';
  return {
    service,
    health,
    breaker,
    breakerFailures: stored?.failures ?? null,
    breakerLastError: stored?.lastError ?? null,
    breakerOpenedAt: stored?.openedAt ?? null,
    lastHour: { calls, failed, errorRate },
    signs,
  };
}
